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

const WEEKDAYS = '日一二三四五六';
/** Asia/Shanghai wall time of an instant, whatever the phone's own zone is. */
function shanghai(iso: string): Date {
  return new Date(new Date(iso).getTime() + 8 * 3600_000);
}
const pad = (n: number) => String(n).padStart(2, '0');

/** "12月8日 周二 09:00" */
export function formatDateTime(iso: string): string {
  const d = shanghai(iso);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "09:00" */
export function formatTime(iso: string): string {
  const d = shanghai(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "12月8日 周二 09:00–10:30" */
export function formatRange(startIso: string, endIso: string): string {
  return `${formatDateTime(startIso)}–${formatTime(endIso)}`;
}

/** "YYYY-MM-DD" (Shanghai) → "12月8日 周二" */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${m}月${d}日 周${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

/** Today's date in Shanghai, YYYY-MM-DD, plus n days. */
export function shanghaiToday(plusDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
}
