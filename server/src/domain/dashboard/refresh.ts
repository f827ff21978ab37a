import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { addDays, shanghaiDay } from '../time/shanghai';
import { allOpinionDays, refreshHotDays, segmentNewOpinions, touchedOpinionDays } from './hotTopics';
import { rebuildRange, refreshKeys, touchedKeys } from './rollup';

/** How far back a run looks before its watermark: writes that committed late are still caught. */
export const WATERMARK_MARGIN_MS = 5 * 60_000;
/** The job's period; the figures of today are at most this old (plus one run's time). */
export const REFRESH_EVERY_MS = 30_000;

async function one<T>(db: Db, q: ReturnType<typeof sql>): Promise<T | undefined> {
  const [r] = (await db.execute(q)) as unknown as [T[]];
  return r[0];
}

/**
 * One run of the dashboard refresh: recompute the roll-up rows (dashboard_daily) and hot-topic
 * rows (hot_topic_daily) touched since the last run, from the raw tables. Idempotent: running it
 * again, or twice at once, writes the same rows. The first run (no watermark) rebuilds everything.
 */
export async function refreshDashboard(db: Db, now: Date, opts: { marginMs?: number } = {}): Promise<{ rows: number; full: boolean }> {
  const wall = (await one<{ t: Date }>(db, sql`SELECT NOW(3) t`))!.t;
  const state = await one<{ lastRunAt: Date; lastClockAt: Date }>(db, sql`SELECT last_run_at lastRunAt, last_clock_at lastClockAt FROM dashboard_refresh_state WHERE id = 1`);
  await segmentNewOpinions(db);
  let rows = 0;
  if (!state) {
    rows = await rebuildAll(db, now);
    await refreshHotDays(db, await allOpinionDays(db));
  } else {
    const since = new Date(new Date(state.lastRunAt).getTime() - (opts.marginMs ?? WATERMARK_MARGIN_MS));
    rows = await refreshKeys(db, await touchedKeys(db, since, new Date(state.lastClockAt), now), now);
    await refreshHotDays(db, await touchedOpinionDays(db, since));
  }
  await db.execute(sql`INSERT INTO dashboard_refresh_state (id, last_run_at, last_clock_at) VALUES (1, ${wall}, ${now})
    ON DUPLICATE KEY UPDATE last_run_at = VALUES(last_run_at), last_clock_at = VALUES(last_clock_at)`);
  return { rows, full: !state };
}

/** Rebuilds every roll-up row from the earliest to the latest day anything happened. */
export async function rebuildAll(db: Db, now: Date): Promise<number> {
  const span = await one<{ lo: Date | null; hi: Date | null }>(
    db,
    sql`SELECT MIN(lo) lo, MAX(hi) hi FROM (
      SELECT MIN(start_at) lo, MAX(start_at) hi FROM activities
      UNION ALL SELECT MIN(start_at), MAX(start_at) FROM volunteer_posts
      UNION ALL SELECT MIN(submitted_at), MAX(COALESCE(closed_at, submitted_at)) FROM opinions
      UNION ALL SELECT MIN(created_at), MAX(COALESCE(rated_at, created_at)) FROM care_requests
      UNION ALL SELECT MIN(created_at), MAX(created_at) FROM evaluations) x`,
  );
  if (!span?.lo || !span.hi) return 0;
  let from = shanghaiDay(new Date(span.lo));
  const to = shanghaiDay(new Date(span.hi));
  let rows = 0;
  // a month at a time keeps each statement small
  while (from <= to) {
    const end = addDays(from, 30) < to ? addDays(from, 30) : to;
    rows += await rebuildRange(db, 'all', from, end, now);
    from = addDays(end, 1);
  }
  return rows;
}

/** Starts the in-process job; returns a stop function. Errors are logged, never thrown. */
export function startDashboardJob(db: Db, clock: { now(): Date }, onError: (e: unknown) => void): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    refreshDashboard(db, clock.now())
      .catch(onError)
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(tick, REFRESH_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
