/** "320 米" / "1.4 公里" */
export function formatDistance(m: number | null | undefined): string {
  if (m === null || m === undefined || Number.isNaN(m)) return '';
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)} 米`;
  return `${(m / 1000).toFixed(1)} 公里`;
}

/** Walking time at about 80 m a minute; the "10-minute service circle" is ~800 m. */
export function walkMinutes(m: number): number {
  return Math.max(1, Math.ceil(m / 80));
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Shifts an instant to Asia/Shanghai wall time (read it with getUTC*): no Intl needed in WeChat. */
const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000);

/** "12月1日 09:00" in Asia/Shanghai. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = shanghai(iso);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "12月1日 09:00–11:30" for a time range on one day (the date is repeated when it changes). */
export function formatRange(startIso: string, endIso: string): string {
  const s = shanghai(startIso);
  const e = shanghai(endIso);
  const sameDay = s.getUTCFullYear() === e.getUTCFullYear() && s.getUTCMonth() === e.getUTCMonth() && s.getUTCDate() === e.getUTCDate();
  return sameDay ? `${formatDateTime(startIso)}–${pad(e.getUTCHours())}:${pad(e.getUTCMinutes())}` : `${formatDateTime(startIso)} 至 ${formatDateTime(endIso)}`;
}

/** "09:00" in Asia/Shanghai. */
export function formatTime(iso: string): string {
  const d = shanghai(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** A month "YYYY-MM" → "2026年12月". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return y && m ? `${y}年${m}月` : month;
}

const WEEKDAYS = '日一二三四五六';
/** A Shanghai date "YYYY-MM-DD" → "12月8日 周二". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${m}月${d}日 周${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

/** Today's date in Asia/Shanghai as "YYYY-MM-DD", plus n days. */
export function shanghaiToday(plusDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}

/** Now in Asia/Shanghai plus `plusMinutes`, rounded up to the quarter hour, as "YYYY-MM-DD HH:mm" (a picker's default). */
export function shanghaiWallTime(plusMinutes = 0, now = new Date()): string {
  const t = Math.ceil((now.getTime() + 8 * 3600_000 + plusMinutes * 60_000) / 900_000) * 900_000;
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2026-12-01 14:00" as picked or typed by a worker, read as Shanghai time → ISO with offset (null if malformed). */
export function shanghaiInput(s: string): string | null {
  const t = s.trim();
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(t) ? `${t.replace(' ', 'T')}:00+08:00` : null;
}
