import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Tx, DbOrTx } from '../../db/client';
import { isDuplicateKey } from '../../db/client';
import { authSessions, complexes, staffComplexes, streets, users } from '../../db/schema';
import { conflict, forbidden, notFound, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { assertCanManageStreet, streetIdOf } from '../access/scope';
import { encryptPhone, hashPhone, maskPhone } from '../auth/phone';
import { notify } from '../notifications/notify';
import type { StaffAdd, StaffChange } from '../../../../shared/api/residency';

/** What the session guard must forget when a login is revoked (deps.sessions). */
export interface SessionCache {
  forget(sessionId: number): void;
}

type UserRow = typeof users.$inferSelect;

async function userByPhone(tx: Tx, phone: string, piiKey: string): Promise<UserRow> {
  const phoneHash = hashPhone(phone, piiKey);
  const find = async () => (await tx.select().from(users).where(eq(users.phoneHash, phoneHash)).for('update'))[0];
  const found = await find();
  if (found) return found;
  try {
    await tx.insert(users).values({ role: 'resident', nickname: `居民${phone.slice(-4)}`, phoneHash, phoneEnc: encryptPhone(phone, piiKey), phoneMasked: maskPhone(phone) });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  return (await find())!;
}

async function lockStaff(tx: Tx, userId: number): Promise<UserRow> {
  const [u] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!u || (u.role !== 'worker' && u.role !== 'street_admin')) throw notFound('找不到这位工作人员');
  return u;
}

async function complexRows(tx: Tx, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: complexes.id, streetId: complexes.streetId }).from(complexes).where(inArray(complexes.id, ids));
  if (rows.length !== new Set(ids).size) throw validationFailed({ complexIds: '有的民生综合体不存在' });
  return rows;
}

/** The complexes (of `ids`) whose street the actor may not staff: empty when they may staff all. */
async function assertCanStaff(tx: Tx, actor: AuthUser, ids: number[]) {
  for (const streetId of new Set((await complexRows(tx, ids)).map((c) => c.streetId))) await assertCanManageStreet(tx, actor, streetId);
}

async function workerComplexes(tx: Tx, userId: number) {
  return tx
    .select({ id: staffComplexes.complexId, streetId: complexes.streetId })
    .from(staffComplexes)
    .innerJoin(complexes, eq(complexes.id, staffComplexes.complexId))
    .where(eq(staffComplexes.userId, userId))
    .for('update');
}

/** The part of a worker's complexes the actor runs: all for a district admin, their street's for a street admin. */
async function actorShare(tx: Tx, actor: AuthUser, current: Array<{ id: number; streetId: number }>) {
  if (actor.role === 'district_admin') return current.map((c) => c.id);
  const street = await streetIdOf(tx, actor);
  return current.filter((c) => street !== null && c.streetId === street).map((c) => c.id);
}

/** Revokes every login of the user, so their next request is refused (401) at once. */
export async function revokeAllSessions(tx: Tx, sessions: SessionCache, userId: number, reason: string, now: Date) {
  const open = await tx.select({ id: authSessions.id }).from(authSessions).where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt))).for('update');
  if (open.length === 0) return;
  await tx.update(authSessions).set({ revokedAt: now, revokeReason: reason }).where(inArray(authSessions.id, open.map((s) => s.id)));
  // Forgotten now (inside the transaction): a retried transaction revokes the same rows again.
  for (const s of open) sessions.forget(s.id);
}

export async function presentStaff(db: DbOrTx, userId: number) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  const ids = u.role === 'worker' ? (await db.select({ id: staffComplexes.complexId }).from(staffComplexes).where(eq(staffComplexes.userId, userId)).orderBy(asc(staffComplexes.complexId))).map((r) => r.id) : [];
  return { userId: u.id, name: u.realName || u.nickname || `工作人员 #${u.id}`, phoneMasked: u.phoneMasked, role: u.role, complexIds: ids, streetId: u.role === 'street_admin' ? u.streetId : null };
}

/**
 * Adds a person by phone (an account is made if they never signed in) as a worker of some
 * complexes or as the admin of a street. Their next token carries the role (the refresh reads it).
 * A worker added again gains the complexes; anyone with another staff role → 409 role_conflict.
 */
