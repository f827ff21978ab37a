import { act, renderHook, waitFor } from '@testing-library/react';
import Taro, { firePageEvent } from './test/taro';
import { usePagedRemote, useRemote } from './refresh';
import { useAction } from './useAction';

const deferred = <T,>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('useRemote', () => {
  it('waits for ready, then loads; reloads when its deps change; keeps only the latest answer', async () => {
    const slow = deferred<string>();
    const fetcher = jest.fn((k: number) => (k === 1 ? slow.promise : Promise.resolve(`v${k}`)));
    const { result, rerender } = renderHook(({ ready, k }) => useRemote(ready, () => fetcher(k), [k]), { initialProps: { ready: false, k: 1 } });
    expect(fetcher).not.toHaveBeenCalled();
    rerender({ ready: true, k: 1 });
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(result.current.loading).toBe(true);
    rerender({ ready: true, k: 2 });
    await waitFor(() => expect(result.current.data).toBe('v2'));
    await act(async () => slow.resolve('v1'));
    expect(result.current.data).toBe('v2');
    expect(result.current.loading).toBe(false);
  });

  it('shows the error for a retry, and a retry clears it', async () => {
    const fetcher = jest.fn().mockRejectedValueOnce(new Error('网络不好')).mockResolvedValue(7);
    const { result } = renderHook(() => useRemote(true, fetcher));
    await waitFor(() => expect(result.current.error).toBe('网络不好'));
    await act(() => result.current.reload());
    expect(result.current).toMatchObject({ data: 7, error: null });
  });

  it('reloads on pull-down when the page asks for it, and ends the spinner', async () => {
    const fetcher = jest.fn().mockResolvedValue(1);
    renderHook(() => useRemote(true, fetcher, [], { pullDown: true }));
    await waitFor(() => expect(fetcher).toHaveBeenCalledTimes(1));
    act(() => firePageEvent('pullDownRefresh'));
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});

describe('usePagedRemote', () => {
  const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
    first: { items: [1, 2], nextCursor: 'b' },
    b: { items: [3], nextCursor: null },
  };

  it('appends the next page at the bottom until there is no cursor; a reload starts again', async () => {
    const fetchPage = jest.fn(async (cursor?: string) => pages[cursor ?? 'first']);
    const { result } = renderHook(() => usePagedRemote(true, fetchPage));
    await waitFor(() => expect(result.current.items).toEqual([1, 2]));
    expect(result.current.hasMore).toBe(true);
    act(() => firePageEvent('reachBottom'));
    await waitFor(() => expect(result.current.items).toEqual([1, 2, 3]));
    expect(result.current.hasMore).toBe(false);
    act(() => firePageEvent('reachBottom'));
    expect(fetchPage).toHaveBeenCalledTimes(2);
    await act(() => result.current.reload());
    expect(result.current.items).toEqual([1, 2]);
  });

  it('drops a next page that comes back after a reload started the list again', async () => {
    const late = deferred<{ items: number[]; nextCursor: string | null }>();
    const fetchPage = jest.fn((cursor?: string) => (cursor ? late.promise : Promise.resolve(pages.first)));
    const { result } = renderHook(() => usePagedRemote(true, fetchPage));
    await waitFor(() => expect(result.current.items).toEqual([1, 2]));
    act(() => firePageEvent('reachBottom'));
    await act(() => result.current.reload());
    await act(async () => late.resolve(pages.b));
    expect(result.current.items).toEqual([1, 2]);
  });
});

describe('useAction', () => {
  it('shows the done toast (text or from the answer), then runs after; busy meanwhile', async () => {
    const after = jest.fn();
    const { result } = renderHook(() => useAction(after));
    let ok = false;
    await act(async () => {
      ok = await result.current[1](async () => ({ status: 'booked' }), (r) => (r.status === 'booked' ? '预约成功' : '已加入候补'));
    });
    expect(ok).toBe(true);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '预约成功', icon: 'success' });
    expect(after).toHaveBeenCalledTimes(1);
    expect(result.current[0]).toBe(false);
  });

  it('ends a failure quietly (the request wrapper showed it), reloading only when asked', async () => {
    const after = jest.fn();
    const { result } = renderHook(() => useAction(after));
    const fail = () => Promise.reject(new Error('名额已满'));
    await act(async () => {
      expect(await result.current[1](fail, '预约成功')).toBe(false);
    });
    expect(after).not.toHaveBeenCalled();
    await act(async () => {
      await result.current[1](fail, '预约成功', { afterFailure: true });
    });
    expect(after).toHaveBeenCalledTimes(1);
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('no toast when done is null, a plain one when asked', async () => {
    const { result } = renderHook(() => useAction());
    await act(async () => {
      await result.current[1](async () => 1, null);
      await result.current[1](async () => 1, '已暂停，取消 2 个预约', { plain: true });
    });
    expect(Taro.showToast).toHaveBeenCalledTimes(1);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已暂停，取消 2 个预约', icon: 'none' });
  });

  it('plain may depend on the answer (a partial success has no tick)', async () => {
    const { result } = renderHook(() => useAction());
    await act(async () => {
      await result.current[1](async () => ({ failed: 1 }), '已提交，1 张照片未上传', { plain: (r) => r.failed > 0 });
      await result.current[1](async () => ({ failed: 0 }), '提交成功', { plain: (r) => r.failed > 0 });
    });
    expect(Taro.showToast).toHaveBeenNthCalledWith(1, { title: '已提交，1 张照片未上传', icon: 'none' });
    expect(Taro.showToast).toHaveBeenNthCalledWith(2, { title: '提交成功', icon: 'success' });
  });
});
