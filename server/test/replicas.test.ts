import { dropDatabase, ensureDatabase } from '../src/db/client';
import {
  bookWithRetry,
  call,
  destroyAgent,
  makeActivity,
  mintResidents,
  seatsOf,
  startNginx,
  startReplica,
  type Balancer,
  type Replica,
} from './support/cluster';

/**
 * Two real server processes on one fresh database and Redis, behind nginx. Needs nginx
 * (/usr/sbin/nginx, Debian's package) and Redis at REDIS_URL (default 127.0.0.1:6379); .ci/run
 * provides both. Nothing is skipped: without them the suite fails saying what is missing.
 */
const dbUrl = process.env.DATABASE_URL!.replace(/\/[^/]+$/, `/xfh_repl_${Date.now().toString(36)}`);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const jwtSecret = process.env.JWT_SECRET!;
const QUOTA = 5;

let a: Replica;
let b: Replica;
let lb: Balancer;

beforeAll(async () => {
  await ensureDatabase(dbUrl);
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: jwtSecret,
    DEV_LOGIN: '1',
    AUTH_RATE_LIMIT: '0',
    WRITE_QUOTA_PER_ACCOUNT: String(QUOTA),
    WRITE_QUOTA_PER_ADDRESS: '100000',
    SEED_DEMO: '0',
    LOG_LEVEL: 'warn',
    TRUST_PROXY: '1',
    DB_POOL_SIZE: '10',
    MAX_ACTIVE_BOOKINGS: '5',
  };
  // Both at once on the empty database: one migrates and seeds under the lock, the other waits.
  [a, b] = await Promise.all([startReplica('a', env), startReplica('b', env)]);
  lb = await startNginx([a.port, b.port]);
}, 120_000);

afterAll(async () => {
  destroyAgent();
  await lb?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await dropDatabase(dbUrl);
});

it('both replicas answer, directly and through nginx', async () => {
  const answers = await Promise.all(Array.from({ length: 20 }, () => call(lb.port, 'GET', '/api/v1/streets')));
  expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
  expect((await call(a.port, 'GET', '/healthz')).status).toBe(200);
  expect((await call(b.port, 'GET', '/healthz')).status).toBe(200);
});

it('a 500-user burst for 50 seats takes exactly 50', async () => {
  const users = await mintResidents(dbUrl, jwtSecret, 500);
  const activity = await makeActivity(dbUrl, 50, '多副本抢位');
  const t0 = performance.now();
  const answers = await Promise.all(users.map((u, i) => bookWithRetry(lb.port, activity, u.token, `burst-${activity}-${i}`)));
  const ms = performance.now() - t0;
  const booked = answers.filter((r) => r.status === 201 && r.body.status === 'booked');
  const full = answers.filter((r) => r.status === 409 && r.body.error.code === 'activity_full');
  expect(booked).toHaveLength(50);
  expect(full).toHaveLength(450);
  const seats = await seatsOf(dbUrl, activity);
  expect(seats).toMatchObject({ counter: 50, rows: 50 });
  const winners = users.filter((_, i) => answers[i].status === 201).map((u) => u.id).sort((x, y) => x - y);
  expect(seats.users).toEqual(winners);
  console.log(`burst through nginx (2 replicas): 500 requests for 50 seats in ${ms.toFixed(0)} ms (${((500 / ms) * 1000).toFixed(0)} req/s)`);
});

it('the same Idempotency-Key sent to both replicas at once books once', async () => {
  const users = await mintResidents(dbUrl, jwtSecret, 20);
  const activity = await makeActivity(dbUrl, 100, '双发幂等');
  const pairs = await Promise.all(
    users.map((u, i) => Promise.all([bookWithRetry(a.port, activity, u.token, `twin-${activity}-${i}`), bookWithRetry(b.port, activity, u.token, `twin-${activity}-${i}`)])),
  );
  for (const [x, y] of pairs) {
    expect([x.status, y.status]).toEqual([201, 201]);
    expect(x.body.id).toBe(y.body.id);
  }
  expect(await seatsOf(dbUrl, activity)).toMatchObject({ counter: 20, rows: 20 });
});

it('a write quota holds across replicas', async () => {
  const [u] = await mintResidents(dbUrl, jwtSecret, 1);
  const codes: number[] = [];
  for (let i = 0; i < QUOTA + 3; i++) {
    const r = await call(i % 2 ? b.port : a.port, 'POST', '/api/v1/opinions', {
      token: u.token,
      body: { category: '环境卫生', title: `跨副本配额${i}`, content: `第${i}条：跨副本配额`, complexId: 1 },
    });
    codes.push(r.status);
    if (r.status === 429) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  }
  expect(codes).toEqual([...Array(QUOTA).fill(201), 429, 429, 429]);
  // …and through the balancer too
  expect((await call(lb.port, 'POST', '/api/v1/opinions', { token: u.token, body: { category: '环境卫生', title: '再试', content: '通过负载均衡再试', complexId: 1 } })).status).toBe(429);
});