export async function addStaff(tx: Tx, actor: AuthUser, input: StaffAdd, piiKey: string) {
  let complexIds: number[] = [];
  if (input.role === 'worker') {
    complexIds = [...new Set(input.complexIds ?? [])];
    if (complexIds.length === 0) throw validationFailed({ complexIds: '请选择至少一个民生综合体' });
    await assertCanStaff(tx, actor, complexIds);
  } else {
    if (!input.streetId) throw validationFailed({ streetId: '请选择街道' });
    const [s] = await tx.select({ id: streets.id }).from(streets).where(eq(streets.id, input.streetId));
    if (!s) throw validationFailed({ streetId: '街道不存在' });
    await assertCanManageStreet(tx, actor, input.streetId);
  }
  const u = await userByPhone(tx, input.phone, piiKey);
  if (u.id === actor.id) throw forbidden('不能修改自己的岗位');
  if (u.role !== 'resident' && u.role !== input.role) throw conflict('role_conflict', '该用户已担任其他岗位（工作人员、镇街、党支部或区级管理员），请先解除原岗位');
  if (u.role === 'street_admin' && u.streetId !== input.streetId) throw conflict('role_conflict', '该用户已是其他街道的管理员，请先解除原岗位');
  await tx
    .update(users)
    .set({ role: input.role, streetId: input.role === 'street_admin' ? input.streetId! : null, ...(input.realName && !u.realName ? { realName: input.realName } : {}) })
    .where(eq(users.id, u.id));
  for (const complexId of complexIds) await tx.insert(staffComplexes).values({ userId: u.id, complexId }).onDuplicateKeyUpdate({ set: { complexId } });
  if (u.role === 'resident') {
    await notify(tx, u.id, {
      kind: 'staff_added',
      title: input.role === 'worker' ? '您已被设为社区工作者' : '您已被设为镇街管理员',
      body: '重新打开小程序后，可在「我的 → 工作台」处理工作。',
      link: '/pages/me/index',
    });
  }
  return presentStaff(tx, u.id);
}

/**
 * Changes a worker's complexes (a street admin changes only those of their street; the others
 * stay) or a street admin's street (district admins). Access follows at once: scope checks read
 * the table on every request.
 */
export async function changeStaff(tx: Tx, actor: AuthUser, userId: number, input: StaffChange) {
  const u = await lockStaff(tx, userId);
  if (u.id === actor.id) throw forbidden('不能修改自己的岗位');
  if (u.role === 'street_admin') {
    if (!input.streetId) throw validationFailed({ streetId: '请选择街道' });
    await assertCanManageStreet(tx, actor, u.streetId ?? 0);
    await assertCanManageStreet(tx, actor, input.streetId);
    await tx.update(users).set({ streetId: input.streetId }).where(eq(users.id, userId));
    return presentStaff(tx, userId);
  }
  if (!input.complexIds) throw validationFailed({ complexIds: '请选择至少一个民生综合体' });
  const wanted = [...new Set(input.complexIds)];
  await assertCanStaff(tx, actor, wanted);
  const current = await workerComplexes(tx, userId);
  const mine = await actorShare(tx, actor, current);
  if (mine.length === 0 && actor.role !== 'district_admin') throw forbidden('这位工作人员不在您的街道工作');
  const drop = mine.filter((id) => !wanted.includes(id));
  if (drop.length) await tx.delete(staffComplexes).where(and(eq(staffComplexes.userId, userId), inArray(staffComplexes.complexId, drop)));
  for (const complexId of wanted) await tx.insert(staffComplexes).values({ userId, complexId }).onDuplicateKeyUpdate({ set: { complexId } });
  return presentStaff(tx, userId);
}

/**
 * Removes a person from staff. A street admin removes a worker from their street's complexes; a
 * worker left with none — and any removed street admin — becomes a resident again and every one
 * of their logins is revoked, so their next request is refused.
 */
export async function removeStaff(tx: Tx, actor: AuthUser, userId: number, sessions: SessionCache, now: Date) {
  const u = await lockStaff(tx, userId);
  if (u.id === actor.id) throw forbidden('不能解除自己的岗位');
  let demote = true;
  let removedComplexIds: number[] = [];
  if (u.role === 'street_admin') {
    await assertCanManageStreet(tx, actor, u.streetId ?? 0);
  } else {
    const current = await workerComplexes(tx, userId);
    removedComplexIds = await actorShare(tx, actor, current);
    if (removedComplexIds.length === 0 && current.length > 0) throw forbidden('这位工作人员不在您的街道工作');
    if (removedComplexIds.length) await tx.delete(staffComplexes).where(and(eq(staffComplexes.userId, userId), inArray(staffComplexes.complexId, removedComplexIds)));
    demote = removedComplexIds.length === current.length;
  }
  if (demote) {
    await tx.update(users).set({ role: 'resident', streetId: null }).where(eq(users.id, userId));
    await revokeAllSessions(tx, sessions, userId, 'staff_removed', now);
  }
  return { userId, role: demote ? 'resident' : u.role, removedComplexIds, sessionsRevoked: demote };
}

/** 人员: the workers of a complex and the admins of its street. */
export async function staffOfComplex(db: DbOrTx, complexId: number) {
  const [c] = await db.select({ streetId: complexes.streetId }).from(complexes).where(eq(complexes.id, complexId));
  if (!c) throw notFound('民生综合体不存在');
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .leftJoin(staffComplexes, eq(staffComplexes.userId, users.id))
    .where(or(and(eq(users.role, 'worker'), eq(staffComplexes.complexId, complexId)), and(eq(users.role, 'street_admin'), eq(users.streetId, c.streetId))))
    .orderBy(asc(users.id));
  const items = [];
  for (const r of rows) items.push(await presentStaff(db, r.id));
  return { items, nextCursor: null };
}
