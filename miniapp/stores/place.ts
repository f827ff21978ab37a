import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { placesApi, type ComplexDetail } from '../api/places';
import { currentPosition } from '../location';
import { userStore, useUser } from './auth';

// The resident's own complex and street, remembered on the device: the 活动 and 民意 tabs show
// "my complex" without asking again.
const COMPLEX_KEY = 'xfh.myComplex';
const STREET_KEY = 'xfh.street';

function read<T>(key: string): T | null {
  try {
    const v = Taro.getStorageSync(key);
    return v === '' || v === undefined ? null : (v as T);
  } catch {
    return null;
  }
}

const NEAREST_KEY = 'xfh.nearestComplex';

/** Which complex the 活动 / 民意 / 提意见 pages use, and why (shown beside its name). */
export type ComplexSource = 'chosen' | 'home' | 'nearest' | 'first';

/**
 * The complex in use: the one the resident picked on this device, else their home complex,
 * else the nearest one 首页 found, else null (useMyComplex then locates or takes the first).
 */
export function myComplexChoice(): { id: number; source: ComplexSource } | null {
  const chosen = read<number>(COMPLEX_KEY);
  if (chosen) return { id: chosen, source: 'chosen' };
  const home = userStore.get()?.residency?.complexId;
  if (home) return { id: home, source: 'home' };
  const nearest = read<number>(NEAREST_KEY);
  if (nearest) return { id: nearest, source: 'nearest' };
  return null;
}

export function myComplexId(): number | null {
  return myComplexChoice()?.id ?? null;
}

export function setMyComplexId(id: number): void {
  Taro.setStorageSync(COMPLEX_KEY, id);
}

/** 首页 remembers the nearest complex it found, so the other tabs need not locate again. */
export function rememberNearestComplex(id: number): void {
  Taro.setStorageSync(NEAREST_KEY, id);
}

export function preferredStreet(): number | null {
  return read<number>(STREET_KEY);
}

export function setPreferredStreet(id: number | null): void {
  if (id === null) Taro.removeStorageSync(STREET_KEY);
  else Taro.setStorageSync(STREET_KEY, id);
}

/** Asks where the user stands (briefly) and returns the nearest complex, remembered for later. */
async function locateNearest(): Promise<{ id: number; source: ComplexSource } | null> {
  const pos = await currentPosition(4000);
  const list = await placesApi.complexes(pos ? { lat: pos.lat, lng: pos.lng } : {});
  const [first] = list;
  if (!first) return null;
  if (pos) rememberNearestComplex(first.id);
  return { id: first.id, source: pos ? 'nearest' : 'first' };
}

/**
 * The resident's complex with its spaces (see myComplexChoice), and why it is the one.
 * Used by the 活动 and 民意 tabs and 我要提意见; `choose` switches it on this device.
 */
export function useMyComplex(enabled: boolean) {
  const [complex, setComplex] = useState<ComplexDetail | null>(null);
  const [source, setSource] = useState<ComplexSource | null>(null);
  const [error, setError] = useState<string | null>(null);
  const user = useUser();

  const load = useCallback(async () => {
    setError(null);
    try {
      const pick = myComplexChoice() ?? (await locateNearest());
      if (!pick) throw new Error('暂时没有综合体信息');
      setSource(pick.source);
      setComplex(await placesApi.complex(pick.id));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  const choose = useCallback(
    (id: number) => {
      setMyComplexId(id);
      load();
    },
    [load],
  );

  // Re-read when the tab is shown again: the user may have picked another complex meanwhile.
  useDidShow(() => {
    if (enabled && (!complex || complex.id !== myComplexId())) load();
  });
  // and when the profile arrives after a cold start: it names the home complex
  const home = user?.residency?.complexId ?? null;
  useEffect(() => {
    if (enabled && (!complex || (home && complex.id !== myComplexId()))) load();
  }, [enabled, home]); // eslint-disable-line react-hooks/exhaustive-deps -- later shows re-read through useDidShow above

  return { complex, source, error, reload: load, choose };
}
