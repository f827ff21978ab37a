import Taro from '@tarojs/taro';

export interface Position {
  lat: number;
  lng: number;
}

/**
 * Where the user stands, or null when they said no, the device cannot tell, or it takes too long
 * (the caller then offers the street picker).
 */
let last: Position | null = null;

/** The last position found in this run of the app (kept in memory only), or null. */
export function lastPosition(): Position | null {
  return last;
}

const WITHDRAWN_KEY = 'xfh:location-withdrawn';

/** Remembers a withdrawal of the location consent (我的 → 设置): no position is read until it is granted again. */
export function setLocationWithdrawn(withdrawn: boolean): void {
  if (withdrawn) Taro.setStorageSync(WITHDRAWN_KEY, '1');
  else Taro.removeStorageSync(WITHDRAWN_KEY);
}

export async function currentPosition(timeoutMs = 6000): Promise<Position | null> {
  if (Taro.getStorageSync(WITHDRAWN_KEY)) return null;
  const attempt = Taro.getLocation({ type: process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84' })
    .then((r) => (last = { lat: r.latitude, lng: r.longitude }))
    .catch(() => null);
  const giveUp = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  return Promise.race([attempt, giveUp]);
}
