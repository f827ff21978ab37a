import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appError, conflict, notFound } from '../../errors';
import { settleNoShows, suspendedUntil } from './noShows';
import { formatShanghai } from '../time/shanghai';
import { SUSPENSION_PREFLIGHT, suspensionPreflightParams, type ActivityState, type SuspensionPreflight } from './rules';

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
  const [rows] = (await db.execute(positional(`SELECT ${SUSPENSION_PREFLIGHT}`, suspensionPreflightParams(userId, now)))) as unknown as [SuspensionPreflight[]];
  await assertNotSuspended(db, userId, now, rows[0]);
}

/** Fixed SQL with `?` placeholders as a drizzle query (each value bound, never spliced). */
function positional(text: string, params: unknown[]): SQL {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) throw new Error('placeholder count does not match');
  const chunks: SQL[] = [sql.raw(parts[0])];
  params.forEach((p, i) => chunks.push(sql`${p}`, sql.raw(parts[i + 1])));
  return sql.join(chunks);
}

/** Settles the caller's ended bookings if the read found any, then refuses while suspended. */
export async function assertNotSuspended(db: Db, userId: number, now: Date, row: SuspensionPreflight) {
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
