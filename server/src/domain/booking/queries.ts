import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { activities, slotBookings, spaceBlackouts, spaceRules, spaces } from '../../db/schema';
import { forbidden, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { shanghaiDay } from '../time/shanghai';
import { activityById, assertCanManageActivity, canManageActivity } from './access';
import { activityQuery, myBookingOf, presentDetail, presentSummary } from './present';
import { activityRoster, rosterWorkbook, spaceRoster } from './roster';
import { canCancelSlot } from './rules';
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
