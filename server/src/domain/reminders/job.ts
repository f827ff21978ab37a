import { and, asc, eq, gt, gte, isNull, lte, notExists, sql } from 'drizzle-orm';
import { withTx, isDuplicateKey, type Db, type Tx } from '../../db/client';
import { activities, bookingReminders, bookings, slotBookings, spaceRules, spaces } from '../../db/schema';
import type { Deps } from '../../deps';
import { notify } from '../notifications/notify';
import { sendSubscribed } from '../notifications/subscribe';
import { addDays, formatShanghai, shanghaiDay } from '../time/shanghai';
import { cancelDeadlineOf, slotCancelDeadlineOf } from '../booking/rules';
import { DAY_BEFORE_MS, dueReminder } from './rules';
import type { ReminderKind, ReminderTarget } from './types';

const BATCH = 500;
/** space_rules.cancel_deadline_minutes' default, for a space whose rules row is missing */
const SLOT_DEFAULT_CANCEL_MINUTES = 30;
const MY_BOOKINGS = '/packages/booking/pages/mine/index';
const activityPage = (id: number) => `/packages/booking/pages/detail/index?id=${id}`;

interface Due {
  target: ReminderTarget;
  bookingId: number;
  userId: number;
  kind: ReminderKind;
  title: string;
  place: string;
  startsAt: Date;
  deadline: Date;
  page: string;
}

/** "明天 09:00" / "今天 19:30" / "12月8日 09:00", as the reminder names the start. */
function whenText(startsAt: Date, now: Date): string {
  const hm = formatShanghai(startsAt).split(' ')[1];
  const day = shanghaiDay(startsAt);
  if (day === shanghaiDay(now)) return `今天 ${hm}`;
  if (day === addDays(shanghaiDay(now), 1)) return `明天 ${hm}`;
  return formatShanghai(startsAt);
}

/** The closing line: until when a place can still be given back, so it goes to someone else. */
export function deadlineText(deadline: Date, now: Date): string {
  return deadline > now ? `不能参加请在 ${formatShanghai(deadline)} 前取消，把名额让给别人。` : '已过取消截止时间，如不能参加请告知综合体工作人员。';
}

function noticeOf(d: Due, now: Date) {
  const what = d.target === 'activity' ? '活动' : '场地预约';
  const title = d.kind === 'hour_before' ? `${what}提醒：「${d.title}」1 小时后开始` : `${what}提醒：「${d.title}」${whenText(d.startsAt, now)} 开始`;
  const body = `时间 ${formatShanghai(d.startsAt)}${d.place ? `，地点 ${d.place}` : ''}。${deadlineText(d.deadline, now)}`;
  return { kind: 'booking_reminder', title, body, link: d.page };
}

/** "5月9日 07:00": short enough for a 20-character thing field */
const shortTime = (t: Date) => formatShanghai(t).replace(/^\d+年/, '');

/** The subscribe message fields (WECHAT_TPL_BOOKING: thing1 name, time2 start, thing3 note). */
function messageOf(title: string, startsAt: Date, note: string): Record<string, string> {
  return { thing1: title, time2: formatShanghai(startsAt), thing3: note };
}

/**
 * Records a reminder row, once: the unique key decides, so of two runs (or two servers) only one
 * goes on to tell the person. Call inside the transaction that holds the booking's row lock.
 */
