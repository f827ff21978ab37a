import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { errnoOf, isDuplicateKey } from '../../db/client';
import { communities, complexes, facilities, spaceBlackouts, spaceRules, spaceSlots, spaces } from '../../db/schema';
import { appError, conflict, notFound, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { assertCanManageStreet } from '../access/scope';
import { STAR_MOON_MAX_M } from '../../../../shared/constants';
import type { ComplexCreate, ComplexPatch, FacilityCreate, SpaceCreate } from '../../../../shared/api/residency';
import { haversineM, insideXihu } from './geo';
import { activeFacilities, findCommunity, findComplex, findFacility, findSpace, spaceHasBookings } from './queries';

type Point = { lat: number; lng: number };

function assertInsideXihu(p: Point) {
  if (!insideXihu(p.lat, p.lng)) throw validationFailed({ lat: '坐标不在西湖区范围内，请检查经纬度', lng: '坐标不在西湖区范围内，请检查经纬度' });
}

/** 星月式: a satellite no more than 500 m from its main site; the message names the distance. */
export function assertNearMain(main: Point, p: Point, name: string) {
  const d = Math.round(haversineM(main.lat, main.lng, p.lat, p.lng));
  if (d > STAR_MOON_MAX_M) throw appError(422, 'too_far', `「${name}」距主阵地 ${d} 米，星月式综合体的卫星点须在 ${STAR_MOON_MAX_M} 米以内`, { distanceM: d, maxM: STAR_MOON_MAX_M });
}

const taken = (e: unknown, what: string) => {
  if (isDuplicateKey(e)) return conflict('name_taken', `已有同名的${what}`);
  return e;
};

async function loadComplex(tx: Tx, id: number) {
  const c = await findComplex(tx, id);
  if (!c) throw notFound('民生综合体不存在');
  return c;
}

async function checkCommunity(tx: Tx, communityId: number | null | undefined, streetId: number) {
  if (!communityId) return;
  const k = await findCommunity(tx, communityId);
  if (!k || k.streetId !== streetId) throw validationFailed({ communityId: '所选社区不属于该街道' });
}

/** A new complex and its main site (主阵地) at the same point. */
export async function createComplex(tx: Tx, actor: AuthUser, input: ComplexCreate): Promise<{ id: number }> {
  await assertCanManageStreet(tx, actor, input.streetId);
  assertInsideXihu(input);
  await checkCommunity(tx, input.communityId, input.streetId);
  try {
    const [{ id }] = await tx
      .insert(complexes)
      .values({
        streetId: input.streetId,
        communityId: input.communityId ?? null,
        name: input.name,
        mode: input.mode,
        address: input.address,
        lat: input.lat,
        lng: input.lng,
        ...(input.openingHours ? { openingHours: input.openingHours } : {}),
        hotline: input.hotline ?? '',
        description: input.description ?? '',
      })
      .$returningId();
    await tx.insert(facilities).values({ complexId: id, name: `${input.name}主阵地`.slice(0, 64), address: input.address, lat: input.lat, lng: input.lng, isMain: true });
    return { id };
  } catch (e) {
    throw taken(e, '民生综合体');
  }
}

/**
 * Edits a complex (never its street). Moving it moves its main site, and a 星月式 complex must keep
 * every satellite within 500 m — also when its mode changes to 星月式.
 */
export async function updateComplex(tx: Tx, actor: AuthUser, id: number, patch: ComplexPatch, now: Date): Promise<{ id: number }> {
  const c = await loadComplex(tx, id);
  await assertCanManageStreet(tx, actor, c.streetId);
  const [locked] = await tx.select().from(complexes).where(eq(complexes.id, id)).for('update');
  const point = { lat: patch.lat ?? locked.lat, lng: patch.lng ?? locked.lng };
  if (patch.lat !== undefined || patch.lng !== undefined) assertInsideXihu(point);
  if (patch.communityId !== undefined) await checkCommunity(tx, patch.communityId, c.streetId);
  const mode = patch.mode ?? locked.mode;
  const facs = await activeFacilities(tx, id, true);
  const main = facs.find((f) => f.isMain);
  const mainPoint = patch.lat !== undefined || patch.lng !== undefined ? point : main ?? point;
  if (mode === 'star_moon') for (const f of facs.filter((x) => !x.isMain)) assertNearMain(mainPoint, f, f.name);
  const { archived, ...fields } = patch;
  try {
    await tx
      .update(complexes)
      .set({ ...fields, ...(archived === undefined ? {} : { archivedAt: archived ? now : null }) })
      .where(eq(complexes.id, id));
  } catch (e) {
    throw taken(e, '民生综合体');
  }
  if (main && (patch.lat !== undefined || patch.lng !== undefined)) await tx.update(facilities).set(point).where(eq(facilities.id, main.id));
  return { id };
}

/** A satellite (星月式) or a link of the chain (珠链式); the first facility of a complex is its main site. */
export async function createFacility(tx: Tx, actor: AuthUser, complexId: number, input: FacilityCreate): Promise<{ id: number }> {
  const c = await loadComplex(tx, complexId);
  await assertCanManageStreet(tx, actor, c.streetId);
  if (c.archivedAt) throw conflict('archived', '该综合体已归档');
  assertInsideXihu(input);
  const facs = await activeFacilities(tx, complexId, true);
  const main = facs.find((f) => f.isMain);
  if (main && c.mode === 'star_moon') assertNearMain(main, input, input.name);
  try {
    const [{ id }] = await tx.insert(facilities).values({ complexId, ...input, isMain: !main }).$returningId();
    return { id };
  } catch (e) {
    throw taken(e, '设施');
  }
}

export async function updateFacility(tx: Tx, actor: AuthUser, facilityId: number, patch: Partial<FacilityCreate>): Promise<{ id: number; complexId: number }> {
  const f = await findFacility(tx, facilityId);
  if (!f) throw notFound('设施不存在');
  const c = await loadComplex(tx, f.complexId);
  await assertCanManageStreet(tx, actor, c.streetId);
  const point = { lat: patch.lat ?? f.lat, lng: patch.lng ?? f.lng };
  if (patch.lat !== undefined || patch.lng !== undefined) {
    assertInsideXihu(point);
    const facs = await activeFacilities(tx, f.complexId, true);
    if (c.mode === 'star_moon') {
      if (f.isMain) for (const s of facs.filter((x) => !x.isMain)) assertNearMain(point, s, s.name);
      else {
        const main = facs.find((x) => x.isMain);
        if (main) assertNearMain(main, point, patch.name ?? f.name);
      }
    }
  }
  try {
    await tx.update(facilities).set(patch).where(eq(facilities.id, facilityId));
  } catch (e) {
    throw taken(e, '设施');
  }
  if (f.isMain && (patch.lat !== undefined || patch.lng !== undefined)) await tx.update(complexes).set(point).where(eq(complexes.id, f.complexId));
  return { id: facilityId, complexId: f.complexId };
}

/**
 * Removes a space: one that was ever booked (an activity there, a slot booking) is archived —
 * hidden and no longer bookable — so its history still reads; an unused one is deleted.
 */
export async function removeSpace(tx: Tx, actor: AuthUser, spaceId: number, now: Date): Promise<{ id: number; archived: boolean }> {
  const s = await findSpace(tx, spaceId);
  if (!s || s.archivedAt) throw notFound('空间不存在');
  const c = await loadComplex(tx, s.complexId);
  await assertCanManageStreet(tx, actor, c.streetId);
  await tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, spaceId)).for('update');
  if (await spaceHasBookings(tx, spaceId)) {
    await tx.update(spaces).set({ archivedAt: now, bookable: false }).where(eq(spaces.id, spaceId));
    return { id: spaceId, archived: true };
  }
  try {
    await tx.delete(spaceSlots).where(eq(spaceSlots.spaceId, spaceId));
    await tx.delete(spaceBlackouts).where(eq(spaceBlackouts.spaceId, spaceId));
    await tx.delete(spaceRules).where(eq(spaceRules.spaceId, spaceId));
    await tx.delete(spaces).where(eq(spaces.id, spaceId));
    return { id: spaceId, archived: false };
  } catch (e) {
    // something else still points at it (a device, a record): keep it, archived
    if (errnoOf(e) !== 1451) throw e;
    await tx.update(spaces).set({ archivedAt: now, bookable: false }).where(eq(spaces.id, spaceId));
    return { id: spaceId, archived: true };
  }
}

