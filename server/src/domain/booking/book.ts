import { getTableColumns, getTableName } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/mysql2';
import type mysql from 'mysql2/promise';
import { withConnTx, type Database, type Db } from '../../db/client';
import * as schema from '../../db/schema';
import { activities, bookings, users } from '../../db/schema';
import { conflict } from '../../errors';
import { assertNotSuspended, refusal } from './eligibility';
import { ACTIVITY_STATE_KEYS, SUSPENSION_PREFLIGHT, selectAs, suspensionPreflightParams, type ActivityState } from './rules';

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

const A = activities;
const AT = getTableName(activities);
const BT = getTableName(bookings);
const UT = getTableName(users);
const B = bookings;
const STATE_COLUMNS = (alias: string) => selectAs(getTableColumns(activities), alias, ACTIVITY_STATE_KEYS);

const PREFLIGHT = `SELECT
    ${SUSPENSION_PREFLIGHT},
    EXISTS(SELECT 1 FROM ${BT} WHERE ${B.activityId.name} = ? AND ${B.userId.name} = ? AND ${B.activeFlag.name} = 1) AS mine,
    a.${A.id.name} AS id, ${STATE_COLUMNS('a')}
  FROM (SELECT 1) one LEFT JOIN ${AT} a ON a.${A.id.name} = ?`;

// A seat while booked_count < capacity, else a waitlist place. waitlist_count is assigned first,
// so both expressions read the original booked_count (under MySQL's left-to-right and MariaDB's
// simultaneous assignment alike); LAST_INSERT_ID(1|2) reports in the OK packet which one was
// taken, saving a second statement while the hot row is locked.
const [booked, capacity, waitlist, waitlistCap] = [A.bookedCount.name, A.capacity.name, A.waitlistCount.name, A.waitlistCapacity.name];
const TAKE = `UPDATE ${AT} SET
    ${waitlist} = ${waitlist} + (${booked} >= ${capacity}),
    ${booked} = ${booked} + (LAST_INSERT_ID(IF(${booked} < ${capacity}, 1, 2)) = 1)
  WHERE ${A.id.name} = ? AND (${booked} < ${capacity} OR ${waitlist} < ${waitlistCap})
    AND ${A.status.name} = 'published' AND (${A.bookingOpensAt.name} IS NULL OR ${A.bookingOpensAt.name} <= ?)
    AND COALESCE(${A.bookingClosesAt.name}, ${A.startAt.name}) > ?`;

// Under the user's row lock: their upcoming active bookings, and whether one is for this activity.
const MINE = `SELECT
    (SELECT COUNT(*) FROM ${BT} b WHERE b.${B.userId.name} = u.${users.id.name} AND b.${B.activeFlag.name} = 1 AND b.${B.endsAt.name} > ?) AS upcoming,
    (SELECT COUNT(*) FROM ${BT} b WHERE b.${B.userId.name} = u.${users.id.name} AND b.${B.activeFlag.name} = 1 AND b.${B.activityId.name} = ?) AS here
  FROM ${UT} u WHERE u.${users.id.name} = ? FOR UPDATE`;

const INSERT = (waitlisted: boolean) => `INSERT INTO ${BT} (${B.activityId.name}, ${B.userId.name}, ${B.status.name}, ${B.activeFlag.name}, ${B.waitlistSeq.name}, ${B.endsAt.name}, ${B.bookedBy.name})
  SELECT ${A.id.name}, ?, ?, 1, ${waitlisted ? waitlist : 'NULL'}, ${A.endAt.name}, ? FROM ${AT} WHERE ${A.id.name} = ?`;

const STATE = `SELECT ${STATE_COLUMNS('a')} FROM ${AT} a WHERE a.${A.id.name} = ?`;

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
  const [[pre]] = await pool.query<Rows>(PREFLIGHT, [...suspensionPreflightParams(userId, now), activityId, userId, activityId]);
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
