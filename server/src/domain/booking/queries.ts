import { and, asc, desc, eq, gt, gte, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { DbOrTx } from '../../db/client';
import { activities, bookings, complexes, slotBookings, spaceBlackouts, spaceRules, spaces, users } from '../../db/schema';
import { forbidden, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { personalCode } from '../checkin/venueCode';
import { shanghaiDay } from '../time/shanghai';
import { activityById, assertCanManageActivity, canManageActivity } from './access';
import { activityQuery, myBookingOf, presentDetail, presentSummary } from './present';
import { activityRoster, rosterWorkbook, spaceRoster } from './roster';
import { canCancel, canCancelSlot, type BookingRow } from './rules';
import { defaultRules, loadSpace, managedSpace, presentRules, presentSlotBooking } from './spaces';

// ---- activities -------------------------------------------------------------------------------

/** An activity with its complex and organizing branch names, or null. */
export async function activityView(db: DbOrTx, id: number) {
  const [row] = await activityQuery(db).where(eq(activities.id, id)).limit(1);
  return row ?? null;
}
export type ActivityView = NonNullable<Awaited<ReturnType<typeof activityView>>>;

/** The activity as the caller may see it: 404 when unknown, or a draft they do not run. */
async function visibleActivity(db: DbOrTx, user: AuthUser, id: number) {
  const row = await activityView(db, id);
  if (!row) throw notFound('活动不存在');
  const canManage = await canManageActivity(db, user, row.a);
  if (row.a.status === 'draft' && !canManage) throw notFound('活动不存在');
  return { row, canManage };
}

/** 活动详情: the activity with the caller's booking and whether they run it. */
export async function activityDetailFor(db: DbOrTx, user: AuthUser, id: number, now: Date) {
  const { row, canManage } = await visibleActivity(db, user, id);
  return { ...presentDetail(row), myBooking: await myBookingOf(db, row.a, user.id, now), canManage };
}

/** An activity the caller runs, for its staff pages: 404 as {@link visibleActivity}, 403 when not theirs. */
export async function managedActivity(db: DbOrTx, user: AuthUser, id: number): Promise<ActivityView> {
  const { row, canManage } = await visibleActivity(db, user, id);
  if (!canManage) throw forbidden('您不是该活动的组织方');
  return row;
}

/** An activity the caller runs, before a write: 404 when unknown, 403 when not theirs. */
export async function activityToRun(db: DbOrTx, user: AuthUser, id: number) {
  const a = await activityById(db, id);
  if (!a) throw notFound('活动不存在');
  await assertCanManageActivity(db, user, a);
  return a;
}

/** 报名名单: the activity, the count per booking status and everyone who booked. */
export async function activityRosterView(db: DbOrTx, user: AuthUser, id: number) {
  const row = await managedActivity(db, user, id);
  const items = await activityRoster(db, id);
  const counts: Record<string, number> = { booked: 0, waitlisted: 0, checked_in: 0, no_show: 0, cancelled: 0 };
  for (const i of items) counts[i.status]++;
  return { activity: presentSummary(row), counts, items };
}

/** The roster as a workbook, with the people whose real name it shows (for the access log). */
export async function activityRosterExport(db: DbOrTx, user: AuthUser, id: number) {
  const row = await managedActivity(db, user, id);
  const people = await activityRoster(db, id);
  return {
    title: row.a.title,
    workbook: await rosterWorkbook(row.a.title, row.a.startAt, people),
    shown: people.filter((p) => p.realName).map((p) => ({ userId: p.userId, complexId: row.a.complexId })),
  };
}

// ---- activity bookings ------------------------------------------------------------------------

/** A booking as the API shows it (the answer to a cancel, and the start of each of my bookings). */
export const presentBooking = (b: BookingRow) => ({
  id: b.id,
  activityId: b.activityId,
  status: b.status,
  createdAt: b.createdAt.toISOString(),
  cancelledAt: b.cancelledAt?.toISOString() ?? null,
  checkedInAt: b.checkedInAt?.toISOString() ?? null,
});

export interface BookingsPageInput {
  limit: number;
  /** keyset: ids below this one */
  before?: number;
  /** `upcoming` keeps those not yet ended and still active */
  scope: 'all' | 'upcoming';
}

/**
 * One person's activity bookings, newest first (GET /me/bookings, and a linked family member's
 * view): keyset on id over `bookings_user_id_idx`, each with the personal code staff scan and
 * whether it may still be cancelled ({@link canCancel}). `next` is the last id shown when there is
 * a further page.
 */
export async function bookingsPage(db: DbOrTx, secret: string, userId: number, q: BookingsPageInput, now: Date) {
  const booker = alias(users, 'booker');
  const rows = await db
    .select({ b: bookings, a: activities, complexName: complexes.name, bookerName: booker.nickname })
    .from(bookings)
    .innerJoin(activities, eq(activities.id, bookings.activityId))
    .innerJoin(complexes, eq(complexes.id, activities.complexId))
    .leftJoin(booker, eq(booker.id, bookings.bookedBy))
    .where(
      and(
        eq(bookings.userId, userId),
        q.before ? lt(bookings.id, q.before) : undefined,
        q.scope === 'upcoming' ? and(eq(bookings.activeFlag, 1), gt(bookings.endsAt, now)) : undefined,
      ),
    )
    .orderBy(desc(bookings.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(({ b, a, complexName, bookerName }) => ({
      ...presentBooking(b),
      code: personalCode(secret, 'booking', b.id),
      canCancel: canCancel(a, b, now),
      bookedBy: b.bookedBy,
      bookedByName: b.bookedBy !== null && b.bookedBy !== b.userId ? (bookerName ?? '家人') : null,
      activity: {
        title: a.title,
        startAt: a.startAt.toISOString(),
        endAt: a.endAt.toISOString(),
        complexId: a.complexId,
        complexName,
        location: a.location,
        status: a.status,
        pointsReward: a.pointsReward,
      },
    })),
    next: rows.length > q.limit ? page[page.length - 1].b.id : null,
  };
}

/** The personal booking code of one of the user's own bookings; someone else's → 404. */
export async function ownBookingCode(db: DbOrTx, secret: string, userId: number, bookingId: number): Promise<string> {
  const [b] = await db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)));
  if (!b) throw notFound('预约不存在');
  return personalCode(secret, 'booking', b.id);
}

