import type { Config } from '../config';
import type { Logger } from '../logger';
import { ensureDatabase, openDatabase, type Database } from './client';
import { migrateWithLock } from './migrate';
import { seedIfEmpty } from './seed';

/** Creates the database if needed, opens the pool, migrates under a lock and seeds an empty one. */
export async function openPreparedDatabase(config: Config, logger: Logger, prepare = true): Promise<Database> {
  if (prepare) await ensureDatabase(config.DATABASE_URL);
  const database = openDatabase(config.DATABASE_URL, config.DB_POOL_SIZE);
  if (prepare) await migrateWithLock(database, () => seedIfEmpty(database.db, config, logger));
  return database;
}
