import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { withTx, type Db, type Tx } from '../../db/client';
import { activities, bookings, slotBookings, spaces } from '../../db/schema';
import { appError, conflict, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { assertCanManageComplex } from '../access/scope';
import { verifyPersonalCode, verifyVenueCode } from '../checkin/venueCode';
import { dailyCapFor } from '../points/caps';
import { credit } from '../points/ledger';
import { assertCanManageActivity } from './access';
import { formatShanghai } from '../time/shanghai';

/** Check-in opens 30 minutes before the start and stays open until the end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;

export interface CheckInResult {
  kind: 'activity' | 'space';
  bookingId: number;
  userId: number;
  title: string;
  status: 'checked_in';
  checkedInAt: string;
  /** points credited by this check-in (0 when none or already credited) */
  pointsAwarded: number;
  /** the activity's promised reward, when it has one */
  pointsOffered?: number;
  /** why fewer points than offered were credited (the daily cap), in words for the resident */
  pointsNote?: string;
  alreadyCheckedIn: boolean;
}

/** What the resident reads when the daily cap withheld some or all of a check-in's reward. */
export function cappedNote(offered: number, awarded: number, cap: number | null): string {
  const capText = cap != null ? `（每天最多 ${cap} 分）` : '';
  return awarded > 0
    ? `本次应得 ${offered} 分，今天的签到积分已接近每日上限${capText}，实得 ${awarded} 分。`
    : `今天的签到积分已达每日上限${capText}，这次签到已记录，但不再加分；明天签到照常得分。`;
}

function assertWindow(startAt: Date, endAt: Date, now: Date) {
  const opens = new Date(startAt.getTime() - CHECKIN_OPENS_BEFORE_MS);
  if (now < opens) throw conflict('checkin_not_open', `签到将于 ${formatShanghai(opens)} 开始（开始前 30 分钟）`, { opensAt: opens.toISOString() });
  if (now > endAt) throw conflict('checkin_closed', '活动已结束，不能再签到');
}

const notActive = (status: string) =>
  status === 'waitlisted'
    ? conflict('not_booked', '您还在候补名单中，尚未获得名额，不能签到')
    : conflict('booking_not_active', status === 'no_show' ? '该预约已记为未到场' : '该预约已取消');

/**
 * Checks in one activity booking and credits the reward once. Locks the activity row, then the
 * booking — the order booking and cancelling use — so a check-in can't slip past an activity
 * being cancelled at the same moment (it either sees the cancellation or blocks it).
 */
export async function checkInBooking(tx: Tx, bookingId: number, actorId: number, now: Date): Promise<CheckInResult> {
  const [owner] = await tx.select({ activityId: bookings.activityId }).from(bookings).where(eq(bookings.id, bookingId));
  if (!owner) throw notFound('预约不存在');
  const [a] = await tx.select().from(activities).where(eq(activities.id, owner.activityId)).for('update');
  const [b] = await tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
  const base = { kind: 'activity' as const, bookingId, userId: b.userId, title: a.title, status: 'checked_in' as const };
  if (b.status === 'checked_in') return { ...base, checkedInAt: b.checkedInAt!.toISOString(), pointsAwarded: 0, alreadyCheckedIn: true };
  if (a.status === 'cancelled') throw conflict('booking_not_active', '该活动已取消');
  if (b.status !== 'booked') throw notActive(b.status);
  assertWindow(a.startAt, a.endAt, now);
  await tx.update(bookings).set({ status: 'checked_in', checkedInAt: now, checkedInBy: actorId }).where(eq(bookings.id, b.id));
  let pointsAwarded = 0;
  let pointsNote: string | undefined;
  if (a.pointsReward > 0) {
    const r = await credit(tx, {
      userId: b.userId,
      delta: a.pointsReward,
      reason: 'activity_checkin',
      source: `booking:${b.id}`,
      description: `参加「${a.title}」签到`,
      actorId,
      now,
    });
    pointsAwarded = r.duplicate || !r.entry ? 0 : r.entry.delta;
    if (r.cappedBy > 0) pointsNote = cappedNote(a.pointsReward, pointsAwarded, await dailyCapFor(tx, 'activity_checkin'));
  }
  return { ...base, checkedInAt: now.toISOString(), pointsAwarded, pointsOffered: a.pointsReward || undefined, pointsNote, alreadyCheckedIn: false };
}

