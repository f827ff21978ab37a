import { drizzle } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';
import { withConnTx, type Database, type Db } from '../../db/client';
import * as schema from '../../db/schema';
import { conflict } from '../../errors';
import { assertNotSuspended, refusal, type ActivityState } from './eligibility';

export interface BookResult {
  id: number;
  activityId: number;
  status: 'booked' | 'waitlisted';
}

class AlreadyBooked extends Error {}
class LimitReached extends Error {
  constructor(readonly max: number) {
    super('limit');
  }
}

/*
 * The booking hot path talks to mysql2 directly: in profiles of a 500-at-once burst, building
 * drizzle queries and drizzle's per-transaction setup were the largest share of the server's own
 * CPU. The statements are fixed strings; the rules are the same as everywhere else.
 */

const PREFLIGHT = `SELECT
    EXISTS(SELECT 1 FROM bookings WHERE user_id = ? AND status = 'booked' AND ends_at <= ?) AS unsettledA,
    EXISTS(SELECT 1 FROM slot_bookings WHERE user_id = ? AND status = 'booked' AND ends_at <= ?) AS unsettledS,
    (SELECT MAX(ends_at) FROM booking_suspensions WHERE user_id = ? AND starts_at <= ?) AS until,
    EXISTS(SELECT 1 FROM bookings WHERE activity_id = ? AND user_id = ? AND active_flag = 1) AS mine,
    a.id, a.status, a.booking_opens_at AS bookingOpensAt, a.booking_closes_at AS bookingClosesAt, a.start_at AS startAt,
    a.end_at AS endAt, a.capacity, a.booked_count AS bookedCount, a.waitlist_capacity AS waitlistCapacity, a.waitlist_count AS waitlistCount
  FROM (SELECT 1) one LEFT JOIN activities a ON a.id = ?`;

// A seat while booked_count < capacity, else a waitlist place. waitlist_count is assigned first,
// so both expressions read the original booked_count (under MySQL's left-to-right and MariaDB's
// simultaneous assignment alike); LAST_INSERT_ID(1|2) reports in the OK packet which one was
// taken, saving a second statement while the hot row is locked.
const TAKE = `UPDATE activities SET
    waitlist_count = waitlist_count + (booked_count >= capacity),
    booked_count = booked_count + (LAST_INSERT_ID(IF(booked_count < capacity, 1, 2)) = 1)
  WHERE id = ? AND (booked_count < capacity OR waitlist_count < waitlist_capacity)
    AND status = 'published' AND (booking_opens_at IS NULL OR booking_opens_at <= ?)
    AND COALESCE(booking_closes_at, start_at) > ?`;

// Under the user's row lock: their upcoming active bookings, and whether one is for this activity.
const MINE = `SELECT
    (SELECT COUNT(*) FROM bookings b WHERE b.user_id = u.id AND b.active_flag = 1 AND b.ends_at > ?) AS upcoming,
    (SELECT COUNT(*) FROM bookings b WHERE b.user_id = u.id AND b.active_flag = 1 AND b.activity_id = ?) AS here
  FROM users u WHERE u.id = ? FOR UPDATE`;

const INSERT = (waitlisted: boolean) => `INSERT INTO bookings (activity_id, user_id, status, active_flag, waitlist_seq, ends_at, booked_by)
  SELECT id, ?, ?, 1, ${waitlisted ? 'waitlist_count' : 'NULL'}, end_at, ? FROM activities WHERE id = ?`;

const STATE = `SELECT status, booking_opens_at AS bookingOpensAt, booking_closes_at AS bookingClosesAt, start_at AS startAt,
    end_at AS endAt, capacity, booked_count AS bookedCount, waitlist_capacity AS waitlistCapacity, waitlist_count AS waitlistCount
  FROM activities WHERE id = ?`;

type Rows = mysql.RowDataPacket[];

