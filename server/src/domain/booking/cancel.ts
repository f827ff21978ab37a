import { and, asc, eq, sql } from 'drizzle-orm';
import { withTx, type Db, type Tx } from '../../db/client';
import { activities, bookings } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { notify } from '../notifications/notify';
import { formatShanghai } from '../time/shanghai';
import { deadlineText, recordPromotion } from '../reminders/job';

import { cancelBlock, cancelDeadlineOf, type ActivityRow, type BookingRow } from './rules';

export const activityLink = (id: number) => `/packages/booking/pages/detail/index?id=${id}`;

/** Locks the activity row: every change to its counters starts here (one lock order). */
export async function lockActivity(tx: Tx, id: number): Promise<ActivityRow | null> {
  const [a] = await tx.select().from(activities).where(eq(activities.id, id)).for('update');
  return a ?? null;
}

/**
 * Gives up to `seats` freed seats to the first waitlisted people (FIFO by id) and tells them.
 * The caller holds the activity lock and has already counted the freed seats out of bookedCount.
 */
export async function promoteWaitlisted(tx: Tx, a: ActivityRow, seats: number, now: Date): Promise<number[]> {
  if (seats <= 0) return [];
  const next = await tx
    .select({ id: bookings.id, userId: bookings.userId })
    .from(bookings)
    .where(and(eq(bookings.activityId, a.id), eq(bookings.status, 'waitlisted')))
    .orderBy(asc(bookings.id))
    .limit(seats)
    .for('update');
  if (next.length === 0) return [];
  for (const b of next) await tx.update(bookings).set({ status: 'booked', waitlistSeq: null }).where(eq(bookings.id, b.id));
  await tx
    .update(activities)
    .set({ bookedCount: sql`${activities.bookedCount} + ${next.length}`, waitlistCount: sql`${activities.waitlistCount} - ${next.length}` })
    .where(eq(activities.id, a.id));
  await notify(
    tx,
    next.map((b) => b.userId),
    {
      kind: 'booking_promoted',
      title: `候补成功：「${a.title}」`,
      body: `有人取消了预约，您已从候补转为正式预约。活动时间 ${formatShanghai(a.startAt)}，请准时参加。${deadlineText(cancelDeadlineOf(a), now)}`,
      link: activityLink(a.id),
    },
  );
  // the WeChat subscribe message follows after the commit (pushPendingReminders)
  for (const b of next) {
    await recordPromotion(tx, { bookingId: b.id, userId: b.userId, activityId: a.id, title: a.title, startsAt: a.startAt, deadline: cancelDeadlineOf(a) }, now);
  }
  return next.map((b) => b.id);
}

/**
 * A resident cancels their own booking: a seat until the cancellation deadline, a waitlist place
 * until the start. A freed seat goes to the first waitlisted person. Someone else's → 404.
 */
export async function cancelBooking(
  db: Db,
  userId: number,
  bookingId: number,
  now: Date,
  /** 亲情代办: cancelled by a family member — the reason recorded, and `within` (audit, notify) in the same transaction */
  proxy?: { reason: string; within: (tx: Tx, b: BookingRow, a: ActivityRow) => Promise<void> },
): Promise<BookingRow> {
  const [own] = await db
    .select({ activityId: bookings.activityId })
    .from(bookings)
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)))
    .limit(1);
  if (!own) throw notFound('预约不存在');
  return withTx(db, async (tx) => {
    const a = (await lockActivity(tx, own.activityId))!;
    const [b] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
    const block = cancelBlock(a, b, now);
    if (block === 'not_active') throw conflict('booking_not_active', '该预约已取消或已结束，无需再取消');
    if (block === 'deadline_passed') {
      const deadline = cancelDeadlineOf(a);
      throw conflict('cancel_deadline_passed', `活动开始前 ${hoursText(a.cancelDeadlineMinutes)}内不能取消预约（截止 ${formatShanghai(deadline)}）`, {
        deadline: deadline.toISOString(),
      });
    }
    if (block === 'started') throw conflict('cancel_deadline_passed', '活动已开始，不能取消候补');
    await tx
      .update(bookings)
      .set({ status: 'cancelled', activeFlag: null, cancelledAt: now, cancelReason: proxy?.reason ?? '本人取消', waitlistSeq: null })
      .where(eq(bookings.id, b.id));
    if (b.status === 'booked') {
      await tx.update(activities).set({ bookedCount: sql`${activities.bookedCount} - 1` }).where(eq(activities.id, a.id));
      if (a.status === 'published') await promoteWaitlisted(tx, a, 1, now);
    } else {
      await tx.update(activities).set({ waitlistCount: sql`${activities.waitlistCount} - 1` }).where(eq(activities.id, a.id));
    }
    const [after] = await tx.select().from(bookings).where(eq(bookings.id, b.id));
    if (proxy) await proxy.within(tx, after, a);
    return after;
  });
}

function hoursText(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} 小时`;
  return `${minutes} 分钟`;
}