async function recordOnce(tx: Tx, d: Omit<Due, 'title' | 'place' | 'deadline'> & { message: Record<string, string> }, now: Date): Promise<boolean> {
  try {
    await tx.insert(bookingReminders).values({
      target: d.target,
      bookingId: d.bookingId,
      userId: d.userId,
      kind: d.kind,
      startsAt: d.startsAt,
      page: d.page,
      message: d.message,
      createdAt: now,
    });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/**
 * A waitlisted person who just got a seat: recorded in the promoting transaction, so the
 * subscribe message goes out with the next push (the cancel route pushes at once, the job within
 * a minute). The in-app notice is written by the caller in the same transaction.
 */
export async function recordPromotion(
  tx: Tx,
  p: { bookingId: number; userId: number; activityId: number; title: string; startsAt: Date; deadline: Date },
  now: Date,
): Promise<void> {
  await recordOnce(
    tx,
    {
      target: 'activity',
      bookingId: p.bookingId,
      userId: p.userId,
      kind: 'promoted',
      startsAt: p.startsAt,
      page: activityPage(p.activityId),
      message: messageOf(p.title, p.startsAt, p.deadline > now ? `候补成功，${shortTime(p.deadline)}前可取消` : '候补成功，请准时参加'),
    },
    now,
  );
}

async function dueActivityBookings(db: Db, now: Date): Promise<Due[]> {
  const horizon = new Date(now.getTime() + DAY_BEFORE_MS);
  const hourDone = db
    .select({ one: sql`1` })
    .from(bookingReminders)
    .where(and(eq(bookingReminders.target, 'activity'), eq(bookingReminders.bookingId, bookings.id), eq(bookingReminders.kind, 'hour_before'), eq(bookingReminders.startsAt, activities.startAt)));
  const rows = await db
    .select({
      bookingId: bookings.id,
      userId: bookings.userId,
      bookedAt: bookings.createdAt,
      activityId: activities.id,
      title: activities.title,
      place: activities.location,
      startsAt: activities.startAt,
      cancelDeadlineMinutes: activities.cancelDeadlineMinutes,
    })
    .from(activities)
    .innerJoin(bookings, and(eq(bookings.activityId, activities.id), eq(bookings.status, 'booked')))
    .where(and(gt(activities.startAt, now), lte(activities.startAt, horizon), eq(activities.status, 'published'), notExists(hourDone)))
    .orderBy(asc(activities.startAt), asc(bookings.id))
    .limit(BATCH);
  const out: Due[] = [];
  for (const r of rows) {
    const kind = dueReminder(r.startsAt, r.bookedAt, now);
    if (!kind) continue;
    out.push({ target: 'activity', bookingId: r.bookingId, userId: r.userId, kind, title: r.title, place: r.place, startsAt: r.startsAt, deadline: cancelDeadlineOf({ startAt: r.startsAt, cancelDeadlineMinutes: r.cancelDeadlineMinutes }), page: activityPage(r.activityId) });
  }
  return out;
}

async function dueSlotBookings(db: Db, now: Date): Promise<Due[]> {
  const horizon = new Date(now.getTime() + DAY_BEFORE_MS);
  const hourDone = db
    .select({ one: sql`1` })
    .from(bookingReminders)
    .where(and(eq(bookingReminders.target, 'slot'), eq(bookingReminders.bookingId, slotBookings.id), eq(bookingReminders.kind, 'hour_before')));
  const rows = await db
    .select({
      bookingId: slotBookings.id,
      userId: slotBookings.userId,
      bookedAt: slotBookings.createdAt,
      startsAt: slotBookings.startsAt,
      title: spaces.name,
      cancelDeadlineMinutes: spaceRules.cancelDeadlineMinutes,
    })
    .from(slotBookings)
    .innerJoin(spaces, eq(spaces.id, slotBookings.spaceId))
    .leftJoin(spaceRules, eq(spaceRules.spaceId, slotBookings.spaceId))
    .where(and(eq(slotBookings.status, 'booked'), gt(slotBookings.endsAt, now), gt(slotBookings.startsAt, now), lte(slotBookings.startsAt, horizon), notExists(hourDone)))
    .orderBy(asc(slotBookings.startsAt), asc(slotBookings.id))
    .limit(BATCH);
  const out: Due[] = [];
  for (const r of rows) {
    const kind = dueReminder(r.startsAt, r.bookedAt, now);
    if (!kind) continue;
    const deadline = slotCancelDeadlineOf(r, r.cancelDeadlineMinutes ?? SLOT_DEFAULT_CANCEL_MINUTES);
    out.push({ target: 'slot', bookingId: r.bookingId, userId: r.userId, kind, title: r.title, place: '', startsAt: r.startsAt, deadline, page: MY_BOOKINGS });
  }
  return out;
}

/**
 * Tells one person of one booking, at most once: the booking row is locked and must still be
 * booked (a cancellation that committed first wins), the reminder row is the once-key, and the
 * in-app notice is written in the same transaction.
 */
async function remind(db: Db, d: Due, now: Date): Promise<boolean> {
  return withTx(db, async (tx) => {
    const table = d.target === 'activity' ? bookings : slotBookings;
    const [b] = await tx.select({ status: table.status }).from(table).where(eq(table.id, d.bookingId)).for('update');
    if (b?.status !== 'booked') return false;
    const note = d.kind === 'hour_before' ? '1 小时后开始，请准时参加' : d.deadline > now ? `${shortTime(d.deadline)}前可取消` : '请准时参加';
    if (!(await recordOnce(tx, { ...d, message: messageOf(d.title, d.startsAt, note) }, now))) return false;
    await notify(tx, d.userId, noticeOf(d, now));
    return true;
  });
}

/**
 * Sends the WeChat subscribe message of every reminder not yet pushed (from the last day, and
 * only while its booking still stands). Claiming a row is a conditional UPDATE on `pushed_at`,
 * so of two pushes at once exactly one sends. Never throws.
 */
export async function pushPendingReminders(deps: Pick<Deps, 'db' | 'wechat' | 'logger' | 'config'>, now: Date): Promise<number> {
  try {
    const since = new Date(now.getTime() - DAY_BEFORE_MS);
    const rows = await deps.db
      .select({ id: bookingReminders.id, userId: bookingReminders.userId, page: bookingReminders.page, message: bookingReminders.message, a: bookings.status, s: slotBookings.status })
      .from(bookingReminders)
      .leftJoin(bookings, and(eq(bookingReminders.target, 'activity'), eq(bookings.id, bookingReminders.bookingId)))
      .leftJoin(slotBookings, and(eq(bookingReminders.target, 'slot'), eq(slotBookings.id, bookingReminders.bookingId)))
      .where(and(isNull(bookingReminders.pushedAt), gte(bookingReminders.createdAt, since)))
      .orderBy(asc(bookingReminders.id))
      .limit(BATCH);
    let sent = 0;
    for (const r of rows) {
      const standing = (r.a ?? r.s) === 'booked';
      const [claim] = await deps.db
        .update(bookingReminders)
        .set({ pushedAt: now, pushOutcome: standing ? 'sending' : 'cancelled' })
        .where(and(eq(bookingReminders.id, r.id), isNull(bookingReminders.pushedAt)));
      if ((claim as { affectedRows: number }).affectedRows === 0 || !standing) continue;
      const outcome = await sendSubscribed(deps, r.userId, deps.config.WECHAT_TPL_BOOKING, { page: r.page, data: r.message });
      await deps.db.update(bookingReminders).set({ pushOutcome: outcome }).where(eq(bookingReminders.id, r.id));
      if (outcome === 'sent') sent++;
    }
    return sent;
  } catch (e) {
    deps.logger.error({ err: e }, 'reminder push failed');
    return 0;
  }
}

/**
 * The scheduled job (every minute from main.ts): the day-before and hour-before reminders of
 * activity and space bookings that are due, then their subscribe messages. Idempotent.
 */
export async function sendBookingReminders(deps: Pick<Deps, 'db' | 'wechat' | 'logger' | 'config'>, now: Date): Promise<{ told: number; pushed: number }> {
  const due = [...(await dueActivityBookings(deps.db, now)), ...(await dueSlotBookings(deps.db, now))];
  let told = 0;
  for (const d of due) if (await remind(deps.db, d, now)) told++;
  const pushed = await pushPendingReminders(deps, now);
  return { told, pushed };
}

