import { eq } from 'drizzle-orm';
import type { Database, Db } from '../../db/client';
import { activities, users } from '../../db/schema';
import { notFound } from '../../errors';
import { audit, type AuditEntry } from '../audit/log';
import { assertCanActFor, canActFor } from '../family/access';
import { notify } from '../notifications/notify';
import { bookActivity, type BookResult } from './book';
import { activityLink, cancelBooking } from './cancel';
import type { BookingRow } from './rules';
import { formatShanghai } from '../time/shanghai';

type Facts = Pick<AuditEntry, 'ip' | 'requestId'>;

const nicknameOf = async (db: Db, id: number) => (await db.select({ n: users.nickname }).from(users).where(eq(users.id, id)))[0]?.n ?? '家人';

/**
 * 亲情代办: a linked family member books an activity for the senior. The booking is the senior's
 * (every rule of theirs applies: suspension, quota, already booked) with `booked_by` = the family
 * member; in the same transaction the link is checked again, the action is audited with
 * `onBehalfOf` (the senior's proxy-action list) and the senior is told.
 */
export async function bookForSenior(
  database: Database,
  input: { actorId: number; seniorId: number; activityId: number; now: Date; maxActive: number; facts: Facts },
): Promise<BookResult> {
  const { actorId, seniorId, activityId } = input;
  await assertCanActFor(database.db, actorId, seniorId);
  return bookActivity(database, seniorId, activityId, input.now, input.maxActive, {
    bookedBy: actorId,
    within: async (tx, r) => {
      if (!(await canActFor(tx, actorId, seniorId))) throw notFound('找不到这位长辈，或您还不是TA的亲情代办家人');
      const [a] = await tx.select({ title: activities.title, startAt: activities.startAt }).from(activities).where(eq(activities.id, activityId));
      const waiting = r.status === 'waitlisted' ? '（候补）' : '';
      await audit(tx, {
        actorId,
        onBehalfOf: seniorId,
        action: 'booking.create.proxy',
        targetType: 'booking',
        targetId: r.id,
        detail: { summary: `代为预约「${a.title}」${waiting}`, activityId, status: r.status },
        ...input.facts,
      });
      const who = await nicknameOf(tx, actorId);
      await notify(tx, seniorId, {
        kind: 'booking_proxy',
        title: `家人为您预约了「${a.title}」${waiting}`,
        body: `${who}为您预约了活动「${a.title}」，时间 ${formatShanghai(a.startAt)}。${r.status === 'waitlisted' ? '目前在候补中，有空位会通知您。' : '请准时参加。'}`,
        link: activityLink(activityId),
      });
    },
  });
}

/** 亲情代办: a linked family member cancels one of the senior's bookings (same rules as the senior's own cancel). */
export async function cancelForSenior(db: Db, input: { actorId: number; seniorId: number; bookingId: number; now: Date; facts: Facts }): Promise<BookingRow> {
  const { actorId, seniorId } = input;
  await assertCanActFor(db, actorId, seniorId);
  return cancelBooking(db, seniorId, input.bookingId, input.now, {
    reason: '家人代为取消',
    within: async (tx, b, a) => {
      if (!(await canActFor(tx, actorId, seniorId))) throw notFound('预约不存在');
      await audit(tx, {
        actorId,
        onBehalfOf: seniorId,
        action: 'booking.cancel.proxy',
        targetType: 'booking',
        targetId: b.id,
        detail: { summary: `代为取消预约「${a.title}」`, activityId: a.id },
        ...input.facts,
      });
      const who = await nicknameOf(tx, actorId);
      await notify(tx, seniorId, {
        kind: 'booking_proxy',
        title: `家人为您取消了「${a.title}」的预约`,
        body: `${who}为您取消了活动「${a.title}」（${formatShanghai(a.startAt)}）的预约。`,
        link: activityLink(a.id),
      });
    },
  });
}
