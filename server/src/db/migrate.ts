import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type mysql from 'mysql2/promise';
import type { Database } from './client';

export const MIGRATIONS_FOLDER = path.resolve(__dirname, '../../drizzle');
export const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * What a statement of an interrupted migration says when it runs a second time: the object it
 * creates is already there, or the one it drops is already gone. MariaDB/MySQL DDL is not
 * transactional but each statement is atomic, so "already there" means an earlier start applied
 * exactly this statement before it was killed.
 */
function alreadyApplied(e: unknown): boolean {
  const x = e as { errno?: number; message?: string };
  switch (x.errno) {
    case 1050: // table already exists
    case 1060: // duplicate column name
    case 1061: // duplicate key name
    case 1068: // multiple primary key defined
    case 1091: // can't drop: the index or column does not exist
    case 1826: // MySQL 8: duplicate foreign key constraint name
      return true;
    case 1005: // MariaDB: a duplicate foreign key name is "can't create table (errno: 121)"
      return /errno: 121/.test(x.message ?? '');
    default:
      return false;
  }
}

export interface MigrationReport {
  applied: number;
  /** statements found already applied: a previous start was interrupted half-way */
  resumed: number;
}

/**
 * Applies the pending drizzle migrations statement by statement on `conn` (drizzle's own
 * bookkeeping table, so databases migrated by drizzle-kit keep working). A migration is recorded
 * only after its last statement; a start killed in the middle of one leaves it unrecorded, and
 * the next start runs it again, skipping the statements that had already landed.
 */
export async function applyMigrations(conn: mysql.Connection, folder = MIGRATIONS_FOLDER, warn: (msg: string) => void = () => {}): Promise<MigrationReport> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  await conn.query(`CREATE TABLE IF NOT EXISTS \`${MIGRATIONS_TABLE}\` (id serial primary key, hash text not null, created_at bigint)`);
  const [rows] = await conn.query(`SELECT created_at FROM \`${MIGRATIONS_TABLE}\` ORDER BY created_at DESC LIMIT 1`);
  const last = Number((rows as Array<{ created_at: number | string }>)[0]?.created_at ?? -1);
  const report: MigrationReport = { applied: 0, resumed: 0 };
  for (const m of migrations) {
    if (m.folderMillis <= last) continue;
    for (const stmt of m.sql) {
      if (!stmt.trim()) continue;
      try {
        await conn.query(stmt);
      } catch (e) {
        if (!alreadyApplied(e)) throw e;
        report.resumed++;
        warn(`migration ${m.folderMillis}: a statement was already applied by an interrupted start (${(e as { code?: string }).code}); continuing`);
      }
    }
    await conn.query(`INSERT INTO \`${MIGRATIONS_TABLE}\` (hash, created_at) VALUES (?, ?)`, [m.hash, m.folderMillis]);
    report.applied++;
  }
  return report;
}

/**
 * Runs pending migrations while holding a named lock on one connection of its own (no query
 * timeout: DDL on a big table may take minutes): two servers starting at once would otherwise
 * apply the same migration twice. `after` runs still under the lock (the seed).
 */
export async function migrateWithLock(database: Database, after?: () => Promise<void>, warn?: (msg: string) => void): Promise<MigrationReport> {
  const conn = await database.connectDirect();
  try {
    const [rows] = await conn.query("SELECT GET_LOCK(CONCAT(DATABASE(), ':migrate'), 120) AS got");
    if ((rows as Array<{ got: number }>)[0]?.got !== 1) throw new Error('could not take the migration lock within 120 s');
    try {
      const report = await applyMigrations(conn, MIGRATIONS_FOLDER, warn);
      if (after) await after();
      return report;
    } finally {
      await conn.query("SELECT RELEASE_LOCK(CONCAT(DATABASE(), ':migrate'))");
    }
  } finally {
    await conn.end();
  }
}
