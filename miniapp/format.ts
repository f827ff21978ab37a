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
