import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';

/**
 * Loads a page's data once `ready` (usually: the signed-in user is known — after a cold start
 * that comes a moment after the first show) and again each time the page is shown anew (coming
 * back from a page that changed something).
 */
export function useShowLoad(ready: boolean, load: () => unknown): void {
  const firstShow = useRef(true);
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    if (ready) load();
  });
  useEffect(() => {
    if (ready) load();
  }, [ready]); // eslint-disable-line react-hooks/exhaustive-deps
}
