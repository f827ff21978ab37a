/**
 * Minutes a volunteer was present, clipped to the post's time: arriving early or staying late
 * earns nothing extra. Pure, so it is tested on its own.
 */
export function presentMinutes(checkedInAt: Date, checkedOutAt: Date, startAt: Date, endAt: Date): number {
  const from = Math.max(checkedInAt.getTime(), startAt.getTime());
  const to = Math.min(checkedOutAt.getTime(), endAt.getTime());
  return Math.max(0, Math.floor((to - from) / 60_000));
}

/** Points for approved minutes at the post's rate, rounded to the nearest point. */
export function pointsFor(minutes: number, pointsPerHour: number): number {
  return Math.round((minutes * pointsPerHour) / 60);
}

/** Hours with one decimal for people (95 minutes → 1.6). */
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
