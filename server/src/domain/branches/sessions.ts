import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { bookings, offeringRecords, users } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { credit } from '../points/ledger';
import { findOffering } from './offerings';

/**
 * A session of an offering, as the organizing branch runs it: who booked (roster), who came
 * (check-in) and the short record written afterwards.
 */

/** Check-in opens this long before the start and closes this long after the end. */
const CHECKIN_OPENS_BEFORE_MS = 60 * 60_000;
const CHECKIN_CLOSES_AFTER_MS = 24 * 3600_000;

/** Everyone holding or having held a place, with masked phones only. */
export async function roster(db: DbOrTx, offeringId: number) {
  const rows = await db
    .select({
      bookingId: bookings.id,
      userId: users.id,
      nickname: users.nickname,
      realName: users.realName,
      phoneMasked: users.phoneMasked,
      status: bookings.status,
      checkedInAt: bookings.checkedInAt,
      bookedAt: bookings.createdAt,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.userId))
    .where(eq(bookings.activityId, offeringId))
    .orderBy(sql`FIELD(${bookings.status}, 'checked_in', 'booked', 'waitlisted', 'no_show', 'cancelled')`, asc(bookings.waitlistSeq), asc(bookings.id));
  return rows.map((r) => ({ ...r, checkedInAt: r.checkedInAt?.toISOString() ?? null, bookedAt: r.bookedAt.toISOString() }));
}

/**
 * Marks a booked resident as arrived. Acts once: a second check-in of the same booking returns
 * it unchanged. Attending earns the offering's points through the ledger, once per booking.
 */
export async function checkIn(tx: Tx, offeringId: number, bookingId: number, actorId: number, now: Date) {
  const o = await findOffering(tx, offeringId);
  if (o.status !== 'published' && o.status !== 'finished') throw conflict('offering_closed', '该服务已取消，不能签到');
  if (now.getTime() < o.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS || now.getTime() > o.endAt.getTime() + CHECKIN_CLOSES_AFTER_MS) {
    throw conflict('checkin_closed', '不在签到时间内：开始前 1 小时至结束后 24 小时可签到');
  }
  const [res] = await tx
    .update(bookings)
    .set({ status: 'checked_in', checkedInAt: now, checkedInBy: actorId })
    .where(and(eq(bookings.id, bookingId), eq(bookings.activityId, offeringId), eq(bookings.status, 'booked')));
  const [b] = await tx.select().from(bookings).where(and(eq(bookings.id, bookingId), eq(bookings.activityId, offeringId))).limit(1);
  if (!b) throw notFound('这场服务没有该预约');
  const changed = (res as { affectedRows: number }).affectedRows > 0;
  if (!changed && b.status !== 'checked_in') {
    const why: Record<string, string> = { waitlisted: '该居民在候补名单中，没有名额', cancelled: '该预约已取消，不能签到', no_show: '该预约已记为未到场' };
    throw conflict('not_checkable', why[b.status] ?? '该预约不能签到');
  }
  if (changed && o.pointsReward > 0) {
    await credit(tx, {
      userId: b.userId,
      delta: o.pointsReward,
      reason: 'activity_checkin',
      source: `booking:${b.id}`,
      description: `参加「${o.title}」签到`,
      actorId,
      now,
    });
  }
  return { booking: b, changed };
}

export interface RecordInput {
  peopleServed: number;
  notes: string;
}

/** Writes (or rewrites) the record of a session that has begun. */
export async function writeRecord(tx: Tx, offeringId: number, actorId: number, input: RecordInput, now: Date) {
  const o = await findOffering(tx, offeringId);
  if (o.status === 'cancelled' || o.status === 'draft') throw conflict('offering_closed', '该服务未举行，不能填写记录');
  if (o.startAt > now && (await checkedInCount(tx, offeringId)) === 0) throw conflict('session_not_started', '服务开始（或有居民签到）后才能填写记录');
  await tx
    .insert(offeringRecords)
    .values({ activityId: offeringId, branchId: o.organizerBranchId, peopleServed: input.peopleServed, notes: input.notes, recordedBy: actorId })
    .onDuplicateKeyUpdate({ set: { peopleServed: input.peopleServed, notes: input.notes, recordedBy: actorId } });
  return readRecord(tx, offeringId);
}

export async function readRecord(db: DbOrTx, offeringId: number) {
  const [r] = await db.select().from(offeringRecords).where(eq(offeringRecords.activityId, offeringId)).limit(1);
  return r ?? null;
}

export async function checkedInCount(db: DbOrTx, offeringId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`COUNT(*)` })
    .from(bookings)
    .where(and(eq(bookings.activityId, offeringId), eq(bookings.status, 'checked_in')));
  return Number(n);
}

/** The record and the check-in count, as the branch's pages show them. */
export async function sessionRecord(db: DbOrTx, offeringId: number) {
  return { record: presentRecord(await readRecord(db, offeringId)), checkedInCount: await checkedInCount(db, offeringId) };
}

export const presentRecord = (r: typeof offeringRecords.$inferSelect | null) =>
  r && { peopleServed: r.peopleServed, notes: r.notes, recordedBy: r.recordedBy, updatedAt: r.updatedAt.toISOString() };
