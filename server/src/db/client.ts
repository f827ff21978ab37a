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
  /** one connection outside the pool without query timeouts (migrations, long DDL); end it yourself */
  connectDirect(): Promise<mysql.Connection>;
  close(): Promise<void>;
}

/** How long the server waits on the database before it answers 503 (a stalled server, a full pool). */
export interface DbTimeouts {
  /** TCP connect + handshake of a new connection */
  connectMs: number;
  /** a query without an answer this long makes the server check that the database answers at all */
  queryMs: number;
  /** waiting for a free pooled connection */
  acquireMs: number;
}
export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { connectMs: 3000, queryMs: 5000, acquireMs: 3000 };

function poolOptions(url: string, size: number, connectMs = DEFAULT_DB_TIMEOUTS.connectMs): mysql.PoolOptions {
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
    connectTimeout: connectMs,
    enableKeepAlive: true,
    // No caller stack captured per query (a new Error per statement: ~3 % of a read's CPU under
    // load). Failed drizzle queries still carry the route in their async stack (DrizzleQueryError).
    trace: false,
  };
}

export function openDatabase(url: string, size = 10, timeouts: Partial<DbTimeouts> = {}): Database {
  const t = { ...DEFAULT_DB_TIMEOUTS, ...timeouts };
  const options = poolOptions(url, size, t.connectMs);
  const { connectionLimit: _limit, ...single } = options;
  const pool = guardPool(mysql.createPool(options), t, single);
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
    connectDirect: async () => {
      const conn = await mysql.createConnection(single);
      await conn.query("SET time_zone = '+00:00'");
      return conn;
    },
    close: () => pool.end(),
  };
}

/** A database that does not answer in time: the error middleware turns it into 503 unavailable. */
export class DatabaseUnavailable extends Error {
  readonly code = 'DB_UNAVAILABLE';
}

const UNAVAILABLE_CODES = new Set([
  'DB_UNAVAILABLE', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ETIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE',
  'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'EHOSTUNREACH', 'ENOTFOUND',
]);

/** Is this (possibly drizzle-wrapped) error "the database is unreachable or too slow", not a bad query? */
export function isDatabaseUnavailable(e: unknown): boolean {
  const x = e as { code?: string; cause?: { code?: string } };
  return UNAVAILABLE_CODES.has(x?.code ?? '') || UNAVAILABLE_CODES.has(x?.cause?.code ?? '');
}

type QueryFn = (...args: unknown[]) => Promise<unknown>;

/** A query may wait this long in all (lock waits end sooner: innodb_lock_wait_timeout, 50 s). */
const QUERY_HARD_CAP_MS = 60_000;

/**
 * "Does the database answer at all?" — a fresh connection and SELECT 1 within probeMs, shared by
 * all callers for a second. Tells a stalled database from a query that is slow for a reason (a lock
 * wait behind a burst, a big report): only the first one is worth a 503.
 */
function aliveProbe(options: mysql.ConnectionOptions, probeMs: number) {
  let last: { at: number; alive: Promise<boolean> } | null = null;
  const probe = async (): Promise<boolean> => {
    let conn: mysql.Connection | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        (async () => {
          conn = await mysql.createConnection({ ...options, connectTimeout: probeMs });
          await conn.query('SELECT 1');
          return true;
        })(),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), probeMs))),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      conn?.destroy();
    }
  };
  return (): Promise<boolean> => {
    if (!last || Date.now() - last.at > 1000) last = { at: Date.now(), alive: probe() };
    return last.alive;
  };
}

/**
 * Bounds every query: after `queryMs` without an answer, the query keeps waiting if the database
 * is visibly alive — another query of this pool got an answer within `queryMs` (a lock wait
 * behind a burst), or a probe answers — up to QUERY_HARD_CAP_MS. Otherwise the connection is
 * destroyed (never reused) and the query fails as unavailable (→ 503).
 */