/** A facility goes with its spaces; the main site stays (move it instead). */
export async function removeFacility(tx: Tx, actor: AuthUser, facilityId: number, now: Date): Promise<{ id: number; archived: boolean }> {
  const f = await findFacility(tx, facilityId);
  if (!f || f.archivedAt) throw notFound('设施不存在');
  const c = await loadComplex(tx, f.complexId);
  await assertCanManageStreet(tx, actor, c.streetId);
  if (f.isMain) throw conflict('main_site', '主阵地不能删除，请修改它的位置或归档整个综合体');
  const own = await tx.select({ id: spaces.id }).from(spaces).where(and(eq(spaces.facilityId, facilityId), isNull(spaces.archivedAt)));
  let archived = false;
  for (const s of own) archived = (await removeSpace(tx, actor, s.id, now)).archived || archived;
  const [left] = await tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.facilityId, facilityId)).limit(1);
  if (archived || left) {
    await tx.update(facilities).set({ archivedAt: now }).where(eq(facilities.id, facilityId));
    return { id: facilityId, archived: true };
  }
  await tx.delete(facilities).where(eq(facilities.id, facilityId));
  return { id: facilityId, archived: false };
}

export async function createSpace(tx: Tx, actor: AuthUser, facilityId: number, input: SpaceCreate): Promise<{ id: number }> {
  const f = await findFacility(tx, facilityId);
  if (!f || f.archivedAt) throw notFound('设施不存在');
  const c = await loadComplex(tx, f.complexId);
  await assertCanManageStreet(tx, actor, c.streetId);
  try {
    const [{ id }] = await tx
      .insert(spaces)
      .values({ complexId: f.complexId, facilityId, name: input.name, type: input.type, bookable: input.bookable, capacity: input.capacity, description: input.description ?? '' })
      .$returningId();
    return { id };
  } catch (e) {
    throw taken(e, '空间');
  }
}

