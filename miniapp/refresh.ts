import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads a page's data once `ready` (usually: the signed-in user is known — after a cold start
 * that comes a moment after the first show) and again each time the page is shown anew (coming
 * back from a page that changed something).
 */
export function useShowLoad(ready: boolean, load: () => unknown): void {
  const firstShow = useRef(true);
  // The latest load, so the effect below runs on `ready` only, not on every new closure.
  const latest = useRef(load);
  latest.current = load;
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    if (ready) latest.current();
  });
  useEffect(() => {
    if (ready) latest.current();
  }, [ready]);
}

/**
 * One thing a page shows, fetched when `ready` and on every new show: the data, the error to
 * show with a retry, and `reload` for after an action.
 */
export function useRemote<T>(ready: boolean, fetcher: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    setError(null);
    try {
      setData(await fetcher());
    } catch (e) {
      setError((e as Error).message);
    }
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps -- the caller names what the fetcher depends on
  useShowLoad(ready, reload);
  return { data, error, reload, setData };
}
