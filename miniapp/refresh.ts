import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/**
 * How a page gets what it shows. Pages never call `useDidShow` or keep their own loading and
 * error state (the lint config stops them): they use one of these.
 * - `useRemote`: one thing, fetched when `ready` and again on every new show;
 * - `usePagedRemote`: a keyset list (`{ items, nextCursor }`) that grows as the page scrolls down;
 * - `useShowLoad`: the low-level trigger, for a loader that is not a fetch (e.g. a live poll).
 */

/**
 * Runs `load` once `ready` (usually: the signed-in user is known — after a cold start that comes a
 * moment after the first show), and each time the
 * page is shown anew (coming back from a page that changed something). The first show is skipped:
 * the `ready` effect has loaded already, or will as soon as the user arrives.
 */
export function useShowLoad(ready: boolean, load: () => unknown): void {
  useLoadWhen(ready, load, null);
}

/** `useShowLoad`, loading again whenever `key` changes (useRemote's memoised reload, i.e. its deps). */
function useLoadWhen(ready: boolean, load: () => unknown, key: unknown): void {
  const firstShow = useRef(true);
  // The latest load and readiness, so the show handler never calls a stale closure.
  const latest = useRef({ load, ready });
  latest.current = { load, ready };
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false;
      return;
    }
    if (latest.current.ready) latest.current.load();
  });
  // not on every new `load` closure (callers of useShowLoad may pass an inline one)
  useEffect(() => {
    if (ready) latest.current.load();
  }, [ready, key]);
}

export interface RemoteOptions {
  /** the page enables pull-down refresh (its config's `enablePullDownRefresh`): pulling reloads */
  pullDown?: boolean;
  /** keep the last answer on screen while the one for new deps loads (a chart switching period) */
  keepPrevious?: boolean;
  /** reload every so many ms while the page is shown (a live status board) */
  pollMs?: number;
}

/** Calls `reload` every `ms` while the page is shown (and `ready`); none without `ms`. */
function usePoll(ms: number | undefined, ready: boolean, reload: () => unknown): void {
  const latest = useRef({ ready, reload });
  latest.current = { ready, reload };
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  useDidShow(() => {
    stop();
    if (ms) timer.current = setInterval(() => latest.current.ready && latest.current.reload(), ms);
  });
  useDidHide(stop);
  useEffect(() => stop, []);
}

/** Runs `reload` on pull-down when asked to, and ends the spinner when it is done. */
function usePullReload(on: boolean | undefined, reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    if (on) void reload().finally(() => Taro.stopPullDownRefresh());
  });
}

/** True on the first call after `deps` changed (a different thing is to be shown, e.g. another month). */
function useDepsChanged(deps: unknown[]): () => boolean {
  const key = useMemo(() => ({}), deps); // eslint-disable-line react-hooks/exhaustive-deps -- a new key whenever the caller's deps change
  const seen = useRef<object | null>(null);
  return () => {
    const changed = seen.current !== key;
    seen.current = key;
    return changed;
  };
}

/**
 * One thing a page shows, fetched when `ready`, when `deps` change and on every new show: the
 * data, `loading` while a fetch runs, the error to show with a retry, and `reload` for after an
 * action. Only the latest fetch's answer lands (a slow earlier one is dropped). When the deps
 * change the old data goes at once (the page shows loading, not last month's figures); a reload
 * for the same deps keeps it on screen until the new answer arrives.
 */
export function useRemote<T>(ready: boolean, fetcher: () => Promise<T>, deps: unknown[] = [], opts: RemoteOptions = {}) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const depsChanged = useDepsChanged(deps);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    if (depsChanged() && !opts.keepPrevious) setData(null);
    setError(null);
    setLoading(true);
    try {
      const value = await fetcher();
      if (mine === seq.current) setData(value);
    } catch (e) {
      if (mine === seq.current) setError(e instanceof Error ? e.message : '加载失败');
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps -- the caller names what the fetcher depends on
  useLoadWhen(ready, reload, reload);
  usePullReload(opts.pullDown, reload);
  usePoll(opts.pollMs, ready, reload);
  return { data, error, loading, reload, setData };
}

/** One page of a keyset list, as every list endpoint answers. */
export interface Page<I> {
  items: I[];
  nextCursor?: string | null;
}

/**
 * A keyset list: the first page like `useRemote` (on `ready`, deps, show, pull-down, `reload`),
 * then the next page each time the user reaches the bottom while there is a `nextCursor`.
 * `page` is the first page's whole answer (for extra fields such as counts). A failed next page
 * was shown by the request wrapper; scrolling again retries.
 */
export function usePagedRemote<P extends Page<unknown>, I = P['items'][number]>(ready: boolean, fetchPage: (cursor?: string) => Promise<P>, deps: unknown[] = [], opts: RemoteOptions = {}) {
  const [items, setItems] = useState<I[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  // a reload starts the list again: a next page asked for before it must not be appended
  const generation = useRef(0);
  const depsChanged = useDepsChanged(deps);
  const remote = useRemote<P>(
    ready,
    async () => {
      generation.current += 1;
      if (depsChanged()) setItems(null);
      const first = await fetchPage();
      setItems(first.items as I[]);
      setNext(first.nextCursor ?? null);
      return first;
    },
    deps,
    opts,
  );
  const loadMore = useCallback(async () => {
    if (!next || more) return;
    const mine = generation.current;
    setMore(true);
    try {
      const page = await fetchPage(next);
      if (mine !== generation.current) return;
      setItems((cur) => [...(cur ?? []), ...(page.items as I[])]);
      setNext(page.nextCursor ?? null);
    } catch {
      // shown by the request wrapper; scrolling again retries
    } finally {
      setMore(false);
    }
  }, [next, more, ...deps]); // eslint-disable-line react-hooks/exhaustive-deps -- the caller names what fetchPage depends on
  useReachBottom(() => void loadMore());
  return { items, setItems, page: remote.data, error: remote.error, loading: remote.loading, reload: remote.reload, hasMore: !!next, loadingMore: more, loadMore };
}
