import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** BENCH_PROFILE=dir writes a CPU profile of `fn` there as `<name>.cpuprofile` (open it in Chrome DevTools). */
export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
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
    s.disconnect();
  }
}
