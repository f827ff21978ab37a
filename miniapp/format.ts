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
/** "12月4日 15:00" in Asia/Shanghai, whatever the phone's time zone. */
export function formatShanghai(iso: string | null | undefined, withYear = false): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const day = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withYear ? `${d.getUTCFullYear()}年${day}` : day;
}

/** "2026-12-01 14:00" as typed by a worker, read as Shanghai time → ISO with offset (null if malformed). */
export function shanghaiInput(s: string): string | null {
  const t = s.trim();
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(t) ? `${t.replace(' ', 'T')}:00+08:00` : null;
}