interface Liveness {
  lastAnswer: number;
  probe: () => Promise<boolean>;
}

function guardConnection(conn: mysql.PoolConnection, queryMs: number, live: Liveness): mysql.PoolConnection {
  const c = conn as mysql.PoolConnection & { __guarded?: boolean; __dead?: boolean };
  if (c.__guarded) return conn;
  c.__guarded = true;
  for (const m of ['query', 'execute'] as const) {
    const raw = (c[m] as unknown as QueryFn).bind(c);
    (c as unknown as Record<string, QueryFn>)[m] = (...args: unknown[]) => {
      // After a give-up (e.g. the ROLLBACK that follows it): the same answer, not a driver error.
      if (c.__dead) return Promise.reject(new DatabaseUnavailable('connection given up'));
      const started = Date.now();
      const running = raw(...args);
      return new Promise((resolve, reject) => {
        let settled = false;
        let timer: NodeJS.Timeout;
        const finish = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          fn();
        };
        const giveUp = (why: string) =>
          finish(() => {
            running.catch(() => undefined);
            c.__dead = true;
            c.destroy();
            reject(new DatabaseUnavailable(why));
          });
        const check = async () => {
          if (settled) return;
          if (Date.now() - started >= QUERY_HARD_CAP_MS) return giveUp(`query still running after ${QUERY_HARD_CAP_MS} ms`);
          if (Date.now() - live.lastAnswer >= queryMs && !(await live.probe())) {
            return giveUp(`no answer within ${queryMs} ms and the database does not answer a probe`);
          }
          if (!settled) timer = setTimeout(check, queryMs);
        };
        timer = setTimeout(check, queryMs);
        running.then(
          (v) => {
            live.lastAnswer = Date.now();
            finish(() => resolve(v));
          },
          (e) => {
            if ((e as { errno?: number }).errno) live.lastAnswer = Date.now(); // the server answered with an error
            finish(() => reject(e));
          },
        );
      });
    };
  }
  return conn;
}

/**
 * mysql2 waits for ever on a free connection and on a query's answer: bound both, so a stalled
 * database costs a request a few seconds (then 503) instead of hanging it, and the pool heals by
 * opening new connections once the database answers again.
 */
function guardPool(pool: mysql.Pool, t: DbTimeouts, options: mysql.ConnectionOptions): mysql.Pool {
  const rawGet = pool.getConnection.bind(pool);
  const live: Liveness = { lastAnswer: Date.now(), probe: aliveProbe(options, t.connectMs) };
  // A queue behind a busy pool (a booking burst) is not a stalled database: a waiter gives up
  // only when no connection at all was handed out for acquireMs (or after 10 × acquireMs).
  let lastHandout = Date.now();
  const acquire = () =>
    new Promise<mysql.PoolConnection>((resolve, reject) => {
      let settled = false;
      const started = Date.now();
      let timer: NodeJS.Timeout;
      const check = () => {
        if (settled) return;
        const now = Date.now();
        if (now - lastHandout >= t.acquireMs || now - started >= 10 * t.acquireMs) {
          settled = true;
          reject(new DatabaseUnavailable(`no database connection within ${now - started} ms`));
          return;
        }
        timer = setTimeout(check, Math.max(20, t.acquireMs - (now - lastHandout)));
      };
      timer = setTimeout(check, t.acquireMs);
      rawGet().then(
        (conn) => {
          lastHandout = Date.now();
          if (settled) return conn.release();
          settled = true;
          clearTimeout(timer);
          resolve(guardConnection(conn, t.queryMs, live));
        },
        (e) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(e);
        },
      );
    });
  const p = pool as unknown as Record<string, unknown>;
  p.getConnection = acquire;
  for (const m of ['query', 'execute'] as const) {
    p[m] = async (...args: unknown[]) => {
      const conn = await acquire();
      try {
        return await (conn[m] as unknown as QueryFn)(...args);
      } finally {
        conn.release();
      }
    };
  }
  return pool;
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