it('a logout on one replica is refused on the other at once', async () => {
  const users = await mintResidents(dbUrl, jwtSecret, 20);
  for (const [i, u] of users.entries()) {
    const [here, there] = i % 2 ? [a, b] : [b, a];
    expect((await call(there.port, 'GET', '/api/v1/me', { token: u.token })).status).toBe(200); // cached "active" there
    expect((await call(here.port, 'POST', '/api/v1/auth/logout', { token: u.token })).status).toBe(204);
    const after = await call(there.port, 'GET', '/api/v1/me', { token: u.token });
    expect(after.status).toBe(401);
    expect((await call(lb.port, 'GET', '/api/v1/me', { token: u.token })).status).toBe(401);
  }
});

it('a write to reference data on one replica is served by the other at once (ETag revalidation included)', async () => {
  const admin = await call(a.port, 'POST', '/api/v1/auth/dev', { body: { phone: '13900000001' } });
  expect(admin.status).toBe(200);
  const token = admin.body.accessToken as string;
  const read = (port: number, etag?: string) => call(port, 'GET', '/api/v1/complexes/1', { headers: etag ? { 'if-none-match': etag } : {} });
  const before = await read(b.port); // cached on b
  expect(before.status).toBe(200);
  const etag = before.headers.etag as string;
  expect((await read(b.port, etag)).status).toBe(304);
  const oldName = before.body.name as string;
  for (const [i, name] of [`${oldName.slice(0, 20)}·甲`, `${oldName.slice(0, 20)}·乙`, oldName].entries()) {
    const [here, there] = i % 2 ? [b, a] : [a, b];
    const cached = await read(there.port); // an entry on the other replica before the write
    expect((await call(here.port, 'PATCH', '/api/v1/complexes/1', { token, body: { name } })).status).toBe(200);
    const after = await read(there.port, cached.headers.etag as string);
    expect(after.status).toBe(200);
    expect(after.body.name).toBe(name);
    const list = await call(there.port, 'GET', '/api/v1/complexes');
    expect(list.body.items.find((c: { id: number }) => c.id === 1).name).toBe(name);
  }
});

it('stopping one replica (SIGTERM) during a burst loses no booking and leaves nothing half-written', async () => {
  const users = await mintResidents(dbUrl, jwtSecret, 400);
  const activity = await makeActivity(dbUrl, 150, '停机抢位');
  let done = 0;
  let stopped: Promise<number | null> | undefined;
  const answers = await Promise.all(
    users.map(async (u, i) => {
      // a steady stream rather than one wave, so the stop lands in the middle of it
      await new Promise((r) => setTimeout(r, i * 3));
      const r = await bookWithRetry(lb.port, activity, u.token, `stop-${activity}-${i}`);
      if (++done === 100) stopped = b.stop('SIGTERM');
      return r;
    }),
  );
  expect(stopped).toBeDefined();
  const code = await stopped;
  if (code !== 0) console.log(b.output().slice(-3000));
  expect(code).toBe(0); // a clean exit: requests in flight were finished
  expect(b.output()).not.toMatch(/still open after 10 s/);
  const statuses = new Map<string, number>();
  for (const r of answers) {
    const k = r.status === 201 ? r.body.status : `${r.status}:${r.body?.error?.code ?? '?'}`;
    statuses.set(k, (statuses.get(k) ?? 0) + 1);
  }
  const retried = answers.filter((r) => r.tries > 1).length;
  console.log(`SIGTERM during a burst: ${JSON.stringify(Object.fromEntries(statuses))}; ${retried} requests retried`);
  // Every request got a definite answer: a seat, or "full".
  expect(statuses.get('booked')).toBe(150);
  expect(statuses.get('409:activity_full')).toBe(250);
  // Counter = rows = the users who were told "booked".
  const seats = await seatsOf(dbUrl, activity);
  expect(seats).toMatchObject({ counter: 150, rows: 150 });
  expect(seats.users).toEqual(users.filter((_, i) => answers[i].status === 201).map((u) => u.id).sort((x, y) => x - y));
  // The survivor serves on alone.
  expect((await call(lb.port, 'GET', '/api/v1/streets')).status).toBe(200);
}, 90_000);
