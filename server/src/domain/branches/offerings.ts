import { and, asc, desc, eq, gt, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { activities, bookings, branches, complexes, offeringRecords, serviceCategories, serviceItems } from '../../db/schema';
import { conflict, forbidden, notFound, validationFailed } from '../../errors';
import { isBranchPairedWith } from '../access/scope';
import { cancelActivity, editActivity } from '../booking/activities';

/**
 * Offerings (我为民生综合体送服务): a branch brings an item of the district service list to one
 * of its paired complexes. An offering is an activity row with organizerBranchId and
 * serviceItemId set, so residents book it through the activity booking flow with the same
 * seat counter (`bookedCount`) and the same no-oversell guarantee.
 */

/** Latest an offering may start, counted from now, and its longest session. */
const MAX_LEAD_DAYS = 180;
const MAX_SESSION_HOURS = 12;

export interface OfferingInput {
  complexId: number;
  serviceItemId: number;
  title?: string;
  description: string;
  location?: string;
  startAt: Date;
  endAt: Date;
  capacity: number;
  waitlistCapacity?: number;
  volunteersNeeded: number;
  pointsReward?: number;
}

export type OfferingPatch = Partial<Pick<OfferingInput, 'title' | 'description' | 'location' | 'startAt' | 'endAt' | 'capacity' | 'waitlistCapacity' | 'volunteersNeeded'>>;

function checkTimes(startAt: Date, endAt: Date, now: Date, fields: Record<string, string> = {}) {
  if (startAt.getTime() <= now.getTime()) fields.startAt = '开始时间必须晚于现在';
  else if (startAt.getTime() > now.getTime() + MAX_LEAD_DAYS * 86400_000) fields.startAt = `只能发布 ${MAX_LEAD_DAYS} 天内的服务`;
  if (endAt.getTime() <= startAt.getTime()) fields.endAt = '结束时间必须晚于开始时间';
  else if (endAt.getTime() - startAt.getTime() > MAX_SESSION_HOURS * 3600_000) fields.endAt = `一场服务最长 ${MAX_SESSION_HOURS} 小时`;
  return fields;
}

async function catalogueItem(db: DbOrTx, itemId: number) {
  const [item] = await db
    .select({ id: serviceItems.id, name: serviceItems.name, categoryName: serviceCategories.name })
    .from(serviceItems)
    .innerJoin(serviceCategories, eq(serviceCategories.id, serviceItems.categoryId))
    .where(eq(serviceItems.id, itemId))
    .limit(1);
  return item ?? null;
}

/** Publishes an offering at a paired complex; returns its id. 403 when the complex is not paired. */
export async function publishOffering(tx: Tx, branchId: number, actorId: number, input: OfferingInput, now: Date): Promise<number> {
  const [complex] = await tx.select({ id: complexes.id }).from(complexes).where(eq(complexes.id, input.complexId)).limit(1);
  const item = await catalogueItem(tx, input.serviceItemId);
  const fields = checkTimes(input.startAt, input.endAt, now);
  if (!complex) fields.complexId = '民生综合体不存在';
  if (!item) fields.serviceItemId = '服务清单中没有这个项目';
  if (Object.keys(fields).length) throw validationFailed(fields);
  if (!(await isBranchPairedWith(tx, branchId, input.complexId))) throw forbidden('本支部未与该民生综合体结对，不能在此发布服务');
  const [{ id }] = await tx
    .insert(activities)
    .values({
      complexId: input.complexId,
      organizerBranchId: branchId,
      serviceItemId: item!.id,
      createdBy: actorId,
      title: (input.title || item!.name).slice(0, 60),
      description: input.description,
      category: item!.categoryName.slice(0, 16),
      location: input.location ?? '',
      startAt: input.startAt,
      endAt: input.endAt,
      capacity: input.capacity,
      waitlistCapacity: input.waitlistCapacity ?? 0,
      volunteersNeeded: input.volunteersNeeded,
      pointsReward: input.pointsReward ?? 0,
      status: 'published',
    })
    .$returningId();
  return id;
}

/** The offering row, or 404 when there is none (a plain activity is not an offering). */
export async function findOffering(db: DbOrTx, id: number) {
  const [row] = await db
    .select()
    .from(activities)
    .where(and(eq(activities.id, id), isNotNull(activities.organizerBranchId)))
    .limit(1);
  if (!row) throw notFound('服务不存在');
  return row as typeof row & { organizerBranchId: number };
}

/**
 * Changes an offering of the branch through the activity rules (booking/activities.ts): capacity
 * never below the seats taken, new times reach every booking and its holder is told. The branch
 * may not move a session into the past or beyond its planning horizon.
 */
export async function updateOffering(tx: Tx, id: number, patch: OfferingPatch, now: Date) {
  const o = await findOffering(tx, id);
  if (patch.startAt || patch.endAt) {
    const fields = checkTimes(patch.startAt ?? o.startAt, patch.endAt ?? o.endAt, now);
    // Keeping the original start of a session that already began is fine; moving it is not.
    if (!patch.startAt) delete fields.startAt;
    if (Object.keys(fields).length) throw validationFailed(fields);
  }
  const { volunteersNeeded, ...fields } = patch;
  await editActivity(tx, id, fields, now);
  if (volunteersNeeded !== undefined) await tx.update(activities).set({ volunteersNeeded }).where(eq(activities.id, id));
  return findOffering(tx, id);
}

/**
 * Calls the offering off through the activity rules (every booking cancelled, holders told).
 * Cancelling twice is harmless; once someone was checked in the session happened and stays.
 */
export async function cancelOffering(tx: Tx, id: number, reason: string, now: Date) {
  const o = await findOffering(tx, id);
  if (o.status === 'cancelled') return o;
  if ((await checkedInCount(tx, id)) > 0) throw conflict('offering_started', '已有居民签到，这场服务不能取消');
  await cancelActivity(tx, id, reason || '组织支部临时调整', now);
  return findOffering(tx, id);
}

/** Residents checked in at the offering so far. */
export async function checkedInCount(db: DbOrTx, offeringId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(bookings)
    .where(and(eq(bookings.activityId, offeringId), eq(bookings.status, 'checked_in')));
  return Number(n);
}

// ---- reading -------------------------------------------------------------------------------

/** Columns every offering view shows. */
export const offeringColumns = {
  id: activities.id,
  title: activities.title,
  description: activities.description,
  location: activities.location,
  complexId: activities.complexId,
  complexName: complexes.name,
  complexLat: complexes.lat,
  complexLng: complexes.lng,
  branchId: branches.id,
  branchName: branches.name,
  department: branches.department,
  serviceItemId: serviceItems.id,
  serviceItemName: serviceItems.name,
  categoryId: serviceCategories.id,
  categoryName: serviceCategories.name,
  startAt: activities.startAt,
  endAt: activities.endAt,
  capacity: activities.capacity,
  bookedCount: activities.bookedCount,
  volunteersNeeded: activities.volunteersNeeded,
  pointsReward: activities.pointsReward,
  status: activities.status,
};

/** A select over offerings joined with their complex, branch and catalogue item. */
function selectOfferings(db: DbOrTx) {
  return db
    .select(offeringColumns)
    .from(activities)
    .innerJoin(branches, eq(branches.id, activities.organizerBranchId))
    .innerJoin(complexes, eq(complexes.id, activities.complexId))
    .innerJoin(serviceItems, eq(serviceItems.id, activities.serviceItemId))
    .innerJoin(serviceCategories, eq(serviceCategories.id, serviceItems.categoryId))
    .$dynamic();
}

export type OfferingView = Awaited<ReturnType<ReturnType<typeof selectOfferings>['execute']>>[number];

/** One offering in any status, with its complex, branch and catalogue item; null when there is none. */
export async function offeringView(db: DbOrTx, id: number): Promise<OfferingView | null> {
  const [o] = await selectOfferings(db).where(eq(activities.id, id)).limit(1);
  return o ?? null;
}

export function presentOffering(o: OfferingView) {
  const { complexLat, complexLng, ...rest } = o;
  void complexLat;
  void complexLng;
  return { ...rest, startAt: o.startAt.toISOString(), endAt: o.endAt.toISOString() };
}

export interface PublicListFilter {
  categoryId?: number;
  branchId?: number;
  complexId?: number;
}

/** Published offerings that have not ended, soonest first. */
/** The most upcoming offerings a public list reads for one request (pages beyond are refused). */
export const PUBLIC_OFFERINGS_WINDOW = 1000;

export async function upcomingOfferings(db: DbOrTx, filter: PublicListFilter, now: Date, cap: number = PUBLIC_OFFERINGS_WINDOW): Promise<OfferingView[]> {
  const conds: SQL[] = [isNotNull(activities.organizerBranchId), eq(activities.status, 'published'), gt(activities.endAt, now)];
  if (filter.categoryId) conds.push(eq(serviceItems.categoryId, filter.categoryId));
  if (filter.branchId) conds.push(eq(activities.organizerBranchId, filter.branchId));
  if (filter.complexId) conds.push(eq(activities.complexId, filter.complexId));
  // Bounded: upcoming offerings are a few hundred at district scale (149 branches).
  return selectOfferings(db).where(and(...conds)).orderBy(asc(activities.startAt), asc(activities.id)).limit(Math.min(cap, PUBLIC_OFFERINGS_WINDOW));
}

/** The branch's own offerings for its workbench: upcoming (soonest first) or past (latest first). */
export async function branchOfferings(db: DbOrTx, branchId: number, when: 'upcoming' | 'past', now: Date, limit: number, offset: number) {
  const timeCond = when === 'upcoming' ? gt(activities.endAt, now) : lte(activities.endAt, now);
  const rows = await selectOfferings(db)
    .where(and(eq(activities.organizerBranchId, branchId), timeCond))
    .orderBy(...(when === 'upcoming' ? [asc(activities.startAt), asc(activities.id)] : [desc(activities.startAt), desc(activities.id)]))
    .limit(limit + 1)
    .offset(offset);
  const ids = rows.map((r) => r.id);
  const checked = ids.length
    ? await db
        .select({ activityId: bookings.activityId, n: sql<number>`count(*)` })
        .from(bookings)
        .where(and(inArray(bookings.activityId, ids), eq(bookings.status, 'checked_in')))
        .groupBy(bookings.activityId)
    : [];
  const records = ids.length ? await db.select().from(offeringRecords).where(inArray(offeringRecords.activityId, ids)) : [];
  return {
    rows: rows.slice(0, limit).map((r) => ({
      ...r,
      checkedInCount: Number(checked.find((c) => c.activityId === r.id)?.n ?? 0),
      record: records.find((x) => x.activityId === r.id) ?? null,
    })),
    more: rows.length > limit,
  };
}
