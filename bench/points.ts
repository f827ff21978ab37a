/**
 * npm run bench:points — ledger credits per second, through the HTTP API and through raw mysql2,
 * in the same run against the same database, then the ledger invariant check.
 *
 * - Own database (xfh_bench_points_*), created, migrated and seeded here, dropped at the end.
 * - The real server in-process on a loopback port (AUTH_RATE_LIMIT=0, LOG_LEVEL=silent).
 * - HTTP: POST /api/v1/admin/points/adjustments as the demo district admin — the full stack:
 *   auth, zod, the ledger's transaction (account lock, duplicate check, entry, balance) and the
 *   audit row.
 * - Raw: the same statements in the same transaction on a mysql2 pool of the same size.
 * Bounded: BENCH_CREDITS credits per path (default 3000), BENCH_CONCURRENCY in flight (default 20),
 * spread over BENCH_USERS accounts (default 200).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import { createApp } from '../server/src/app';
import { bootstrap } from '../server/src/bootstrap';
import { dropDatabase } from '../server/src/db/client';
import { users } from '../server/src/db/schema';
import { checkLedgerInvariant } from '../server/src/domain/points/invariant';

const CREDITS = Number(process.env.BENCH_CREDITS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const USERS = Number(process.env.BENCH_USERS ?? 200);
const BASE = process.env.BENCH_DATABASE_BASE ?? 'mysql://root@127.0.0.1:3306';

/** Runs `total` jobs with at most `concurrency` in flight; returns elapsed ms. */
async function drive(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await job(next++);
    }),
  );
  return performance.now() - started;
}

async function main() {
  const dbName = `xfh_bench_points_${Date.now().toString(36)}`;
  const url = `${BASE}/${dbName}`;
  const deps = await bootstrap({
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: url,
      DEV_LOGIN: '1',
      AUTH_RATE_LIMIT: '0',
      LOG_LEVEL: 'silent',
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: 'bench-pii-key-0123456789',
    },
  });
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const raw = mysql.createPool({ uri: url, connectionLimit: deps.config.DB_POOL_SIZE, timezone: 'Z' });
  // as the server's pool does: UTC once per physical connection, not per transaction
  raw.pool.on('connection', (c) => c.query("SET time_zone = '+00:00'"));
  let failed = false;
  try {
    const login = await fetch(`${base}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13900000001' }) });
    const admin = (await login.json()) as { accessToken: string; user: { id: number } };
    if (!admin.accessToken) throw new Error('district admin login failed');

    await deps.db.insert(users).values(Array.from({ length: USERS }, (_, i) => ({ role: 'resident' as const, nickname: `压测居民${i + 1}` })));
    const ids = (await deps.db.select({ id: users.id }).from(users)).map((u) => u.id).filter((id) => id !== admin.user.id).slice(-USERS);
    let expectedTotal = 0;

    // warm-up: JIT, pool connections, the accounts' rows
    await drive(ids.length, CONCURRENCY, async (i) => {
      await httpCredit(ids[i], 1);
    });
    expectedTotal += ids.length;

    async function httpCredit(userId: number, delta: number) {
      const r = await fetch(`${base}/api/v1/admin/points/adjustments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
        body: JSON.stringify({ userId, delta, reason: '压测：志愿服务表彰' }),
      });
      if (r.status !== 201) throw new Error(`HTTP credit failed: ${r.status} ${await r.text()}`);
      await r.arrayBuffer().catch(() => undefined);
    }

    const httpMs = await drive(CREDITS, CONCURRENCY, async (i) => {
      const delta = 1 + (i % 5);
      expectedTotal += delta;
      await httpCredit(ids[i % ids.length], delta);
    });

    /** The ledger's transaction, statement for statement, on a bare mysql2 connection. */
    async function rawCredit(userId: number, delta: number) {
      for (let attempt = 1; ; attempt++) {
        const conn = await raw.getConnection();
        try {
          await conn.beginTransaction();
          await conn.execute('INSERT INTO points_accounts (user_id, balance) VALUES (?, 0) ON DUPLICATE KEY UPDATE user_id = user_id', [userId]);
          const [[acc]] = (await conn.execute('SELECT balance FROM points_accounts WHERE user_id = ? FOR UPDATE', [userId])) as unknown as [[{ balance: number }]];
          const source = `admin:${randomUUID()}`;
          const [dup] = (await conn.execute('SELECT id FROM points_entries WHERE reason = ? AND source = ? AND user_id = ? LIMIT 1', ['admin_adjustment', source, userId])) as unknown as [unknown[]];
          if (dup.length) throw new Error('duplicate source');
          const now = new Date();
          const balanceAfter = acc.balance + delta;
          const [ins] = (await conn.execute(
            'INSERT INTO points_entries (user_id, delta, reason, source, description, balance_after, actor_id, complex_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)',
            [userId, delta, 'admin_adjustment', source, '管理员调整：压测：志愿服务表彰', balanceAfter, admin.user.id, now],
          )) as unknown as [{ insertId: number }];
          await conn.execute('UPDATE points_accounts SET balance = ? WHERE user_id = ?', [balanceAfter, userId]);
          await conn.execute('INSERT INTO audit_logs (actor_id, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?)', [
            admin.user.id,
            'points.adjust',
            'user',
            String(userId),
            JSON.stringify({ delta, reason: '压测：志愿服务表彰', entryId: ins.insertId, balanceAfter }),
          ]);
          await conn.commit();
          return;
        } catch (e) {
          await conn.rollback().catch(() => undefined);
          const errno = (e as { errno?: number }).errno;
          if (attempt < 5 && (errno === 1213 || errno === 1205)) continue;
          throw e;
        } finally {
          conn.release();
        }
      }
    }

    const rawMs = await drive(CREDITS, CONCURRENCY, async (i) => {
      const delta = 1 + (i % 5);
      expectedTotal += delta;
      await rawCredit(ids[i % ids.length], delta);
    });

    const httpRate = (CREDITS / httpMs) * 1000;
    const rawRate = (CREDITS / rawMs) * 1000;
    console.log(`ledger credits: ${CREDITS} per path, ${CONCURRENCY} in flight, ${ids.length} accounts`);
    console.log(`  HTTP API (POST /api/v1/admin/points/adjustments): ${httpRate.toFixed(0)} credits/s (${httpMs.toFixed(0)} ms)`);
    console.log(`  raw mysql2 (same transaction):                    ${rawRate.toFixed(0)} credits/s (${rawMs.toFixed(0)} ms)`);
    console.log(`  ratio raw / HTTP: ${(rawRate / httpRate).toFixed(2)}x (HTTP reaches ${((httpRate / rawRate) * 100).toFixed(0)}% of raw)`);

    const report = await checkLedgerInvariant(deps.db);
    const [[sum]] = (await raw.query('SELECT COALESCE(SUM(balance), 0) AS total FROM points_accounts')) as unknown as [[{ total: string }]];
    if (!report.ok || Number(sum.total) !== expectedTotal) {
      console.error(`INVARIANT BROKEN: total ${sum.total}, expected ${expectedTotal}`, JSON.stringify(report.violations.slice(0, 10)));
      failed = true;
    } else {
      console.log(`invariant holds (${report.accounts} accounts, ${report.entries} entries, total ${expectedTotal} points)`);
    }
  } finally {
    await raw.end();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await deps.database.close();
    await dropDatabase(url);
  }
  if (failed) process.exit(1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
