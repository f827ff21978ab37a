// Times in Asia/Shanghai (UTC+8 all year), whatever the device's zone.

const SHANGHAI_MS = 8 * 3600_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const pad = (n: number) => String(n).padStart(2, '0');
const shanghai = (iso: string) => new Date(Date.parse(iso) + SHANGHAI_MS);

/** "12月1日 周二 09:00–11:00" */
export function formatSlot(startAt: string, endAt: string): string {
  const s = shanghai(startAt);
  const e = shanghai(endAt);
  return `${s.getUTCMonth() + 1}月${s.getUTCDate()}日 周${WEEKDAYS[s.getUTCDay()]} ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}–${pad(e.getUTCHours())}:${pad(e.getUTCMinutes())}`;
}

/** YYYY-MM-DD today in Asia/Shanghai. */
export function todayShanghai(now = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}

/** YYYY-MM of a Shanghai date, shifted by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** "2026-12-01" + "09:00" in Shanghai → ISO instant with the +08:00 offset. */
export const shanghaiInstant = (date: string, time: string) => `${date}T${time}:00+08:00`;

export const seatsLeft = (o: { capacity: number; bookedCount: number }) => Math.max(0, o.capacity - o.bookedCount);

/** "12月1日 周二 09:00" */
export function formatStart(iso: string): string {
  const s = shanghai(iso);
  return `${s.getUTCMonth() + 1}月${s.getUTCDate()}日 周${WEEKDAYS[s.getUTCDay()]} ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
}

/**
 * The soonest slot a form offers by default: from the next quarter hour, one hour long (ending
 * by 23:59). Staff change it with the pickers; check-in at the door opens 30 minutes before.
 */
export function soonestSlot(now = new Date()): { date: string; start: string; end: string } {
  const s = new Date(Math.ceil((now.getTime() + SHANGHAI_MS + 60_000) / 900_000) * 900_000);
  const date = s.toISOString().slice(0, 10);
  const start = `${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
  const e = new Date(s.getTime() + 3600_000);
  const end = e.toISOString().slice(0, 10) === date ? `${pad(e.getUTCHours())}:${pad(e.getUTCMinutes())}` : '23:59';
  return { date, start, end };
}

/** "平均评分 4.5（12 人次评价）", or "暂无评价" when nobody rated. */
export function formatRating(averageRating: number | null, ratingCount: number): string {
  return averageRating === null || ratingCount === 0 ? '暂无评价' : `平均评分 ${averageRating.toFixed(1)}（${ratingCount} 人次评价）`;
}
