import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appError } from '../../errors';
import { settleNoShows, suspendedUntil } from './noShows';
import { formatShanghai } from './time';

/**
 * Before any booking: settle the caller's own ended bookings (lazy no-show sweep) and refuse
 * while a no-show suspension runs. One indexed query in the common case.
 */
export async function assertMayBook(db: Db, userId: number, now: Date): Promise<void> {
  const [rows] = (await db.execute(sql`
    SELECT
      EXISTS(SELECT 1 FROM bookings WHERE user_id = ${userId} AND status = 'booked' AND ends_at <= ${now}) AS a,
      EXISTS(SELECT 1 FROM slot_bookings WHERE user_id = ${userId} AND status = 'booked' AND ends_at <= ${now}) AS s,
      (SELECT MAX(ends_at) FROM booking_suspensions WHERE user_id = ${userId} AND starts_at <= ${now}) AS until`)) as unknown as [
    Array<{ a: number; s: number; until: Date | null }>,
  ];
  const row = rows[0];
  let until = row.until && row.until > now ? row.until : null;
  if (Number(row.a) || Number(row.s)) {
    await settleNoShows(db, now, userId);
    until = await suspendedUntil(db, userId, now);
  }
  if (until) {
    throw appError(403, 'booking_suspended', `您近 30 天内多次预约未到场，预约功能暂停至 ${formatShanghai(until)}`, {
      until: until.toISOString(),
    });
  }
}
