import net from 'node:net';
import { createServer } from 'node:http';
import Router from '@koa/router';
import { bootstrap } from '../src/bootstrap';
import { createApp } from '../src/app';
import { dropDatabase, openDatabase } from '../src/db/client';
import { seedAll } from '../src/db/seed';
import { ConfigError, loadConfig } from '../src/config';
import { mountRoutes } from '../src/http/mount';
import { route } from '../src/http/route';
import { startTestServer, type TestServer } from './support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const baseUrl = () => process.env.DATABASE_URL!.replace(/\/[^/]+$/, '');

describe('configuration', () => {
  it('stops with one line naming a bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/^Invalid configuration: PORT: /);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ DEV_LOGIN: 'maybe' })).toThrow(/DEV_LOGIN/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    for (const bad of [{ PORT: 'abc' }, { DATABASE_URL: 'x' }]) {
      try {
        loadConfig(bad);
      } catch (e) {
        expect((e as Error).message.split('\n')).toHaveLength(1);
      }
    }
  });

  it('requires JWT_SECRET and PII_KEY in production, and warns about a random secret in development', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PII_KEY: 'k'.repeat(20) })).toThrow(/JWT_SECRET: required/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) })).toThrow(/PII_KEY: required/);
    const warnings: string[] = [];
    const c = loadConfig({}, (w) => warnings.push(w));
    expect(c.JWT_SECRET).toHaveLength(64);
    expect(warnings.join()).toMatch(/JWT_SECRET/);
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATABASE_URL: 'mysql://root@127.0.0.1:3306/xingfuhui', dbName: 'xingfuhui', DEV_LOGIN: false, AUTH_RATE_LIMIT: 60 });
  });
});

describe('error envelope and limits', () => {
  it('renders unknown errors as 500 internal_error with a request id and no stack', async () => {
    const router = new Router();
    mountRoutes(router, [route({ method: 'get', path: '/api/v1/boom', summary: 'boom', tags: ['test'], auth: 'public', handler: () => { throw new Error('secret internals at /srv/app.ts:12'); } })], t.deps);
    const app = createApp(t.deps);
    app.middleware.splice(app.middleware.length - 2, 0, router.routes() as never);
    const server = createServer(app.callback()).listen(0);
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/api/v1/boom`);
      const body = await res.json();
      expect(res.status).toBe(500);
      expect(body.error.code).toBe('internal_error');
      expect(body.error.details.requestId).toBe(res.headers.get('x-request-id'));
      expect(JSON.stringify(body)).not.toMatch(/secret internals|app\.ts|at /);
    } finally {
      server.close();
    }
  });

  it('404s an unknown API path with the envelope', async () => {
    const r = await t.api('GET', '/api/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });

  it('rejects a body over BODY_LIMIT with 413 and malformed JSON with 400', async () => {
    const big = await t.api('POST', '/api/v1/auth/dev', { body: JSON.stringify({ phone: '13900000001', pad: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const bad = await t.api('POST', '/api/v1/auth/dev', { body: '{"phone":' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('caps list pages at 100', async () => {
    const { token } = await t.login('13900000001');
    const r = await t.api('GET', '/api/v1/me/notifications?limit=500', { token });
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields.limit).toBeDefined();
    expect((await t.api('GET', '/api/v1/me/notifications?cursor=@@@', { token })).status).toBe(422);
  });
});

describe('API reference', () => {
  it('serves an OpenAPI document covering every route, and an offline docs page', async () => {
    const doc = await t.api('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    for (const p of ['/api/v1/auth/wechat', '/api/v1/auth/dev', '/api/v1/me', '/api/v1/complexes/{id}', '/api/v1/branches', '/healthz']) {
      expect(doc.body.paths[p]).toBeDefined();
    }
    expect(doc.body.paths['/api/v1/auth/dev'].post.requestBody.content['application/json'].schema).toBeDefined();
    const page = await fetch(`${t.url}/api/docs`);
    const html = await page.text();
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(`${t.url}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });
});

