import path from 'node:path';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import type { Database } from './client';

export const MIGRATIONS_FOLDER = path.resolve(__dirname, '../../drizzle');

/**
 * Runs pending migrations while holding a named lock on one pinned connection: the drizzle
 * migrator takes no lock, and MariaDB DDL is not transactional, so two servers starting at once
 * would otherwise apply the same migration twice. `after` runs still under the lock (the seed).
 */
export async function migrateWithLock(database: Database, after?: () => Promise<void>): Promise<void> {
  const conn = await database.pool.getConnection();
  try {
    const [rows] = await conn.query("SELECT GET_LOCK(CONCAT(DATABASE(), ':migrate'), 120) AS got");
    if ((rows as Array<{ got: number }>)[0]?.got !== 1) throw new Error('could not take the migration lock within 120 s');
    try {
      await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
      if (after) await after();
    } finally {
      await conn.query("SELECT RELEASE_LOCK(CONCAT(DATABASE(), ':migrate'))");
    }
  } finally {
    conn.release();
  }
}
