import { and, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import { withTx, type Db, type DbOrTx, type Tx } from '../../db/client';
import { activities, bookingSuspensions, bookings, slotBookings, spaceSlots } from '../../db/schema';
import type { RequestFacts } from '../access/actor';
import { audit } from '../audit/log';
import { notify } from '../notifications/notify';
import { formatShanghai } from '../time/shanghai';

/** 3 no-shows within 30 days suspend booking for 7 days. */
export const NO_SHOW_LIMIT = 3;
export const NO_SHOW_WINDOW_MS = 30 * 86_400_000;
export const SUSPENSION_MS = 7 * 86_400_000;
const BATCH = 500;
/** Another booking of the same activity, in the "did it take place" subquery. */
const other = alias(bookings, 'c');

/**
 * After the end of an activity or slot, a booking nobody checked in to becomes `no_show` and a
 * waitlist place that never turned into a seat lapses. Runs lazily (before a user books, for that
 * user) and periodically (main.ts, for everyone); both are safe to repeat.
 */
export async function settleNoShows(db: Db, now: Date, userId?: number): Promise<{ noShows: number; suspended: number[] }> {
  const r = await settleBatches(db, now, userId);
  if (userId === undefined) await closeEnded(db, now);
  return r;
}

/**
 * The sweep staff start (POST /bookings/settle): everyone's bookings in batches, one transaction
 * each as the periodic sweep does (a long backlog never holds its locks for long), then the ended
 * activities and slots closed and `booking.settle` audited in one last transaction.
 */
export async function settleNoShowsAudited(db: Db, now: Date, actorId: number, facts: RequestFacts): Promise<{ noShows: number; suspended: number }> {
  const r = await settleBatches(db, now);
  const summary = { noShows: r.noShows, suspended: r.suspended.length };
  await withTx(db, async (tx) => {
    await closeEnded(tx, now);
    await audit(tx, { actorId, action: 'booking.settle', detail: summary, ...facts });
  });
  return summary;
}

async function settleBatches(db: Db, now: Date, userId?: number): Promise<{ noShows: number; suspended: number[] }> {
  let noShows = 0;
  const suspended: number[] = [];
  for (let round = 0; round < 20; round++) {
    const r = await withTx(db, async (tx) => {
      const byUser = userId === undefined ? [] : [eq(bookings.userId, userId)];
      const a = await tx
        .select({ id: bookings.id, userId: bookings.userId })
        .from(bookings)
        .where(and(eq(bookings.status, 'booked'), lte(bookings.endsAt, now), ...byUser))
        .limit(BATCH)
        .for('update');
      if (a.length) {
        await tx.update(bookings).set({ status: 'no_show' }).where(and(inArray(bookings.id, a.map((x) => x.id)), eq(bookings.status, 'booked')));
      }
      const s = await tx
        .select({ id: slotBookings.id, userId: slotBookings.userId })
        .from(slotBookings)
        .where(and(eq(slotBookings.status, 'booked'), lte(slotBookings.endsAt, now), ...(userId === undefined ? [] : [eq(slotBookings.userId, userId)])))
        .limit(BATCH)
        .for('update');
      if (s.length) {
        await tx.update(slotBookings).set({ status: 'no_show' }).where(and(inArray(slotBookings.id, s.map((x) => x.id)), eq(slotBookings.status, 'booked')));
      }
      await tx
        .update(bookings)
        .set({ status: 'cancelled', activeFlag: null, cancelledAt: now, cancelReason: '活动已结束，候补未转正' })
        .where(and(eq(bookings.status, 'waitlisted'), lte(bookings.endsAt, now), ...byUser));
      const users = [...new Set([...a, ...s].map((x) => x.userId))];
      const newly: number[] = [];
      for (const u of users) if (await suspendIfDue(tx, u)) newly.push(u);
      return { count: a.length + s.length, full: a.length === BATCH || s.length === BATCH, newly };
    });
    noShows += r.count;
    suspended.push(...r.newly);
    if (!r.full) break;
  }
  return { noShows, suspended };
}

/** Ended activities and slots are settled once; this also stops them showing as bookable. */
async function closeEnded(db: DbOrTx, now: Date): Promise<void> {
  await db
    .update(activities)
    .set({ status: 'finished', settledAt: now })
    .where(and(eq(activities.status, 'published'), lte(activities.endAt, now)));
  await db.update(spaceSlots).set({ settledAt: now }).where(and(isNull(spaceSlots.settledAt), lte(spaceSlots.endAt, now)));
}

/**
 * Looks for 3 no-shows (of activities that took place, and of space slots) within 30 days after
 * the user's last suspension began, and if found
 * suspends booking for 7 days from the third one (so a sweep that runs late decides the same).
 */
async function suspendIfDue(tx: Tx, userId: number): Promise<boolean> {
  let created = false;
  for (;;) {
    const [last] = await tx
      .select({ startsAt: bookingSuspensions.startsAt })
      .from(bookingSuspensions)
      .where(eq(bookingSuspensions.userId, userId))
      .orderBy(desc(bookingSuspensions.startsAt))
      .limit(1);
    const since = last?.startsAt ?? new Date(0);
    // Only activities that actually took place count: someone checked in. An activity nobody
    // attended (moved, not held, check-in never opened) is no one's no-show.
    const [B, S] = [bookings, slotBookings];
    const rows = (await tx.execute(sql`
      SELECT ${B.endsAt} AS t FROM ${B}
        WHERE ${B.userId} = ${userId} AND ${B.status} = 'no_show' AND ${B.endsAt} > ${since}
          AND EXISTS (SELECT 1 FROM ${B} ${other} WHERE ${other.activityId} = ${B.activityId} AND ${other.status} = 'checked_in')
      UNION ALL
      SELECT ${S.endsAt} AS t FROM ${S} WHERE ${S.userId} = ${userId} AND ${S.status} = 'no_show' AND ${S.endsAt} > ${since}
      ORDER BY t`)) as unknown as [Array<{ t: Date }>];
    const times = rows[0].map((r) => new Date(r.t).getTime());
    let at: number | null = null;
    for (let i = NO_SHOW_LIMIT - 1; i < times.length; i++) {
      if (times[i] - times[i - NO_SHOW_LIMIT + 1] <= NO_SHOW_WINDOW_MS) {
        at = times[i];
        break;
      }
    }
    if (at === null) return created;
    const endsAt = new Date(at + SUSPENSION_MS);
    await tx.insert(bookingSuspensions).values({ userId, startsAt: new Date(at), endsAt, noShows: NO_SHOW_LIMIT });
    await notify(tx, userId, {
      kind: 'booking_suspended',
      title: '预约功能暂停通知',
      body: `您在 30 天内有 ${NO_SHOW_LIMIT} 次预约未到场，预约功能暂停至 ${formatShanghai(endsAt)}。`,
    });
    created = true;
  }
}

/** When the user's current suspension ends, or null. */
export async function suspendedUntil(db: Db | Tx, userId: number, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ endsAt: bookingSuspensions.endsAt })
    .from(bookingSuspensions)
    .where(and(eq(bookingSuspensions.userId, userId), lte(bookingSuspensions.startsAt, now), sql`${bookingSuspensions.endsAt} > ${now}`))
    .orderBy(desc(bookingSuspensions.endsAt))
    .limit(1);
  return row?.endsAt ?? null;
}
