import Taro from '@tarojs/taro';
import { useState } from 'react';
import { confirmDialog, type ConfirmOptions } from './components/ConfirmDialog';

/** What the toast says once the call succeeded: a text, one made from the answer, or nothing. */
export type Done<R> = string | null | ((r: R) => string | null);

export interface ActOptions<R = unknown> {
  /** ask first (our elder-mode dialog); a "no" ends the action. An `editable` dialog's text goes to `fn`. */
  confirm?: ConfirmOptions;
  /** the toast without the success tick (long texts, or news that is not quite a success), or a test of the answer */
  plain?: boolean | ((r: R) => boolean);
  /** run `after` (the reload) even when the call failed: what the page shows may be stale */
  afterFailure?: boolean;
  /** what the page itself shows about a failure, beyond the request wrapper's toast (e.g. the rows an import rejected) */
  onError?: (e: unknown) => void;
  /** what to do with the answer after the toast, before `after` (e.g. open the page it made) */
  then?: (r: R) => unknown;
}

/** A short notice that is not about a server call (a field left empty, a scan that failed). */
export function hint(title: string): void {
  Taro.showToast({ title, icon: 'none' });
}

/**
 * One button press that calls the server, the one place that shows how it went: `busy` while it
 * runs, optionally a confirm dialog first, a success toast, then `after` (usually a reload).
 * Errors were already shown by the request wrapper, so they end here; `run` resolves to whether
 * the call succeeded.
 */
export function useAction(after?: () => unknown): [boolean, <R>(fn: (typed: string) => Promise<R>, done: Done<R>, opts?: ActOptions<R>) => Promise<boolean>] {
  const [busy, setBusy] = useState(false);
  const run = async <R>(fn: (typed: string) => Promise<R>, done: Done<R>, opts: ActOptions<R> = {}) => {
    let typed = '';
    if (opts.confirm) {
      const answer = await confirmDialog(opts.confirm);
      if (!answer.confirm) return false;
      typed = answer.content ?? '';
    }
    setBusy(true);
    try {
      const r = await fn(typed);
      const title = typeof done === 'function' ? done(r) : done;
      if (title) Taro.showToast({ title, icon: (typeof opts.plain === 'function' ? opts.plain(r) : opts.plain) ? 'none' : 'success' });
      await opts.then?.(r);
      await after?.();
      return true;
    } catch (e) {
      opts.onError?.(e);
      if (opts.afterFailure) await Promise.resolve(after?.()).catch(() => undefined);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return [busy, run];
}
