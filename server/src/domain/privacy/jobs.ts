import type { Deps } from '../../deps';
import { executeDueDeletions } from './deletion';
import { runRetention } from './retention';

const HOUR_MS = 3600_000;

/**
 * The privacy jobs main.ts starts: due account deletions every hour, the retention purge once a
 * day (and a minute after start). Both log counts only, never who.
 */
export function startPrivacyJobs(deps: Pick<Deps, 'db' | 'sessions' | 'config' | 'logger' | 'clock'>): () => void {
  const deletions = setInterval(() => {
    executeDueDeletions(deps, deps.clock.now()).catch((e) => deps.logger.error({ err: e }, 'account deletion run failed'));
  }, HOUR_MS);
  const purge = () =>
    runRetention(deps.db, deps.clock.now())
      .then((counts) => deps.logger.info({ deleted: counts }, 'retention purge done'))
      .catch((e) => deps.logger.error({ err: e }, 'retention purge failed'));
  const first = setTimeout(purge, 60_000);
  const daily = setInterval(purge, 24 * HOUR_MS);
  for (const t of [deletions, first, daily]) t.unref();
  return () => {
    clearInterval(deletions);
    clearTimeout(first);
    clearInterval(daily);
  };
}
