import Taro from '@tarojs/taro';

/**
 * Where a place is. In WeChat the map picker (Taro.chooseLocation); the browser build has none,
 * so the form's latitude/longitude fields are typed instead (returns null).
 */
export async function pickLocation(): Promise<{ lat: number; lng: number; address: string; name: string } | null> {
  if (process.env.TARO_ENV !== 'weapp') return null;
  try {
    const r = await Taro.chooseLocation({});
    return { lat: r.latitude, lng: r.longitude, address: r.address, name: r.name };
  } catch {
    return null; // cancelled, or location permission refused
  }
}

/** A typed coordinate, or NaN when it is not a number. */
export const coord = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()));
