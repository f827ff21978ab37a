import { HELP_NO_SHOW_LIMIT, HELP_NO_SHOW_WINDOW_DAYS, HELP_SUSPENSION_DAYS, type HelpStatus } from '../../../../shared/helping';

/**
 * 邻里互助's pure rules (unit-tested with a frozen clock): who sees the exact address, which side
 * a viewer is on, and when repeated no-shows suspend helping.
 */

const DAY_MS = 86_400_000;

/** States in which nobody has been matched yet (cancel by the requester alone releases the hold). */
export const BEFORE_MATCH: readonly HelpStatus[] = ['open', 'taken'];

export type Side = 'requester' | 'helper' | 'staff' | 'other';

/**
 * The exact address: the requester's side and staff of the complex always; the matched helper
 * only while the request runs (matched or in dispute) — hidden again once it is closed; nobody
 * else, and not a helper who has only taken it (before the requester confirms the match).
 */
export function canSeeAddress(side: Side, status: HelpStatus, isMatchedHelper: boolean): boolean {
  if (side === 'requester' || side === 'staff') return true;
  return side === 'helper' && isMatchedHelper && (status === 'matched' || status === 'disputed');
}

/** Contacts are exchanged only after the match, between the two sides (and shown to staff). */
export function canSeeContact(side: Side, status: HelpStatus): boolean {
  if (side === 'other') return false;
  return status === 'matched' || status === 'disputed' || (side === 'staff' && status === 'done');
}

/** Distances are shown rounded to 100 m before the match (a rough place, never a pinpoint). */
export const roughDistance = (m: number) => Math.max(100, Math.round(m / 100) * 100);

/**
 * The end of a helping suspension, or null: HELP_NO_SHOW_LIMIT no-shows within the last
 * HELP_NO_SHOW_WINDOW_DAYS suspend helping for HELP_SUSPENSION_DAYS after the latest one.
 */
export function suspendedUntil(noShowTimes: Date[], now: Date): Date | null {
  const recent = noShowTimes.filter((t) => now.getTime() - t.getTime() < HELP_NO_SHOW_WINDOW_DAYS * DAY_MS);
  if (recent.length < HELP_NO_SHOW_LIMIT) return null;
  const latest = Math.max(...recent.map((t) => t.getTime()));
  const until = new Date(latest + HELP_SUSPENSION_DAYS * DAY_MS);
  return until > now ? until : null;
}