export async function updateSpace(tx: Tx, actor: AuthUser, spaceId: number, patch: Partial<SpaceCreate>): Promise<{ id: number }> {
  const s = await findSpace(tx, spaceId);
  if (!s || s.archivedAt) throw notFound('空间不存在');
  const c = await loadComplex(tx, s.complexId);
  await assertCanManageStreet(tx, actor, c.streetId);
  try {
    await tx.update(spaces).set(patch).where(eq(spaces.id, spaceId));
  } catch (e) {
    throw taken(e, '空间');
  }
  return { id: spaceId };
}

export async function createCommunity(tx: Tx, actor: AuthUser, input: { streetId: number; name: string }): Promise<{ id: number }> {
  await assertCanManageStreet(tx, actor, input.streetId);
  try {
    const [{ id }] = await tx.insert(communities).values(input).$returningId();
    return { id };
  } catch (e) {
    if (errnoOf(e) === 1452) throw validationFailed({ streetId: '街道不存在' });
    throw taken(e, '社区');
  }
}

export async function renameCommunity(tx: Tx, actor: AuthUser, id: number, name: string): Promise<{ id: number }> {
  const k = await findCommunity(tx, id);
  if (!k) throw notFound('社区不存在');
  await assertCanManageStreet(tx, actor, k.streetId);
  const [dup] = await tx.select({ id: communities.id }).from(communities).where(and(eq(communities.streetId, k.streetId), eq(communities.name, name), ne(communities.id, id)));
  if (dup) throw conflict('name_taken', '已有同名的社区');
  await tx.update(communities).set({ name }).where(eq(communities.id, id));
  return { id };
}
