import type { Config } from '../config';
import type { Logger } from '../logger';
import { ensureDatabase, openDatabase, type Database } from './client';
import { migrateWithLock } from './migrate';
import { seedIfEmpty } from './seed';

/** Creates the database if needed, opens the pool, migrates under a lock and seeds an empty one. */
export async function openPreparedDatabase(config: Config, logger: Logger, prepare = true): Promise<Database> {
  if (prepare) await ensureDatabase(config.DATABASE_URL);
  const database = openDatabase(config.DATABASE_URL, config.DB_POOL_SIZE, {
    connectMs: config.DB_CONNECT_TIMEOUT_MS,
    queryMs: config.DB_QUERY_TIMEOUT_MS,
    acquireMs: config.DB_ACQUIRE_TIMEOUT_MS,
  });
  if (prepare) await migrateWithLock(database, () => seedIfEmpty(database.db, config, logger), (w) => logger.warn(w));
  return database;
}