// ---- space slots ------------------------------------------------------------------------------

/**
 * 我的场地预约: one page (newest first, keyset on id) of the user's slot bookings with the space's
 * name and whether each may still be cancelled (the space's minutes, the default rules' when it
 * has none); `next` is the cursor of the next page, if any.
 */
export async function mySlotBookings(db: DbOrTx, userId: number, before: number | undefined, limit: number, now: Date) {
  const rows = await db
    .select({ b: slotBookings, spaceName: spaces.name, cancelDeadlineMinutes: spaceRules.cancelDeadlineMinutes })
    .from(slotBookings)
    .innerJoin(spaces, eq(spaces.id, slotBookings.spaceId))
    .leftJoin(spaceRules, eq(spaceRules.spaceId, slotBookings.spaceId))
    .where(and(eq(slotBookings.userId, userId), before ? lt(slotBookings.id, before) : undefined))
    .orderBy(desc(slotBookings.id))
    .limit(limit + 1);
  const fallback = defaultRules(0, 0).cancelDeadlineMinutes;
  const page = rows.slice(0, limit);
  return {
    items: page.map(({ b, spaceName, cancelDeadlineMinutes }) => ({
      ...presentSlotBooking(b),
      spaceName,
      canCancel: canCancelSlot(b, cancelDeadlineMinutes ?? fallback, now),
    })),
    next: rows.length > limit ? page[page.length - 1].b.id : null,
  };
}

/** The id of the caller's own slot booking; someone else's → 404. */
export async function ownSlotBookingId(db: DbOrTx, userId: number, id: number): Promise<number> {
  const [b] = await db.select({ id: slotBookings.id }).from(slotBookings).where(and(eq(slotBookings.id, id), eq(slotBookings.userId, userId)));
  if (!b) throw notFound('预约不存在');
  return b.id;
}

/** A bookable space's closed days from today (Shanghai) on. */
export async function upcomingBlackouts(db: DbOrTx, spaceId: number, now: Date) {
  await loadSpace(db, spaceId);
  return db
    .select({ day: spaceBlackouts.day, reason: spaceBlackouts.reason })
    .from(spaceBlackouts)
    .where(and(eq(spaceBlackouts.spaceId, spaceId), gte(spaceBlackouts.day, shanghaiDay(now))))
    .orderBy(asc(spaceBlackouts.day));
}

/** A bookable space's booking rules (its own, or the defaults). */
export async function spaceRulesOf(db: DbOrTx, spaceId: number) {
  return presentRules((await loadSpace(db, spaceId)).rules);
}

/** 场地预约名单 of one Shanghai date (default today), for the space's staff. */
export async function spaceRosterView(db: DbOrTx, user: AuthUser, spaceId: number, date: string | undefined, now: Date) {
  await managedSpace(db, user, spaceId);
  const day = date ?? shanghaiDay(now);
  return { day, items: await spaceRoster(db, spaceId, day) };
}
