/**
 * Opinion deadlines, pure: accept within 2 working days (Monday–Friday in Asia/Shanghai), reply
 * within 15 calendar days of acceptance (or of a reopening). Public holidays and their swapped
 * working weekends are not modelled: a weekend is Saturday and Sunday.
 */
export const ACCEPT_WORKING_DAYS = 2;
export const REPLY_DAYS = 15;

const DAY = 86_400_000;
// Shanghai has no daylight saving time: a fixed +8 h offset is exact.
const SHANGHAI = 8 * 3_600_000;

const isWeekend = (localMs: number) => {
  const d = new Date(localMs).getUTCDay();
  return d === 0 || d === 6;
};

/**
 * `n` working days after `from`. Something that arrives on a weekend starts counting at Monday
 * 00:00, so Saturday 10:00 + 2 working days = Wednesday 00:00 (the end of Tuesday).
 */
export function addWorkingDays(from: Date, n: number): Date {
  let local = from.getTime() + SHANGHAI;
  if (isWeekend(local)) {
    local = Math.floor(local / DAY) * DAY;
    while (isWeekend(local)) local += DAY;
  }
  for (let left = n; left > 0; ) {
    local += DAY;
    if (!isWeekend(local)) left--;
  }
  return new Date(local - SHANGHAI);
}

export const acceptDueAt = (submittedAt: Date) => addWorkingDays(submittedAt, ACCEPT_WORKING_DAYS);
export const replyDueAt = (from: Date) => new Date(from.getTime() + REPLY_DAYS * DAY);

export interface DeadlineFacts<T = Date> {
  status: string;
  acceptDueAt: T | null;
  replyDueAt: T | null;
}

/** The deadline the worker side must meet in this status: accepting, then replying, else none. */
function runningDeadline<T>(o: DeadlineFacts<T>): T | null {
  if (o.status === 'submitted' || o.status === 'pending_review') return o.acceptDueAt;
  if (o.status === 'accepted' || o.status === 'assigned' || o.status === 'in_progress') return o.replyDueAt;
  return null;
}

/**
 * Whether the worker side is late right now: over dates, or over ISO-8601 UTC texts
 * (Date#toISOString's format, so text order is time order; the lists keep their times as text).
 */
export function isOverdue<T extends Date | string>(o: DeadlineFacts<T>, now: T): boolean {
  const due = runningDeadline(o);
  return due !== null && now > due;
}