async function checkInSlotBooking(tx: Tx, id: number, actorId: number, now: Date): Promise<CheckInResult> {
  const [b] = await tx.select().from(slotBookings).where(eq(slotBookings.id, id)).for('update');
  const [s] = await tx.select({ name: spaces.name }).from(spaces).where(eq(spaces.id, b.spaceId));
  const base = { kind: 'space' as const, bookingId: id, userId: b.userId, title: s.name, status: 'checked_in' as const, pointsAwarded: 0 };
  if (b.status === 'checked_in') return { ...base, checkedInAt: b.checkedInAt!.toISOString(), alreadyCheckedIn: true };
  if (b.status !== 'booked') throw notActive(b.status);
  assertWindow(b.startsAt, b.endsAt, now);
  await tx.update(slotBookings).set({ status: 'checked_in', checkedInAt: now, checkedInBy: actorId }).where(eq(slotBookings.id, id));
  return { ...base, checkedInAt: now.toISOString(), alreadyCheckedIn: false };
}

/** A resident scans the rotating code on the worker's screen (活动 or 场地). */
export async function checkInWithVenueCode(db: Db, userId: number, code: string, secret: string, now: Date): Promise<CheckInResult> {
  const v = verifyVenueCode(secret, code.trim(), now);
  if (!v.ok) {
    throw v.reason === 'expired'
      ? appError(422, 'checkin_code_expired', '签到码已过期，请扫描工作人员屏幕上最新的二维码')
      : appError(422, 'checkin_code_invalid', '这不是有效的签到码');
  }
  if (v.kind === 'activity') {
    const [b] = await db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.activityId, v.id), eq(bookings.userId, userId), eq(bookings.activeFlag, 1)))
      .limit(1);
    if (!b) throw conflict('not_booked', '您没有预约该活动，请先预约');
    return withTx(db, (tx) => checkInBooking(tx, b.id, userId, now));
  }
  if (v.kind === 'slot') {
    const [b] = await db
      .select({ id: slotBookings.id })
      .from(slotBookings)
      .where(
        and(
          eq(slotBookings.spaceId, v.id),
          eq(slotBookings.userId, userId),
          eq(slotBookings.activeFlag, 1),
          lte(slotBookings.startsAt, new Date(now.getTime() + CHECKIN_OPENS_BEFORE_MS)),
          gte(slotBookings.endsAt, now),
        ),
      )
      .orderBy(asc(slotBookings.startsAt))
      .limit(1);
    if (!b) throw conflict('not_booked', '您在当前时段没有该场地的预约');
    return withTx(db, (tx) => checkInSlotBooking(tx, b.id, userId, now));
  }
  throw appError(422, 'checkin_code_invalid', '这不是活动或场地的签到码');
}

/** Staff scan a resident's personal booking code (我的预约 → 预约码). */
export async function checkInWithPersonalCode(
  tx: Tx,
  staff: AuthUser,
  code: string,
  secret: string,
  now: Date,
  expect?: { activityId?: number; spaceId?: number },
): Promise<CheckInResult> {
  const p = verifyPersonalCode(secret, code.trim());
  if (!p) throw appError(422, 'checkin_code_invalid', '这不是有效的预约码');
  if (p.kind === 'booking') {
    const [row] = await tx
      .select({ activityId: bookings.activityId, complexId: activities.complexId, organizerBranchId: activities.organizerBranchId })
      .from(bookings)
      .innerJoin(activities, eq(activities.id, bookings.activityId))
      .where(eq(bookings.id, p.id));
    if (!row) throw notFound('预约不存在');
    await assertCanManageActivity(tx, staff, row);
    if (expect?.activityId && expect.activityId !== row.activityId) throw conflict('wrong_activity', '这是其他活动的预约码');
    return checkInBooking(tx, p.id, staff.id, now);
  }
  if (p.kind === 'slot_booking') {
    const [row] = await tx
      .select({ spaceId: slotBookings.spaceId, complexId: spaces.complexId })
      .from(slotBookings)
      .innerJoin(spaces, eq(spaces.id, slotBookings.spaceId))
      .where(eq(slotBookings.id, p.id));
    if (!row) throw notFound('预约不存在');
    await assertCanManageComplex(tx, staff, row.complexId);
    if (expect?.spaceId && expect.spaceId !== row.spaceId) throw conflict('wrong_activity', '这是其他场地的预约码');
    return checkInSlotBooking(tx, p.id, staff.id, now);
  }
  throw appError(422, 'checkin_code_invalid', '这不是预约码');
}

