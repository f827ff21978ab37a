/**
 * Asia/Shanghai wall time without relying on the server's zone: China has kept UTC+8 with no
 * daylight saving since 1991, so a fixed offset is exact and a slot never shifts with TZ.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** YYYY-MM-DD in Asia/Shanghai of an instant. */
export function shanghaiDay(t: Date): string {
  return new Date(t.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Start of the Shanghai day containing the instant `t`, as a UTC instant. */
export function shanghaiDayStart(t: Date): Date {
  return new Date(Math.floor((t.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS);
}

/** The month (YYYY-MM) in Asia/Shanghai of an instant. */
export function shanghaiMonth(t: Date): string {
  return shanghaiDay(t).slice(0, 7);
}

/** [from, to) of a YYYY-MM month in Asia/Shanghai, as UTC instants. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number);
  return { from: new Date(Date.UTC(y, m - 1, 1) - OFFSET_MS), to: new Date(Date.UTC(y, m, 1) - OFFSET_MS) };
}

/** The UTC instant of `day` (YYYY-MM-DD, Shanghai) at `minutes` after local midnight. */
export function shanghaiInstant(day: string, minutes = 0): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS + minutes * 60_000);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) of a Shanghai date. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Monday and Sunday (Shanghai dates) of the ISO week containing `day`. */
export function weekOf(day: string): { monday: string; sunday: string } {
  const monday = addDays(day, 1 - isoWeekday(day));
  return { monday, sunday: addDays(monday, 6) };
}

/** "HH:mm" → minutes after midnight ("24:00" allowed as a closing time). */
export function parseHm(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return h * 60 + m;
}

/** 12月8日 14:30, as people read it (Shanghai). */
export function formatShanghai(t: Date, withTime = true): string {
  const s = new Date(t.getTime() + OFFSET_MS);
  const date = `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日`;
  if (!withTime) return date;
  return `${date} ${String(s.getUTCHours()).padStart(2, '0')}:${String(s.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * ISO 8601 with the +08:00 offset, for responses people's phones show as is.
 * @public (the Asia/Shanghai toolkit; not every helper has a caller yet)
 */
export function isoShanghai(t: Date): string {
  const s = new Date(t.getTime() + OFFSET_MS).toISOString();
  return `${s.slice(0, 19)}+08:00`;
}
