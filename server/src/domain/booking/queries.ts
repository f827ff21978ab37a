import { and, desc, eq, gt, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { DbOrTx } from '../../db/client';
import { activities, bookings, complexes, slotBookings, spaceRules, spaces, users } from '../../db/schema';
import { notFound } from '../../errors';
import { personalCode } from '../checkin/venueCode';
import { canCancel, type BookingRow } from './rules';
import { defaultRules } from './spaces';

/** A booking as the API shows it (the answer to a cancel, and the start of each of my bookings). */
export const presentBooking = (b: BookingRow) => ({
  id: b.id,
  activityId: b.activityId,
  status: b.status,
  createdAt: b.createdAt.toISOString(),
  cancelledAt: b.cancelledAt?.toISOString() ?? null,
  checkedInAt: b.checkedInAt?.toISOString() ?? null,
});

export interface BookingsPageInput {
  limit: number;
  /** keyset: ids below this one */
  before?: number;
  /** `upcoming` keeps those not yet ended and still active */
  scope: 'all' | 'upcoming';
}

/**
 * One person's activity bookings, newest first (GET /me/bookings, and a linked family member's
 * view): keyset on id over `bookings_user_id_idx`, each with the personal code staff scan and
 * whether it may still be cancelled ({@link canCancel}). `next` is the last id shown when there is
 * a further page.
 */
export async function bookingsPage(db: DbOrTx, secret: string, userId: number, q: BookingsPageInput, now: Date) {
  const booker = alias(users, 'booker');
  const rows = await db
    .select({ b: bookings, a: activities, complexName: complexes.name, bookerName: booker.nickname })
    .from(bookings)
    .innerJoin(activities, eq(activities.id, bookings.activityId))
    .innerJoin(complexes, eq(complexes.id, activities.complexId))
    .leftJoin(booker, eq(booker.id, bookings.bookedBy))
    .where(
      and(
        eq(bookings.userId, userId),
        q.before ? lt(bookings.id, q.before) : undefined,
        q.scope === 'upcoming' ? and(eq(bookings.activeFlag, 1), gt(bookings.endsAt, now)) : undefined,
      ),
    )
    .orderBy(desc(bookings.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(({ b, a, complexName, bookerName }) => ({
      ...presentBooking(b),
      code: personalCode(secret, 'booking', b.id),
      canCancel: canCancel(a, b, now),
      bookedBy: b.bookedBy,
      bookedByName: b.bookedBy !== null && b.bookedBy !== b.userId ? (bookerName ?? '家人') : null,
      activity: {
        title: a.title,
        startAt: a.startAt.toISOString(),
        endAt: a.endAt.toISOString(),
        complexId: a.complexId,
        complexName,
        location: a.location,
        status: a.status,
        pointsReward: a.pointsReward,
      },
    })),
    next: rows.length > q.limit ? page[page.length - 1].b.id : null,
  };
}

/** The personal booking code of one of the user's own bookings; someone else's → 404. */
export async function ownBookingCode(db: DbOrTx, secret: string, userId: number, bookingId: number): Promise<string> {
  const [b] = await db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId)));
  if (!b) throw notFound('预约不存在');
  return personalCode(secret, 'booking', b.id);
}

/**
 * One page (newest first, keyset on id) of the user's slot bookings with the space's name and its
 * cancellation minutes (the default rules' when the space has none); one row more than `limit`
 * says there is a next page.
 */
export async function slotBookingsPage(db: DbOrTx, userId: number, before: number | undefined, limit: number) {
  const rows = await db
    .select({ b: slotBookings, spaceName: spaces.name, cancelDeadlineMinutes: spaceRules.cancelDeadlineMinutes })
    .from(slotBookings)
    .innerJoin(spaces, eq(spaces.id, slotBookings.spaceId))
    .leftJoin(spaceRules, eq(spaceRules.spaceId, slotBookings.spaceId))
    .where(and(eq(slotBookings.userId, userId), before ? lt(slotBookings.id, before) : undefined))
    .orderBy(desc(slotBookings.id))
    .limit(limit + 1);
  const fallback = defaultRules(0, 0).cancelDeadlineMinutes;
  return rows.map((r) => ({ ...r, cancelDeadlineMinutes: r.cancelDeadlineMinutes ?? fallback }));
}
