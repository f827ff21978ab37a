import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { placesApi, type ComplexDetail } from '../api/places';

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

export function myComplexId(): number | null {
  return read<number>(COMPLEX_KEY);
}

export function setMyComplexId(id: number): void {
  Taro.setStorageSync(COMPLEX_KEY, id);
}

export function preferredStreet(): number | null {
  return read<number>(STREET_KEY);
}

export function setPreferredStreet(id: number | null): void {
  if (id === null) Taro.removeStorageSync(STREET_KEY);
  else Taro.setStorageSync(STREET_KEY, id);
}

/**
 * The resident's complex with its spaces: the one they chose, else the first one listed.
 * Used by the 活动 and 民意 tabs.
 */
export function useMyComplex(enabled: boolean) {
  const [complex, setComplex] = useState<ComplexDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      let id = myComplexId();
      if (!id) {
        const [first] = await placesApi.complexes();
        if (!first) throw new Error('暂时没有综合体信息');
        id = first.id;
      }
      setComplex(await placesApi.complex(id));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  // Re-read when the tab is shown again: the user may have picked another complex meanwhile.
  useDidShow(() => {
    if (enabled && (!complex || complex.id !== myComplexId())) load();
  });
  useEffect(() => {
    if (enabled && !complex) load();
  }, [enabled]); // eslint-disable-line react-hooks/exhaustive-deps -- first load only; later shows re-read through useDidShow above

  return { complex, error, reload: load };
}
