// The mini-program's one home for Asia/Shanghai time (UTC+8 all year, no daylight saving), whatever
// the device's zone: an instant is shifted by eight hours and read with getUTC*, so no Intl is
// needed in WeChat. Every day, time and month label and every picked wall time goes through here.

const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const WEEKDAYS = '日一二三四五六';
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as Shanghai wall time (read it with getUTC*). */
const wall = (at: string | Date) => new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + SHANGHAI_MS);
const dateOf = (d: Date) => `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
const hmOf = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
const weekdayOf = (d: Date) => `周${WEEKDAYS[d.getUTCDay()]}`;

/** Today's date in Shanghai as "YYYY-MM-DD", plus n days. */
export function shanghaiToday(plusDays = 0, now = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_MS + plusDays * DAY_MS).toISOString().slice(0, 10);
}

/** The Shanghai date "YYYY-MM-DD" of an instant. */
export const shanghaiDayOf = (iso: string): string => wall(iso).toISOString().slice(0, 10);

/** This year in Shanghai. */
export const shanghaiYear = (now = new Date()): number => wall(now).getUTCFullYear();

/** "2026-12-01" + "09:00" in Shanghai → ISO instant with the +08:00 offset. */
export const shanghaiInstant = (date: string, time: string): string => `${date}T${time}:00+08:00`;

/** "2026-12-01 14:00" as picked or typed by a worker, read as Shanghai time → ISO with offset (null if malformed). */
export function shanghaiInput(s: string): string | null {
  const t = s.trim();
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(t) ? shanghaiInstant(t.slice(0, 10), t.slice(11)) : null;
}

/** Now in Shanghai plus `plusMinutes`, rounded up to the quarter hour, as "YYYY-MM-DD HH:mm" (a picker's default). */
export function shanghaiWallTime(plusMinutes = 0, now = new Date()): string {
  const t = Math.ceil((now.getTime() + SHANGHAI_MS + plusMinutes * 60_000) / 900_000) * 900_000;
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The soonest slot a form offers by default: from the next quarter hour, one hour long (ending
 * by 23:59). Staff change it with the pickers; check-in at the door opens 30 minutes before.
 */
export function soonestSlot(now = new Date()): { date: string; start: string; end: string } {
  const s = new Date(Math.ceil((now.getTime() + SHANGHAI_MS + 60_000) / 900_000) * 900_000);
  const date = s.toISOString().slice(0, 10);
  const e = new Date(s.getTime() + 3600_000);
  return { date, start: hmOf(s), end: e.toISOString().slice(0, 10) === date ? hmOf(e) : '23:59' };
}

/** YYYY-MM of a Shanghai date, shifted by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** "12月1日 09:00". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = wall(iso);
  return `${dateOf(d)} ${hmOf(d)}`;
}

/** "09:00". */
export const formatTime = (iso: string): string => hmOf(wall(iso));

/** "12月1日 09:00–11:30" for a time range on one day (the date is repeated when it changes). */
export function formatRange(startIso: string, endIso: string): string {
  const sameDay = shanghaiDayOf(startIso) === shanghaiDayOf(endIso);
  return sameDay ? `${formatDateTime(startIso)}–${formatTime(endIso)}` : `${formatDateTime(startIso)} 至 ${formatDateTime(endIso)}`;
}

/** "12月1日 周二 09:00–11:00" (a session on one day). */
export function formatSlot(startAt: string, endAt: string): string {
  return `${formatStart(startAt)}–${formatTime(endAt)}`;
}

/** "12月1日 周二 09:00". */
export function formatStart(iso: string): string {
  const d = wall(iso);
  return `${dateOf(d)} ${weekdayOf(d)} ${hmOf(d)}`;
}

/** A month "YYYY-MM" → "2026年12月". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return y && m ? `${y}年${m}月` : month;
}

/** A Shanghai date "YYYY-MM-DD" → "12月8日 周二". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${m}月${d}日 ${weekdayOf(new Date(Date.UTC(y, m - 1, d)))}`;
}
