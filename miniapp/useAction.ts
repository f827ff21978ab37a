import Taro from '@tarojs/taro';
import { useState } from 'react';

/**
 * One button press that calls the server: `busy` while it runs, a success toast, then `after`
 * (usually a reload). Errors were already shown by the request wrapper, so they end here.
 */
export function useAction(after?: () => unknown): [boolean, (fn: () => Promise<unknown>, done: string) => Promise<boolean>] {
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      Taro.showToast({ title: done, icon: 'success' });
      await after?.();
      return true;
    } catch {
      return false;
    } finally {
      setBusy(false);
    }
  };
  return [busy, run];
}
