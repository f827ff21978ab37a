/** "12月1日 09:05" in Asia/Shanghai, whatever the device's zone. */
export function formatTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);
