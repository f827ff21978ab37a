import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

interface Profile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** CPU time (ms) the profile saw busy: every sample but idle ones and the profiler's own work. */
function busyMs(p: Profile): number {
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const counted = new Map<number, boolean>();
  const counts = (id: number): boolean => {
    const known = counted.get(id);
    if (known !== undefined) return known;
    const cf = byId.get(id)!.callFrame;
    const up = parent.get(id);
    const v = cf.functionName !== '(idle)' && !(cf.url === 'node:inspector') && (up === undefined || counts(up));
    counted.set(id, v);
    return v;
  };
  let us = 0;
  for (let i = 0; i < p.samples.length; i++) if (counts(p.samples[i])) us += p.timeDeltas[i] ?? 0;
  return us / 1000;
}

/**
 * BENCH_PROFILE=dir writes a CPU profile of `fn` there as `<name>.cpuprofile` (open it in Chrome
 * DevTools) and hands `onBusy` the main thread's busy CPU time (ms) during `fn`.
 */
export async function profiled<T>(name: string, fn: () => Promise<T>, onBusy?: (ms: number) => void): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return fn();
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await s.post('Profiler.stop');
    writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
    onBusy?.(busyMs(profile as unknown as Profile));
    s.disconnect();
  }
}
