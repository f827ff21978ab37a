import { and, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { activities, bookings, branches, complexes } from '../../db/schema';
import { canCancel, cancelDeadlineOf, seatsLeft, type ActivityRow } from './rules';

/** The columns every activity listing reads: the activity, its complex and organizing branch. */
const activityColumns = { a: activities, complexName: complexes.name, branchName: branches.name };

export function activityQuery(db: Db) {
  return db
    .select(activityColumns)
    .from(activities)
    .innerJoin(complexes, eq(complexes.id, activities.complexId))
    .leftJoin(branches, eq(branches.id, activities.organizerBranchId));
}

/** What a list row shows: the summary's columns only (no description, rules or timestamps). */
export const summaryColumns = {
  a: {
    id: activities.id,
    title: activities.title,
    complexId: activities.complexId,
    startAt: activities.startAt,
    endAt: activities.endAt,
    capacity: activities.capacity,
    bookedCount: activities.bookedCount,
    waitlistCapacity: activities.waitlistCapacity,
    waitlistCount: activities.waitlistCount,
    status: activities.status,
    pointsReward: activities.pointsReward,
    category: activities.category,
    elderFriendly: activities.elderFriendly,
    audienceNote: activities.audienceNote,
    location: activities.location,
    organizerBranchId: activities.organizerBranchId,
  },
  // scalar subqueries, not joins: with activities the only table, the optimizer walks the index
  // that matches the filter in (start_at, id) order; with the joins it started from complexes and
  // sorted every activity of every complex (seconds at 1,000,000 activities)
  complexName: sql<string>`(SELECT ${complexes.name} FROM ${complexes} WHERE ${complexes.id} = ${activities.complexId})`,
  branchName: sql<string | null>`(SELECT ${branches.name} FROM ${branches} WHERE ${branches.id} = ${activities.organizerBranchId})`,
};
type SummaryFields = Pick<ActivityRow, keyof (typeof summaryColumns)['a']>;

export function presentSummary(r: { a: SummaryFields; complexName: string; branchName: string | null }) {
  const a = r.a;
  return {
    id: a.id,
    title: a.title,
    complexId: a.complexId,
    complexName: r.complexName,
    startAt: a.startAt.toISOString(),
    endAt: a.endAt.toISOString(),
    capacity: a.capacity,
    bookedCount: a.bookedCount,
    waitlistCapacity: a.waitlistCapacity,
    waitlistCount: a.waitlistCount,
    seatsLeft: seatsLeft(a),
    status: a.status,
    pointsReward: a.pointsReward,
    category: a.category,
    elderFriendly: a.elderFriendly,
    audienceNote: a.audienceNote,
    location: a.location,
    organizerBranchId: a.organizerBranchId,
    organizerBranchName: r.branchName,
  };
}

/** The caller's current (or else latest) booking of an activity, with their waitlist place. */
export async function myBookingOf(db: Db, a: ActivityRow, userId: number, now: Date) {
  const [b] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.activityId, a.id), eq(bookings.userId, userId)))
    .orderBy(sql`${bookings.activeFlag} IS NULL`, sql`${bookings.id} DESC`)
    .limit(1);
  if (!b) return null;
  let waitlistPosition: number | null = null;
  if (b.status === 'waitlisted') {
    const [{ n }] = await db
      .select({ n: sql<number>`COUNT(*)` })
      .from(bookings)
      .where(and(eq(bookings.activityId, a.id), eq(bookings.status, 'waitlisted'), lte(bookings.id, b.id)));
    waitlistPosition = Number(n);
  }
  return { id: b.id, status: b.status, waitlistPosition, canCancel: canCancel(a, b, now), checkedInAt: b.checkedInAt?.toISOString() ?? null };
}

export function presentDetail(r: { a: ActivityRow; complexName: string; branchName: string | null }) {
  const a = r.a;
  return {
    ...presentSummary(r),
    description: a.description,
    spaceId: a.spaceId,
    serviceItemId: a.serviceItemId,
    bookingOpensAt: a.bookingOpensAt?.toISOString() ?? null,
    bookingClosesAt: (a.bookingClosesAt ?? a.startAt).toISOString(),
    cancelDeadline: cancelDeadlineOf(a).toISOString(),
    cancelDeadlineMinutes: a.cancelDeadlineMinutes,
  };
}
