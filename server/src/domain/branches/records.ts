import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  activities,
  bookings,
  branchComplexes,
  branches,
  complexes,
  evaluations,
  offeringRecords,
  serviceCategories,
  serviceItems,
  streets,
  volunteerPosts,
  volunteerSignups,
} from '../../db/schema';
import { monthRange } from '../time/shanghai';

/**
 * What the branches did in a month (Asia/Shanghai): per branch, and for the district as a
 * coverage matrix of complexes × service categories.
 *
 * - A session is held when the offering was not cancelled and it has begun or someone was
 *   already checked in at the door (check-in opens an hour before the start).
 * - Residents served = bookings checked in at held sessions.
 * - Volunteer hours = minutes approved by a worker on the branch's volunteer posts (志愿岗位 the
 *   branch opened for its offerings) that start in the month.
 * - Rating = residents' 评议 of the branch's held sessions of the month (evaluations with
 *   target type `branch_service` of those offerings), whenever they were given: the average of
 *   all their stars to one decimal, and how many ratings there are; null when there are none.
 * - Coverage counts every offering scheduled in the month (held or still to come), so a complex
 *   with nothing planned is flagged while there is still time to act.
 */

const LIVE: Array<'published' | 'finished'> = ['published', 'finished'];

function inMonth(month: string): SQL[] {
  const { from, to } = monthRange(month);
  return [isNotNull(activities.organizerBranchId), inArray(activities.status, LIVE), gte(activities.startAt, from), lt(activities.startAt, to)];
}

const held = (month: string, now: Date) => [
  ...inMonth(month),
  or(
    lte(activities.startAt, now),
    sql`EXISTS (SELECT 1 FROM ${bookings} WHERE ${bookings.activityId} = ${activities.id} AND ${bookings.status} = 'checked_in')`,
  )!,
];

/** Ratings (count and star total) of held sessions in the month, per offering. */
async function sessionRatings(db: DbOrTx, month: string, now: Date, branchId?: number) {
  const rows = await db
    .select({ offeringId: activities.id, branchId: activities.organizerBranchId, n: sql<number>`COUNT(*)`, stars: sql<number>`SUM(${evaluations.stars})` })
    .from(evaluations)
    .innerJoin(activities, and(eq(evaluations.targetType, 'branch_service'), eq(activities.id, evaluations.targetId)))
    .where(and(...(branchId === undefined ? [] : [eq(activities.organizerBranchId, branchId)]), ...held(month, now)))
    .groupBy(activities.id, activities.organizerBranchId);
  return rows.map((r) => ({ offeringId: r.offeringId, branchId: r.branchId!, n: Number(r.n), stars: Number(r.stars) }));
}

/** Average stars to one decimal (null without ratings) and the number of ratings. */
function ratingOf(rows: Array<{ n: number; stars: number }>): { averageRating: number | null; ratingCount: number } {
  const n = rows.reduce((a, r) => a + r.n, 0);
  const stars = rows.reduce((a, r) => a + r.stars, 0);
  return { averageRating: n === 0 ? null : Math.round((stars / n) * 10) / 10, ratingCount: n };
}

export async function branchMonthRecord(db: DbOrTx, branchId: number, month: string, now: Date) {
  const sessions = await db
    .select({
      id: activities.id,
      title: activities.title,
      startAt: activities.startAt,
      complexId: activities.complexId,
      complexName: complexes.name,
      categoryName: serviceCategories.name,
      bookedCount: activities.bookedCount,
      checkedIn: sql<number>`(SELECT COUNT(*) FROM ${bookings} WHERE ${bookings.activityId} = ${activities.id} AND ${bookings.status} = 'checked_in')`,
      peopleServed: offeringRecords.peopleServed,
      notes: offeringRecords.notes,
    })
    .from(activities)
    .innerJoin(complexes, eq(complexes.id, activities.complexId))
    .innerJoin(serviceItems, eq(serviceItems.id, activities.serviceItemId))
    .innerJoin(serviceCategories, eq(serviceCategories.id, serviceItems.categoryId))
    .leftJoin(offeringRecords, eq(offeringRecords.activityId, activities.id))
    .where(and(eq(activities.organizerBranchId, branchId), ...held(month, now)))
    .orderBy(asc(activities.startAt), asc(activities.id));
  const ratings = await sessionRatings(db, month, now, branchId);
  const items = sessions.map((s) => ({
    offeringId: s.id,
    title: s.title,
    startAt: s.startAt.toISOString(),
    complexId: s.complexId,
    complexName: s.complexName,
    categoryName: s.categoryName,
    bookedCount: s.bookedCount,
    checkedIn: Number(s.checkedIn),
    recorded: s.peopleServed !== null,
    peopleServed: s.peopleServed,
    notes: s.notes,
    ...ratingOf(ratings.filter((r) => r.offeringId === s.id)),
  }));
  const { from, to } = monthRange(month);
  const [{ minutes }] = await db
    .select({ minutes: sql<number>`COALESCE(SUM(${volunteerSignups.approvedMinutes}), 0)` })
    .from(volunteerSignups)
    .innerJoin(volunteerPosts, eq(volunteerPosts.id, volunteerSignups.postId))
    .where(and(eq(volunteerPosts.organizerBranchId, branchId), gte(volunteerPosts.startAt, from), lt(volunteerPosts.startAt, to)));
  return {
    branchId,
    month,
    sessionsHeld: items.length,
    residentsServed: items.reduce((n, s) => n + s.checkedIn, 0),
    peopleServedRecorded: items.reduce((n, s) => n + (s.peopleServed ?? 0), 0),
    sessionsRecorded: items.filter((s) => s.recorded).length,
    volunteerHours: Math.round(Number(minutes) / 6) / 10,
    ...ratingOf(ratings),
    sessions: items,
  };
}

