import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { bookings, offeringRecords } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { checkInBooking } from '../booking/checkin';
import { activityRoster } from '../booking/roster';
import { checkedInCount, findOffering } from './offerings';

/**
 * A session of an offering, as the organizing branch runs it: who booked (roster), who came
 * (check-in) and the short record written afterwards.
 */

/** Everyone holding or having held a place, with masked phones only (the activity roster). */
export const roster = (db: Db, offeringId: number) => activityRoster(db, offeringId);

/**
 * Marks a booked resident of this offering as arrived, with the activity check-in rules
 * (booking/checkin.ts: window, one check-in, points once). 404 for a booking of another activity.
 */
export async function checkIn(tx: Tx, offeringId: number, bookingId: number, actorId: number, now: Date) {
  await findOffering(tx, offeringId);
  const [b] = await tx.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.id, bookingId), eq(bookings.activityId, offeringId))).limit(1);
  if (!b) throw notFound('这场服务没有该预约');
  return checkInBooking(tx, bookingId, actorId, now);
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

/** The record and the check-in count, as the branch's pages show them. */
export async function sessionRecord(db: DbOrTx, offeringId: number) {
  return { record: presentRecord(await readRecord(db, offeringId)), checkedInCount: await checkedInCount(db, offeringId) };
}

export const presentRecord = (r: typeof offeringRecords.$inferSelect | null) =>
  r && { peopleServed: r.peopleServed, notes: r.notes, recordedBy: r.recordedBy, updatedAt: r.updatedAt.toISOString() };
