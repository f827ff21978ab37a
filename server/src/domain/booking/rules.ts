/**
 * The activity-booking rules, each in one place: the cancellation deadline and its default, who
 * may still cancel, what is left, and the preflight every booking (activity or space) reads first.
 * Pure functions and fixed SQL; the callers (book, cancel, present, the booking list) use these.
 */
import { getTableName } from 'drizzle-orm';
import { ACTIVITY_CANCEL_DEADLINE_MINUTES } from '../../../../shared/constants';
import { activities, bookings, bookingSuspensions, slotBookings } from '../../db/schema';

export type ActivityRow = typeof activities.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;

/** Minutes before the start after which a seat can no longer be cancelled, unless the activity says otherwise. */
export const DEFAULT_CANCEL_DEADLINE_MINUTES = ACTIVITY_CANCEL_DEADLINE_MINUTES;

/** The instant after which a booked seat can no longer be cancelled. */
export const cancelDeadlineOf = (a: Pick<ActivityRow, 'startAt' | 'cancelDeadlineMinutes'>): Date =>
  new Date(a.startAt.getTime() - a.cancelDeadlineMinutes * 60_000);

/**
 * Why a resident may not cancel this booking now, or null when they may: a seat until the
 * deadline, a waitlist place until the start; anything else is no longer active.
 */
export function cancelBlock(
  a: Pick<ActivityRow, 'startAt' | 'cancelDeadlineMinutes'>,
  b: Pick<BookingRow, 'status'>,
  now: Date,
): 'not_active' | 'deadline_passed' | 'started' | null {
  if (b.status === 'booked') return now < cancelDeadlineOf(a) ? null : 'deadline_passed';
  if (b.status === 'waitlisted') return now < a.startAt ? null : 'started';
  return 'not_active';
}

/** Whether the "取消预约" button shows: the activity still runs and {@link cancelBlock} lets it. */
export const canCancel = (
  a: Pick<ActivityRow, 'status' | 'startAt' | 'cancelDeadlineMinutes'>,
  b: Pick<BookingRow, 'status'>,
  now: Date,
): boolean => a.status === 'published' && cancelBlock(a, b, now) === null;

export const seatsLeft = (a: Pick<ActivityRow, 'capacity' | 'bookedCount'>): number => Math.max(0, a.capacity - a.bookedCount);

// ---- fixed SQL, with table and column names taken from the drizzle schema ----------------------

/** `alias.column AS key` for the named columns of a table (`getTableColumns(table)`). */
export function selectAs<K extends string>(columns: Record<K, { name: string }>, alias: string, keys: readonly K[]): string {
  return keys.map((k) => `${alias}.${columns[k].name} AS ${k}`).join(', ');
}

/** What the booking rules read of an activity before and after trying to take a place. */
export const ACTIVITY_STATE_KEYS = [
  'status',
  'bookingOpensAt',
  'bookingClosesAt',
  'startAt',
  'endAt',
  'capacity',
  'bookedCount',
  'waitlistCapacity',
  'waitlistCount',
] as const satisfies readonly (keyof ActivityRow)[];
export type ActivityState = Pick<ActivityRow, (typeof ACTIVITY_STATE_KEYS)[number]>;

const B = { t: getTableName(bookings), userId: bookings.userId.name, status: bookings.status.name, endsAt: bookings.endsAt.name };
const SB = { t: getTableName(slotBookings), userId: slotBookings.userId.name, status: slotBookings.status.name, endsAt: slotBookings.endsAt.name };
const SUS = { t: getTableName(bookingSuspensions), userId: bookingSuspensions.userId.name, startsAt: bookingSuspensions.startsAt.name, endsAt: bookingSuspensions.endsAt.name };

/**
 * The preflight columns every booking reads first (placeholders: userId, now, userId, now,
 * userId, now): ended bookings not yet settled as no-shows (activities, spaces) and the latest
 * suspension end. Rows: `{ unsettledA, unsettledS, until }`.
 */
export const SUSPENSION_PREFLIGHT = `EXISTS(SELECT 1 FROM ${B.t} WHERE ${B.userId} = ? AND ${B.status} = 'booked' AND ${B.endsAt} <= ?) AS unsettledA,
    EXISTS(SELECT 1 FROM ${SB.t} WHERE ${SB.userId} = ? AND ${SB.status} = 'booked' AND ${SB.endsAt} <= ?) AS unsettledS,
    (SELECT MAX(${SUS.endsAt}) FROM ${SUS.t} WHERE ${SUS.userId} = ? AND ${SUS.startsAt} <= ?) AS until`;
export const suspensionPreflightParams = (userId: number, now: Date) => [userId, now, userId, now, userId, now];
export interface SuspensionPreflight {
  unsettledA: number;
  unsettledS: number;
  until: Date | null;
}

// ---- space slots ------------------------------------------------------------------------------

/** The instant after which a booked slot can no longer be cancelled (the space's own minutes). */
export const slotCancelDeadlineOf = (b: { startsAt: Date }, cancelDeadlineMinutes: number): Date =>
  new Date(b.startsAt.getTime() - cancelDeadlineMinutes * 60_000);

/** Whether a slot booking may still be cancelled: booked, and before the space's deadline. */
export const canCancelSlot = (b: { status: string; startsAt: Date }, cancelDeadlineMinutes: number, now: Date): boolean =>
  b.status === 'booked' && now < slotCancelDeadlineOf(b, cancelDeadlineMinutes);
