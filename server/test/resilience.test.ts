import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { bootstrap } from '../src/bootstrap';
import { dropDatabase, ensureDatabase, openDatabase } from '../src/db/client';
import { applyMigrations, MIGRATIONS_FOLDER } from '../src/db/migrate';
import { startTestServer, uniquePhone, type TestServer } from './support/harness';

const baseUrl = () => process.env.DATABASE_URL!.replace(/\/[^/]+$/, '');

/**
 * A TCP proxy in front of the database that can stall: it keeps accepting connections but
 * stops forwarding bytes either way (a database that hangs, not one that is down).
 */
async function stallingProxy() {
  const target = new URL(process.env.DATABASE_URL!);
  const pairs = new Set<[net.Socket, net.Socket]>();
  let stalled = false;
  const held = new Set<net.Socket>();
  const server = net.createServer((client) => {
    client.on('error', () => client.destroy());
    if (stalled) {
      held.add(client); // accepted, never answered
      client.on('close', () => held.delete(client));
      return;
    }
    const upstream = net.connect(Number(target.port || 3306), target.hostname);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream).pipe(client);
    const kill = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('close', kill);
    upstream.on('error', kill).on('close', kill);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `mysql://root@127.0.0.1:${(server.address() as net.AddressInfo).port}${target.pathname}`,
    stall() {
      stalled = true;
      for (const [c, u] of pairs) {
        c.unpipe(u);
        u.unpipe(c);
        c.pause();
        u.pause();
      }
    },
    resume() {
      stalled = false;
      for (const s of held) s.destroy();
    },
    close() {
      for (const [c, u] of pairs) {
        c.destroy();
        u.destroy();
      }
      for (const s of held) s.destroy();
      server.close();
    },
  };
}