/**
 * Takes a seat, or else a waitlist place, for one user.
 * 1. One plain read (preflight): suspension, lazy no-show settling, an existing booking, and the
 *    activity's state; a visibly full, closed or unknown activity is answered there, without
 *    touching its row (a committed state seen during the request: as true as the locked row).
 * 2. The transaction takes the activity row FIRST, with one conditional UPDATE, so concurrent
 *    bookings queue on that row and nothing else; then it locks the user's row to count their
 *    upcoming bookings (the per-user limit holds even when one user books many activities at
 *    once); the unique key (activity, user, active) makes a second active booking impossible.
 * 3. When the UPDATE matched nothing, the transaction ends at once and the reason is read outside
 *    it: under REPEATABLE READ the unmatched UPDATE would otherwise keep its lock.
 */
/**
 * Booking for someone else (亲情代办): `bookedBy` is the family member; `within` runs in the booking
 * transaction after the place is taken (re-check the link, audit, notify), on a drizzle handle
 * over the same connection. Without it the plain path runs exactly the statements above.
 */
export interface ProxyBooking {
  bookedBy: number;
  within: (tx: Db, result: BookResult) => Promise<void>;
}

export async function bookActivity(
  database: Database,
  userId: number,
  activityId: number,
  now: Date,
  maxActive: number,
  proxy?: ProxyBooking,
): Promise<BookResult> {
  const { pool } = database;
  const [[pre]] = await pool.query<Rows>(PREFLIGHT, [userId, now, userId, now, userId, now, activityId, userId, activityId]);
  await assertNotSuspended(database.db, userId, now, pre as never);
  if (Number(pre.mine)) throw conflict('already_booked', proxy ? 'TA已预约过该活动' : '您已预约过该活动');
  let state = pre.id === null ? null : (pre as unknown as ActivityState);
  for (let attempt = 0; attempt < 3; attempt++) {
    const no = refusal(state, now);
    if (no) throw no;
    let result: BookResult | null;
    try {
      result = proxy
        ? await withConnTx(pool, async (conn) => {
            const r = await takePlace(conn, userId, activityId, now, maxActive, proxy.bookedBy);
            if (r) await proxy.within(drizzle({ client: conn, schema, mode: 'default' }) as unknown as Db, r);
            return r;
          })
        : await withConnTx(pool, (conn) => takePlace(conn, userId, activityId, now, maxActive));
    } catch (e) {
      if (e instanceof AlreadyBooked || (e as { errno?: number }).errno === 1062) throw conflict('already_booked', proxy ? 'TA已预约过该活动' : '您已预约过该活动');
      if (e instanceof LimitReached) {
        throw conflict('booking_limit_reached', `每人最多同时预约 ${e.max} 个未开始的活动，请先参加或取消已有预约`, { max: e.max });
      }
      throw e;
    }
    if (result) return result;
    // The last place went between the read and the UPDATE (or a place was freed): read again.
    const [[row]] = await pool.query<Rows>(STATE, [activityId]);
    state = (row as ActivityState) ?? null;
  }
  throw conflict('activity_full', '名额已满');
}

/** The booking transaction; null when the activity offered no place (decided outside). */
export async function takePlace(
  conn: mysql.PoolConnection,
  userId: number,
  activityId: number,
  now: Date,
  maxActive: number,
  bookedBy = userId,
): Promise<BookResult | null> {
  const [took] = await conn.query<mysql.ResultSetHeader>(TAKE, [activityId, now, now]);
  if (took.affectedRows === 0) return null;
  const status: BookResult['status'] = took.insertId === 1 ? 'booked' : 'waitlisted';
  const [[mine]] = await conn.query<Rows>(MINE, [now, activityId, userId]);
  if (Number(mine.here) > 0) throw new AlreadyBooked();
  if (Number(mine.upcoming) >= maxActive) throw new LimitReached(maxActive);
  const [ins] = await conn.query<mysql.ResultSetHeader>(INSERT(status === 'waitlisted'), [userId, status, bookedBy, activityId]);
  return { id: ins.insertId, activityId, status };
}
