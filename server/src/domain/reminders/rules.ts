import type { ReminderKind } from './types';

export const HOUR_BEFORE_MS = 60 * 60_000;
export const DAY_BEFORE_MS = 24 * 60 * 60_000;

/**
 * Which reminder a booking is due for now, if any: the day-before one from 24 h ahead (only when
 * the booking is older than that — someone who booked this afternoon for tonight needs no second
 * notice) until the hour window, then the hour-before one (when booked more than an hour ahead).
 * Past the start nothing is due.
 */
export function dueReminder(startsAt: Date, bookedAt: Date, now: Date): ReminderKind | null {
  const left = startsAt.getTime() - now.getTime();
  if (left <= 0 || left > DAY_BEFORE_MS) return null;
  const ahead = startsAt.getTime() - bookedAt.getTime();
  if (left <= HOUR_BEFORE_MS) return ahead >= HOUR_BEFORE_MS ? 'hour_before' : null;
  return ahead >= DAY_BEFORE_MS ? 'day_before' : null;
}
