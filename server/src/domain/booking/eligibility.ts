import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appError, conflict, notFound } from '../../errors';
import { settleNoShows, suspendedUntil } from './noShows';
import { formatShanghai } from '../time/shanghai';

/** What the booking rules read of an activity before and after trying to take a place. */
export interface ActivityState {
  status: string;
  bookingOpensAt: Date | null;
  bookingClosesAt: Date | null;
  startAt: Date;
  endAt: Date;
  capacity: number;
  bookedCount: number;
  waitlistCapacity: number;
  waitlistCount: number;
}

/**
 * The reason an activity offers no place now (404, closed, full), or null when it may: decided
 * on the read before the booking transaction and again after one whose UPDATE matched nothing.
 */
export function refusal(a: ActivityState | null, now: Date): Error | null {
  if (!a || a.status === 'draft') return notFound('活动不存在');
  if (a.status === 'cancelled') return conflict('booking_closed', '该活动已取消');
  if (a.status === 'finished' || a.endAt <= now) return conflict('booking_closed', '该活动已结束');
  if (a.bookingOpensAt && a.bookingOpensAt > now) {
    return conflict('booking_closed', `预约尚未开始，将于 ${formatShanghai(a.bookingOpensAt)} 开放`, { opensAt: a.bookingOpensAt.toISOString() });
  }
  if ((a.bookingClosesAt ?? a.startAt) <= now) return conflict('booking_closed', '预约已截止');
  if (a.bookedCount >= a.capacity && a.waitlistCount >= a.waitlistCapacity) {
    return conflict('activity_full', a.waitlistCapacity > 0 ? '名额已满，候补也已排满' : '名额已满');
  }
  return null;
}

/** Before a space booking: the same settle-and-suspension check, without an activity. */
export async function assertMayBook(db: Db, userId: number, now: Date): Promise<void> {
  const [rows] = (await db.execute(sql`
    SELECT
      EXISTS(SELECT 1 FROM bookings WHERE user_id = ${userId} AND status = 'booked' AND ends_at <= ${now}) AS unsettledA,
      EXISTS(SELECT 1 FROM slot_bookings WHERE user_id = ${userId} AND status = 'booked' AND ends_at <= ${now}) AS unsettledS,
      (SELECT MAX(ends_at) FROM booking_suspensions WHERE user_id = ${userId} AND starts_at <= ${now}) AS until`)) as unknown as [
    Array<{ unsettledA: number; unsettledS: number; until: Date | null }>,
  ];
  await assertNotSuspended(db, userId, now, rows[0]);
}

/** Settles the caller's ended bookings if the read found any, then refuses while suspended. */
export async function assertNotSuspended(db: Db, userId: number, now: Date, row: { unsettledA: number; unsettledS: number; until: Date | null }) {
  let until = row.until && row.until > now ? row.until : null;
  if (Number(row.unsettledA) || Number(row.unsettledS)) {
    await settleNoShows(db, now, userId);
    until = await suspendedUntil(db, userId, now);
  }
  if (until) {
    throw appError(403, 'booking_suspended', `您近 30 天内多次预约未到场，预约功能暂停至 ${formatShanghai(until)}`, {
      until: until.toISOString(),
    });
  }
}
