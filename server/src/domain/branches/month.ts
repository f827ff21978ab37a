/** Calendar months in Asia/Shanghai (UTC+8 all year, no daylight saving) as UTC instants. */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The month containing `now`, as YYYY-MM in Asia/Shanghai. */
export function shanghaiMonth(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** [from, to) of a YYYY-MM month in Asia/Shanghai. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  return {
    from: new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS),
    to: new Date(Date.UTC(y, m, 1) - SHANGHAI_OFFSET_MS),
  };
}