describe('health', () => {
  it('is 503 while the database is unreachable and 200 again once it is back, without a restart', async () => {
    // A TCP proxy in front of the database that we can cut and restore.
    const target = new URL(process.env.DATABASE_URL!);
    const sockets = new Set<net.Socket>();
    let up = true;
    const proxy = net.createServer((client) => {
      if (!up) return client.destroy();
      const upstream = net.connect(Number(target.port || 3306), target.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const kill = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', kill).on('close', kill);
      upstream.on('error', kill).on('close', kill);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const port = (proxy.address() as net.AddressInfo).port;
    const s = await startTestServer({ DATABASE_URL: `mysql://root@127.0.0.1:${port}${target.pathname}` });
    try {
      expect((await s.api('GET', '/healthz')).body).toEqual({ status: 'ok' });
      up = false;
      for (const so of sockets) so.destroy();
      const down = await s.api('GET', '/healthz');
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('unavailable');
      expect((await s.api('GET', '/api/v1/streets')).status).toBe(503);
      up = true;
      let back = 0;
      for (let i = 0; i < 20 && back !== 200; i++) {
        back = (await s.api('GET', '/healthz')).status;
        if (back !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(back).toBe(200);
      expect((await s.api('GET', '/api/v1/streets')).status).toBe(200);
    } finally {
      await s.close();
      proxy.close();
    }
  });
});

describe('database lifecycle', () => {
  it('seed is idempotent: running it twice changes nothing', async () => {
    const tables = ['streets', 'communities', 'complexes', 'facilities', 'spaces', 'service_categories', 'service_items', 'branches', 'branch_complexes', 'branch_members', 'users', 'staff_complexes'];
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const tb of tables) {
        const [rows] = await t.deps.database.pool.query(`CHECKSUM TABLE \`${tb}\``);
        const [[cnt]] = (await t.deps.database.pool.query(`SELECT COUNT(*) AS n FROM \`${tb}\``)) as any;
        out[tb] = [(rows as any)[0].Checksum, cnt.n];
      }
      return out;
    };
    const before = await snapshot();
    await seedAll(t.deps.db, t.deps.config);
    await seedAll(t.deps.db, t.deps.config);
    expect(await snapshot()).toEqual(before);
  });

  it('two servers starting at once on a new database both come up (migration lock)', async () => {
    const url = `${baseUrl()}/xfh_lock_${Date.now().toString(36)}`;
    const env = { ...process.env, DATABASE_URL: url, SEED_DEMO: '0' };
    try {
      const [a, b] = await Promise.all([bootstrap({ env }), bootstrap({ env })]);
      const [[{ n }]] = (await a.database.pool.query('SELECT COUNT(*) AS n FROM streets')) as any;
      expect(Number(n)).toBe(11);
      const [[{ m }]] = (await b.database.pool.query('SELECT COUNT(*) AS m FROM __drizzle_migrations')) as any;
      expect(Number(m)).toBeGreaterThan(0);
      await a.database.close();
      await b.database.close();
    } finally {
      await dropDatabase(url);
    }
  });

  it('stores DATETIME in UTC whatever the session default', async () => {
    const db = openDatabase(process.env.DATABASE_URL!, 1);
    try {
      const [[row]] = (await db.pool.query("SELECT @@session.time_zone AS tz")) as any;
      expect(row.tz).toBe('+00:00');
      const [[r]] = (await db.pool.query("SELECT CAST('2026-12-01 01:00:00' AS DATETIME) AS d, NOW() AS now")) as any;
      expect((r.d as Date).toISOString()).toBe('2026-12-01T01:00:00.000Z');
      expect(Math.abs((r.now as Date).getTime() - Date.now())).toBeLessThan(5000);
    } finally {
      await db.close();
    }
  });
});