describe('a stalled database', () => {
  it('answers 503 unavailable within a few seconds, and the server recovers by itself', async () => {
    const proxy = await stallingProxy();
    const s = await startTestServer({ DATABASE_URL: proxy.url, DB_POOL_SIZE: '4', DB_QUERY_TIMEOUT_MS: '5000', DB_ACQUIRE_TIMEOUT_MS: '3000' });
    try {
      const u = await s.login(uniquePhone());
      expect((await s.api('GET', '/api/v1/streets')).status).toBe(200);
      proxy.stall();
      const t0 = Date.now();
      // More requests than pooled connections: some wait for a connection, some for an answer.
      // (Not /streets: reference data is served from the server's cache, which needs no database.)
      const answers = await Promise.all([
        ...Array.from({ length: 8 }, () => s.api('GET', '/api/v1/activities?complexId=1', { token: u.token })),
        s.api('GET', '/api/v1/me', { token: u.token }),
        s.api('POST', '/api/v1/opinions', { token: u.token, body: { category: '环境卫生', title: '停滞', content: '数据库停滞时提交', complexId: 1 } }),
      ]);
      const took = Date.now() - t0;
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(503));
      for (const a of answers) {
        expect(a.body.error.code).toBe('unavailable');
        expect(a.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
        expect(a.headers.get('retry-after')).toBe('5');
      }
      // default query timeout 5 s + acquire 3 s, with room for a loaded machine
      expect(took).toBeLessThan(15_000);
      expect((await s.api('GET', '/healthz')).status).toBe(503);
      // the streets read before the stall are still answered from the reference cache
      expect((await s.api('GET', '/api/v1/streets')).status).toBe(200);

      proxy.resume();
      let back = 0;
      const t1 = Date.now();
      while (back !== 200 && Date.now() - t1 < 20_000) {
        back = (await s.api('GET', '/api/v1/activities?complexId=1', { token: u.token })).status;
        if (back !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(back).toBe(200);
      expect((await s.api('GET', '/api/v1/me', { token: u.token })).status).toBe(200);
      expect((await s.api('GET', '/healthz')).status).toBe(200);
    } finally {
      await s.close();
      proxy.close();
    }
  }, 60_000);
});

/** Tables, columns, indexes and foreign keys of a schema: what a migration chain produces. */
async function schemaShape(url: string) {
  const db = openDatabase(url, 1);
  const name = new URL(url).pathname.slice(1);
  try {
    const q = async (sql: string) => JSON.stringify((await db.pool.query(sql, [name]))[0]);
    return {
      columns: await q('SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, COLUMN_NAME'),
      indexes: await q('SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX'),
      fks: await q('SELECT CONSTRAINT_NAME, TABLE_NAME, REFERENCED_TABLE_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? ORDER BY CONSTRAINT_NAME'),
    };
  } finally {
    await db.close();
  }
}

describe('an interrupted first start', () => {
  it('a server killed half-way through a migration finishes it on the next start', async () => {
    const url = `${baseUrl()}/xfh_halfmig_${Date.now().toString(36)}`;
    const all = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
    // The migration with the most statements, killed after half of them.
    const victim = all.reduce((best, m, i) => (m.sql.length > all[best].sql.length ? i : best), 0);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfh-mig-'));
    try {
      fs.cpSync(MIGRATIONS_FOLDER, tmp, { recursive: true });
      const journalPath = path.join(tmp, 'meta/_journal.json');
      const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
      journal.entries = journal.entries.slice(0, victim);
      fs.writeFileSync(journalPath, JSON.stringify(journal));

      await ensureDatabase(url);
      const database = openDatabase(url, 1);
      const conn = await database.connectDirect();
      try {
        await applyMigrations(conn, tmp); // every migration before the victim, recorded
        const half = all[victim].sql.slice(0, Math.ceil(all[victim].sql.length / 2));
        for (const stmt of half) await conn.query(stmt); // …then the kill
      } finally {
        await conn.end();
        await database.close();
      }

      const deps = await bootstrap({ env: { ...process.env, DATABASE_URL: url, SEED_DEMO: '0' } });
      try {
        const [[{ n }]] = (await deps.database.pool.query('SELECT COUNT(*) AS n FROM __drizzle_migrations')) as any;
        expect(Number(n)).toBe(all.length);
        const [[{ s }]] = (await deps.database.pool.query('SELECT COUNT(*) AS s FROM streets')) as any;
        expect(Number(s)).toBe(11);
      } finally {
        await deps.database.close();
      }
      // The same schema as a database migrated in one go (the run's test database).
      expect(await schemaShape(url)).toEqual(await schemaShape(process.env.DATABASE_URL!));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
      await dropDatabase(url);
    }
  }, 90_000);
});

describe('several processes with REDIS_URL', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, WRITE_QUOTA_PER_ACCOUNT: '4', WRITE_QUOTA_PER_ADDRESS: '1000' };
    a = await startTestServer(env);
    b = await startTestServer(env);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('a logout on one process is refused by the other at once', async () => {
    const u = await a.login(uniquePhone());
    expect((await b.api('GET', '/api/v1/me', { token: u.token })).status).toBe(200); // b caches "active"
    expect((await a.api('POST', '/api/v1/auth/logout', { token: u.token })).status).toBe(204);
    const after = await b.api('GET', '/api/v1/me', { token: u.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
  });

  it('refresh-token reuse on one process kills the login on the other at once', async () => {
    const u = await a.login(uniquePhone());
    expect((await b.api('GET', '/api/v1/me', { token: u.token })).status).toBe(200);
    expect((await a.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(200);
    expect((await a.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(401);
    expect((await b.api('GET', '/api/v1/me', { token: u.token })).status).toBe(401);
  });

  it('a write quota holds across processes', async () => {
    const u = await a.login(uniquePhone());
    const body = (n: number) => ({ category: '环境卫生', title: `共享配额${n}`, content: `第${n}条：共享配额`, complexId: 1 });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await (i % 2 ? b : a).api('POST', '/api/v1/opinions', { token: u.token, body: body(i) })).status);
    expect(codes).toEqual([201, 201, 201, 201, 429, 429]);
  });

  it('without Redis the other process still trusts its cache (why Redis is needed)', async () => {
    const c = await startTestServer();
    const d = await startTestServer();
    try {
      const u = await c.login(uniquePhone());
      expect((await d.api('GET', '/api/v1/me', { token: u.token })).status).toBe(200);
      expect((await c.api('POST', '/api/v1/auth/logout', { token: u.token })).status).toBe(204);
      expect((await c.api('GET', '/api/v1/me', { token: u.token })).status).toBe(401);
      expect((await d.api('GET', '/api/v1/me', { token: u.token })).status).toBe(200);
    } finally {
      await c.close();
      await d.close();
    }
  });
});