/**
 * Branches ordered by residents served, then sessions held; equal figures share a rank. The
 * month's rating is shown beside them but does not change the order.
 */
export async function rankBranches(db: DbOrTx, month: string, now: Date) {
  const all = await db.select({ id: branches.id, name: branches.name, department: branches.department }).from(branches).orderBy(asc(branches.id));
  const sessions = await db
    .select({ branchId: activities.organizerBranchId, n: sql<number>`COUNT(*)` })
    .from(activities)
    .where(and(...held(month, now)))
    .groupBy(activities.organizerBranchId);
  const served = await db
    .select({ branchId: activities.organizerBranchId, n: sql<number>`COUNT(*)` })
    .from(bookings)
    .innerJoin(activities, eq(activities.id, bookings.activityId))
    .where(and(eq(bookings.status, 'checked_in'), ...held(month, now)))
    .groupBy(activities.organizerBranchId);
  const ratings = await sessionRatings(db, month, now);
  const count = (rows: Array<{ branchId: number | null; n: number }>, id: number) => Number(rows.find((r) => r.branchId === id)?.n ?? 0);
  const rows = all
    .map((b) => ({ branchId: b.id, name: b.name, department: b.department, sessionsHeld: count(sessions, b.id), residentsServed: count(served, b.id), ...ratingOf(ratings.filter((r) => r.branchId === b.id)) }))
    .sort((a, b) => b.residentsServed - a.residentsServed || b.sessionsHeld - a.sessionsHeld || a.branchId - b.branchId);
  let rank = 0;
  return rows.map((r, i) => {
    const prev = rows[i - 1];
    if (!prev || prev.residentsServed !== r.residentsServed || prev.sessionsHeld !== r.sessionsHeld) rank = i + 1;
    return { rank, ...r };
  });
}

/** Complexes × categories: offerings scheduled in the month, the paired branches, and the gaps. */
export async function coverageMatrix(db: DbOrTx, month: string) {
  const categories = await db.select({ id: serviceCategories.id, name: serviceCategories.name }).from(serviceCategories).orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.id));
  const cxs = await db
    .select({ id: complexes.id, name: complexes.name, streetName: streets.name })
    .from(complexes)
    .innerJoin(streets, eq(streets.id, complexes.streetId))
    // an archived complex no longer serves anyone: it is not a coverage gap
    .where(isNull(complexes.archivedAt))
    .orderBy(asc(streets.sortOrder), asc(complexes.id));
  const counts = await db
    .select({ complexId: activities.complexId, categoryId: serviceItems.categoryId, n: sql<number>`COUNT(*)` })
    .from(activities)
    .innerJoin(serviceItems, eq(serviceItems.id, activities.serviceItemId))
    .where(and(...inMonth(month)))
    .groupBy(activities.complexId, serviceItems.categoryId);
  const pairs = await db
    .select({ complexId: branchComplexes.complexId, branchId: branches.id, branchName: branches.name })
    .from(branchComplexes)
    .innerJoin(branches, eq(branches.id, branchComplexes.branchId))
    .orderBy(asc(branches.id));
  const rows = cxs.map((c) => {
    const cells = categories.map((cat) => Number(counts.find((x) => x.complexId === c.id && x.categoryId === cat.id)?.n ?? 0));
    const total = cells.reduce((a, b) => a + b, 0);
    const paired = pairs.filter((p) => p.complexId === c.id).map((p) => ({ id: p.branchId, name: p.branchName }));
    return {
      complexId: c.id,
      complexName: c.name,
      streetName: c.streetName,
      pairedBranches: paired,
      cells,
      total,
      flagged: total === 0,
      flagReason: paired.length === 0 ? '没有结对党支部' : total === 0 ? '本月没有党员服务' : null,
    };
  });
  return { month, categories, complexes: rows, flaggedCount: rows.filter((r) => r.flagged).length };
}
