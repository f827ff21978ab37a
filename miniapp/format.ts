import { WALK_METERS_PER_MINUTE } from '@shared/constants';

/** "320 米" / "1.4 公里" */
export function formatDistance(m: number | null | undefined): string {
  if (m === null || m === undefined || Number.isNaN(m)) return '';
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)} 米`;
  return `${(m / 1000).toFixed(1)} 公里`;
}

/** Walking minutes at WALK_METERS_PER_MINUTE (the server's 10-minute service circle uses the same pace), at least 1. */
export function walkMinutes(m: number): number {
  return Math.max(1, Math.ceil(m / WALK_METERS_PER_MINUTE));
}
