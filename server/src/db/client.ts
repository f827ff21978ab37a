import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import mysql from 'mysql2/promise';
import * as schema from './schema';

export type Db = MySql2Database<typeof schema>;
/** A transaction handle: the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the pool-backed db or an open transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: mysql.Pool;
  close(): Promise<void>;
}

function poolOptions(url: string, size: number): mysql.PoolOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password || ''),
    database: u.pathname.replace(/^\//, '') || undefined,
    connectionLimit: size,
    // DATETIME values are UTC on both sides: mysql2 reads/writes them as UTC and every
    // connection runs with time_zone '+00:00' so NOW() agrees with what drizzle writes.
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    charset: 'utf8mb4',
    connectTimeout: 3000,
    enableKeepAlive: true,
  };
}

export function openDatabase(url: string, size = 10): Database {
  const pool = mysql.createPool(poolOptions(url, size));
  // Each new physical connection: UTC session time zone.
  (pool as unknown as { pool: { on(ev: string, fn: (c: { query(sql: string): void }) => void): void } }).pool.on(
    'connection',
    (conn) => {
      conn.query("SET time_zone = '+00:00'");
    },
  );
  const db = drizzle({ client: pool, schema, mode: 'default' });
  return {
    db,
    pool,
    close: () => pool.end(),
  };
}

/** CREATE DATABASE IF NOT EXISTS for the database named in the URL (connects without a database). */
export async function ensureDatabase(url: string): Promise<void> {
  const opts = poolOptions(url, 1);
  const name = opts.database;
  if (!name) throw new Error('DATABASE_URL names no database');
  const conn = await mysql.createConnection({ ...opts, database: undefined });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const opts = poolOptions(url, 1);
  const conn = await mysql.createConnection({ ...opts, database: undefined });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${opts.database}\``);
  } finally {
    await conn.end();
  }
}

const RETRYABLE = new Set([1213 /* deadlock */, 1205 /* lock wait timeout */]);

/** Runs a whole transaction again (up to `attempts` times) when it died of a deadlock or lock-wait timeout. */
async function retryOnLockFailure<T>(run: () => Promise<T>, attempts: number): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (e) {
      const errno = errnoOf(e);
      if (i >= attempts || errno === undefined || !RETRYABLE.has(errno)) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * i));
    }
  }
}

/**
 * Runs fn in a transaction, retrying on deadlock and lock-wait timeout. The one place a use case
 * opens its transaction; pass `tx` down explicitly.
 */
export function withTx<T>(db: Db, fn: (tx: Tx) => Promise<T>, attempts = 5): Promise<T> {
  return retryOnLockFailure(() => db.transaction(fn), attempts);
}

/**
 * A transaction straight on a pooled mysql2 connection, for hot paths where drizzle's query
 * building and per-transaction setup show in profiles (booking). Same retries as withTx.
 */
export function withConnTx<T>(pool: mysql.Pool, fn: (conn: mysql.PoolConnection) => Promise<T>, attempts = 5): Promise<T> {
  return retryOnLockFailure(async () => {
    const conn = await pool.getConnection();
    try {
      await conn.query('BEGIN');
      const out = await fn(conn);
      await conn.query('COMMIT');
      return out;
    } catch (e) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      conn.release();
    }
  }, attempts);
}

/** mysql2 error number of a (possibly drizzle-wrapped) error. */
export function errnoOf(e: unknown): number | undefined {
  const x = e as { errno?: number; cause?: { errno?: number } };
  return x?.errno ?? x?.cause?.errno;
}

export const isDuplicateKey = (e: unknown) => errnoOf(e) === 1062;
