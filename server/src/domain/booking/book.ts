import { sql } from 'drizzle-orm';
import { isDuplicateKey, withTx, type Db, type Tx } from '../../db/client';
import { conflict, notFound } from '../../errors';
import { activityById } from './access';
import { assertMayBook } from './eligibility';
import { formatShanghai } from './time';

export interface BookResult {
  id: number;
  activityId: number;
  status: 'booked' | 'waitlisted';
}

/** mysql2's answer to an UPDATE/INSERT run through drizzle's execute. */
export const affected = (r: unknown) => (r as [{ affectedRows: number }])[0].affectedRows;
const insertId = (r: unknown) => (r as [{ insertId: number }])[0].insertId;
const rowsOf = <T>(r: unknown) => (r as [T[]])[0];

class AlreadyBooked extends Error {}
class LimitReached extends Error {
  constructor(readonly max: number) {
    super('limit');
  }
}

/**
 * Takes a seat, or else a waitlist place, for one user. The activity row's counter is taken FIRST
 * with one conditional UPDATE (it also checks status and the booking window), so the hot row is
 * locked before anything else and concurrent bookings queue on it; then the user's row is locked
 * to count upcoming bookings (the per-user limit holds even when one user books many activities at
 * once); the unique key (activity, user, active) makes a second active booking impossible.
 * When no row matched, the transaction ends at once and the reason (404, closed, full) is decided
 * outside it: under REPEATABLE READ the unmatched UPDATE would keep its lock otherwise.
 */
export async function bookActivity(db: Db, userId: number, activityId: number, now: Date, maxActive: number): Promise<BookResult> {
  await assertMayBook(db, userId, now);
  for (let attempt = 0; attempt < 3; attempt++) {
    let result: BookResult | null;
    try {
      result = await withTx(db, (tx) => takePlace(tx, userId, activityId, now, maxActive));
    } catch (e) {
      if (e instanceof AlreadyBooked || isDuplicateKey(e)) throw conflict('already_booked', '您已预约过该活动');
      if (e instanceof LimitReached) {
        throw conflict('booking_limit_reached', `每人最多同时预约 ${e.max} 个未开始的活动，请先参加或取消已有预约`, { max: e.max });
      }
      throw e;
    }
    if (result) return result;
    const reason = await whyNoPlace(db, activityId, now);
    if (reason !== 'retry') throw reason;
  }
  throw conflict('activity_full', '名额已满，候补也已排满');
}

/** The booking transaction; returns null when the activity offered no place (decided outside). */
export async function takePlace(tx: Tx, userId: number, activityId: number, now: Date, maxActive: number): Promise<BookResult | null> {
  const open = sql`status = 'published' AND (booking_opens_at IS NULL OR booking_opens_at <= ${now})
    AND COALESCE(booking_closes_at, start_at) > ${now}`;
  let status: BookResult['status'] = 'booked';
  const seat = await tx.execute(sql`UPDATE activities SET booked_count = booked_count + 1
    WHERE id = ${activityId} AND booked_count < capacity AND ${open}`);
  if (affected(seat) === 0) {
    const wait = await tx.execute(sql`UPDATE activities SET waitlist_count = waitlist_count + 1
      WHERE id = ${activityId} AND booked_count >= capacity AND waitlist_count < waitlist_capacity AND ${open}`);
    if (affected(wait) === 0) return null;
    status = 'waitlisted';
  }
  // The user's row lock serialises this user's bookings; the counts are theirs alone.
  const [mine] = rowsOf<{ upcoming: number; here: number }>(
    await tx.execute(sql`SELECT
        (SELECT COUNT(*) FROM bookings b WHERE b.user_id = u.id AND b.active_flag = 1 AND b.ends_at > ${now}) AS upcoming,
        (SELECT COUNT(*) FROM bookings b WHERE b.user_id = u.id AND b.active_flag = 1 AND b.activity_id = ${activityId}) AS here
      FROM users u WHERE u.id = ${userId} FOR UPDATE`),
  );
  if (Number(mine.here) > 0) throw new AlreadyBooked();
  if (Number(mine.upcoming) >= maxActive) throw new LimitReached(maxActive);
  const ins = await tx.execute(sql`INSERT INTO bookings (activity_id, user_id, status, active_flag, waitlist_seq, ends_at, booked_by)
    SELECT id, ${userId}, ${status}, 1, ${status === 'waitlisted' ? sql`waitlist_count` : null}, end_at, ${userId}
    FROM activities WHERE id = ${activityId}`);
  return { id: insertId(ins), activityId, status };
}

/** Why the conditional UPDATEs matched nothing, read after the transaction ended. */
async function whyNoPlace(db: Db, activityId: number, now: Date): Promise<Error | 'retry'> {
  const a = await activityById(db, activityId);
  if (!a || a.status === 'draft') return notFound('活动不存在');
  if (a.status === 'cancelled') return conflict('booking_closed', '该活动已取消');
  if (a.status === 'finished' || a.endAt <= now) return conflict('booking_closed', '该活动已结束');
  if (a.bookingOpensAt && a.bookingOpensAt > now) {
    return conflict('booking_closed', `预约尚未开始，将于 ${formatShanghai(a.bookingOpensAt)} 开放`, { opensAt: a.bookingOpensAt.toISOString() });
  }
  const closes = a.bookingClosesAt ?? a.startAt;
  if (closes <= now) return conflict('booking_closed', '预约已截止');
  // A seat or place freed up between the UPDATE and this read: try again.
  if (a.bookedCount < a.capacity || a.waitlistCount < a.waitlistCapacity) return 'retry';
  return conflict('activity_full', a.waitlistCapacity > 0 ? '名额已满，候补也已排满' : '名额已满');
}
