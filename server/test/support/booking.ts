import type { TestServer } from './harness';

/** Activity helpers for booking tests: publish through the real API as a worker. */
export async function createActivity(t: TestServer, token: string, over: Record<string, unknown> = {}) {
  const now = t.clock.now().getTime();
  const r = await t.api('POST', '/api/v1/activities', {
    token,
    body: {
      complexId: 1,
      title: '测试活动',
      startAt: new Date(now + 3 * 86_400_000).toISOString(),
      endAt: new Date(now + 3 * 86_400_000 + 2 * 3_600_000).toISOString(),
      capacity: 10,
      ...over,
    },
  });
  if (r.status !== 201) throw new Error(`create activity: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: number; startAt: string; endAt: string; [k: string]: unknown };
}

/** Runs fn over items with at most `n` in flight. */
export async function inBatches<T, R>(items: T[], n: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}
