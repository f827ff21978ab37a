/**
 * Booking benchmark: the full HTTP stack (Koa, auth, validation, JSON) against the same booking
 * code called straight on a mysql2 pool, in one run on one database. The server runs in this
 * process (its main thread); the HTTP load generator runs in a worker thread.
 *   (a) burst: 500 users at once for 50 seats
 *   (b) sustained: 5,000 bookings at concurrency 100, spread over 100 activities
 * Prints seats taken, req/s, p50/p99 and the ratio HTTP ÷ raw; checks nothing was overbooked.
 * Creates its own database and drops it. Usage: npm run bench:booking
 *   BENCH_ONLY=burst   only (a);   BENCH_PROFILE=/tmp/dir   CPU profiles of the runs
 */
import http from 'node:http';
import { profiled } from './profile';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import { createApp } from '../server/src/app';
import { bootstrap } from '../server/src/bootstrap';
import { dropDatabase, openDatabase, type Database } from '../server/src/db/client';
import { bookActivity } from '../server/src/domain/booking/book';
import { AppError } from '../server/src/errors';

const BASE = process.env.BENCH_DATABASE_BASE ?? 'mysql://root@127.0.0.1:3306';
const DB_NAME = `xfh_bench_${Date.now().toString(36)}`;
const URL_ = `${BASE}/${DB_NAME}`;
const BURST_USERS = 500;
const BURST_SEATS = 50;
const SUSTAINED = 5000;
const CONCURRENCY = 100;
const ACTIVITIES = 100;
const PER_USER = 5; // = MAX_ACTIVE_BOOKINGS
const MAX_ACTIVE = 5;

interface Run {
  label: string;
  n: number;
  ms: number;
  lat: number[];
  statuses: Map<string, number>;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function timed(label: string, jobs: Array<() => Promise<string>>, concurrency: number): Promise<Run> {
  const lat: number[] = new Array(jobs.length);
  const statuses = new Map<string, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        const s = performance.now();
        const outcome = await jobs[i]();
        lat[i] = performance.now() - s;
        statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
      }
    }),
  );
  return { label, n: jobs.length, ms: performance.now() - t0, lat, statuses };
}

function print(r: Run) {
  const rps = (r.n / r.ms) * 1000;
  const outcomes = [...r.statuses.entries()].map(([k, v]) => `${k}=${v}`).join(' ');
  console.log(
    `  ${r.label.padEnd(26)} ${String(r.n).padStart(5)} req  ${rps.toFixed(0).padStart(6)} req/s  p50 ${pct(r.lat, 50).toFixed(1).padStart(6)} ms  p99 ${pct(r.lat, 99).toFixed(1).padStart(6)} ms  ${outcomes}`,
  );
  return rps;
}


// ---- the HTTP side --------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
function request(port: number, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}
/**
 * The HTTP load generator runs in a worker thread, like an outside load tool would: what the
 * server's event loop does is then only the server's work. (The raw side has no client to
 * separate: the mysql2 calls *are* what it measures.)
 */
const LOADGEN = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const { port, jobs, concurrency } = workerData;
// autocannon-style: each connection sends a prebuilt request and reads one response at a time
// (keep-alive), so the load generator costs the shared CPUs as little as possible.
function connection() {
  const sock = net.connect(port, '127.0.0.1');
  sock.setNoDelay(true);
  let buf = Buffer.alloc(0); let waiting = null;
  sock.on('data', (d) => {
    buf = buf.length ? Buffer.concat([buf, d]) : d;
    if (!waiting) return;
    const head = buf.indexOf('\\r\\n\\r\\n');
    if (head < 0) return;
    const h = buf.subarray(0, head).toString('latin1');
    const len = Number(/content-length: *(\\d+)/i.exec(h)[1]);
    if (buf.length < head + 4 + len) return;
    const body = buf.subarray(head + 4, head + 4 + len).toString('utf8');
    buf = buf.subarray(head + 4 + len);
    const w = waiting; waiting = null;
    w({ status: Number(h.slice(9, 12)), body });
  });
  return { send: (req) => new Promise((resolve) => { waiting = resolve; sock.write(req); }), close: () => sock.destroy() };
}
const outcome = (r) => {
  const body = JSON.parse(r.body);
  return r.status === 201 ? body.status : r.status + ':' + (body.error ? body.error.code : '?');
};
(async () => {
  const reqs = jobs.map((j) => Buffer.from('POST ' + j.path + ' HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nAuthorization: Bearer ' + j.token + '\\r\\nContent-Length: 0\\r\\n\\r\\n'));
  const conns = Array.from({ length: Math.min(concurrency, jobs.length) }, connection);
  await new Promise((r) => setTimeout(r, 50));
  const lat = new Array(jobs.length); const outcomes = new Array(jobs.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(conns.map(async (c) => {
    while (next < jobs.length) { const i = next++; const s = performance.now(); outcomes[i] = outcome(await c.send(reqs[i])); lat[i] = performance.now() - s; }
  }));
  const ms = performance.now() - t0;
  conns.forEach((c) => c.close());
  parentPort.postMessage({ ms, lat, outcomes });
})();
`;

async function timedHttp(label: string, port: number, jobs: Array<{ path: string; token: string }>, concurrency: number): Promise<Run> {
  const w = new Worker(LOADGEN, { eval: true, workerData: { port, jobs, concurrency } });
  const r = await new Promise<{ ms: number; lat: number[]; outcomes: string[] }>((resolve, reject) => {
    w.once('message', resolve);
    w.once('error', reject);
  });
  await w.terminate();
  const statuses = new Map<string, number>();
  for (const o of r.outcomes) statuses.set(o, (statuses.get(o) ?? 0) + 1);
  return { label, n: jobs.length, ms: r.ms, lat: r.lat, statuses };
}


// ---- the raw side: the very same booking code (domain/booking/book.ts), called without HTTP -----
// It is mysql2 straight: a preflight read, then BEGIN, the conditional UPDATE, the user-row lock,
// the INSERT, COMMIT (and the re-read when no place was left) — only Koa, auth, validation and
// JSON are missing, which is what the ratio measures.

async function rawBook(database: Database, userId: number, activityId: number, now: Date): Promise<string> {
  try {
    return (await bookActivity(database, userId, activityId, now, MAX_ACTIVE)).status;
  } catch (e) {
    if (e instanceof AppError) return `${e.status}:${e.code}`;
    throw e;
  }
}

// ---- setup --------------------------------------------------------------------------------

async function makeActivities(pool: mysql.Pool, n: number, capacity: number, creator: number, tag: string): Promise<number[]> {
  const start = new Date(Date.now() + 3 * 86_400_000);
  const end = new Date(start.getTime() + 7_200_000);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const [r] = await pool.query<mysql.ResultSetHeader>(
      `INSERT INTO activities (complex_id, created_by, title, start_at, end_at, capacity, waitlist_capacity, status) VALUES (1, ?, ?, ?, ?, ?, 0, 'published')`,
      [creator, `压测 ${tag} ${i}`, start, end, capacity],
    );
    ids.push(r.insertId);
  }
  return ids;
}

async function overbooking(pool: mysql.Pool, ids: number[]) {
  const [rows] = await pool.query<mysql.RowDataPacket[]>(
    `SELECT a.id, a.capacity, a.booked_count,
       (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status = 'booked') AS rows_booked
     FROM activities a WHERE a.id IN (?)`,
    [ids],
  );
  const seats = rows.reduce((s, r) => s + Number(r.rows_booked), 0);
  const over = rows.filter((r) => Number(r.rows_booked) > r.capacity || Number(r.rows_booked) !== r.booked_count).length;
  return { seats, capacity: rows.reduce((s, r) => s + r.capacity, 0), over };
}

async function main() {
  console.log(`booking benchmark — database ${DB_NAME}, node ${process.version}`);
  const env = {
    ...process.env,
    DATABASE_URL: URL_,
    NODE_ENV: 'development',
    DEV_LOGIN: '1',
    AUTH_RATE_LIMIT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO: '0',
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10',
    MAX_ACTIVE_BOOKINGS: String(MAX_ACTIVE),
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    PII_KEY: 'bench-pii-key-0123456789',
  };
  const deps = await bootstrap({ env });
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const port = (server.address() as AddressInfo).port;
  // the raw side's own pool, the same size and settings as the server's
  const rawDb = openDatabase(URL_, Number(env.DB_POOL_SIZE));
  const raw = rawDb.pool;
  try {
    const httpUsers = BURST_USERS + SUSTAINED / PER_USER;
    process.stdout.write(`logging in ${httpUsers} users… `);
    const tokens: Array<{ id: number; token: string }> = [];
    for (let i = 0; i < httpUsers; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, httpUsers - i) }, (_, k) =>
          request(port, 'POST', '/api/v1/auth/dev', undefined, { phone: `16${String(100000000 + i + k).slice(-9)}` }),
        ),
      );
      for (const r of batch) tokens.push({ id: r.body.user.id, token: r.body.accessToken });
    }
    // the raw side books as users of its own (same count), so neither run sees the other's quota
    const [ins] = await raw.query<mysql.ResultSetHeader>(
      `INSERT INTO users (role, nickname) VALUES ${Array.from({ length: httpUsers }, () => "('resident','压测')").join(',')}`,
    );
    const rawUsers = Array.from({ length: httpUsers }, (_, i) => ins.insertId + i);
    const [[creator]] = await raw.query<mysql.RowDataPacket[]>(`SELECT id FROM users WHERE role = 'worker' LIMIT 1`);
    console.log('done');

    const now = () => deps.clock.now();
    // warm both paths (JIT, pool connections) on an activity of their own
    const [warmH] = await makeActivities(raw, 1, 1000, creator.id, 'warm-http');
    const [warmR] = await makeActivities(raw, 1, 1000, creator.id, 'warm-raw');
    await timedHttp('warm', port, tokens.slice(0, 200).map((u) => ({ path: `/api/v1/activities/${warmH}/bookings`, token: u.token })), 50);
    await timed('warm', rawUsers.slice(0, 200).map((u) => () => rawBook(rawDb, u, warmR, now())), 50);
    await raw.query('DELETE FROM bookings WHERE activity_id IN (?, ?)', [warmH, warmR]);

    // Residents open the activity before pressing 预约: that first authenticated request is what
    // puts their session in the server's short session cache, so do it for everyone up front.
    for (let i = 0; i < tokens.length; i += 100) {
      await Promise.all(tokens.slice(i, i + 100).map((u) => request(port, 'GET', `/api/v1/activities/${warmH}`, u.token)));
    }

    // (a) burst
    console.log(`\n(a) burst: ${BURST_USERS} users at once for ${BURST_SEATS} seats`);
    const [burstR] = await makeActivities(raw, 1, BURST_SEATS, creator.id, 'burst-raw');
    const [burstH] = await makeActivities(raw, 1, BURST_SEATS, creator.id, 'burst-http');
    const rb = print(await profiled('burst-raw', () => timed('raw mysql2', rawUsers.slice(0, BURST_USERS).map((u) => () => rawBook(rawDb, u, burstR, now())), BURST_USERS)));
    const hb = print(
      await profiled('burst-http', () =>
        timedHttp('HTTP (full stack)', port, tokens.slice(0, BURST_USERS).map((u) => ({ path: `/api/v1/activities/${burstH}/bookings`, token: u.token })), BURST_USERS),
      ),
    );
    const ob = await overbooking(raw, [burstR, burstH]);
    console.log(`  seats taken: raw ${(await overbooking(raw, [burstR])).seats}/${BURST_SEATS}, HTTP ${(await overbooking(raw, [burstH])).seats}/${BURST_SEATS}; overbooked activities: ${ob.over}`);
    console.log(`  ratio HTTP ÷ raw: ${(hb / rb).toFixed(2)}`);

    if (process.env.BENCH_ONLY === 'burst') return;
    // (b) sustained: user k books activities (5k .. 5k+4) mod 100, so each activity gets 50 requests
    console.log(`\n(b) sustained: ${SUSTAINED} bookings at concurrency ${CONCURRENCY} over ${ACTIVITIES} activities`);
    const capacity = SUSTAINED / ACTIVITIES;
    const actsR = await makeActivities(raw, ACTIVITIES, capacity, creator.id, 'sus-raw');
    const actsH = await makeActivities(raw, ACTIVITIES, capacity, creator.id, 'sus-http');
    const plan = Array.from({ length: SUSTAINED }, (_, i) => ({ u: BURST_USERS + Math.floor(i / PER_USER), a: (Math.floor(i / PER_USER) * PER_USER + (i % PER_USER)) % ACTIVITIES }));
    const rs = print(await profiled('sustained-raw', () => timed('raw mysql2', plan.map((p) => () => rawBook(rawDb, rawUsers[p.u], actsR[p.a], now())), CONCURRENCY)));
    const hs = print(
      await profiled('sustained-http', () =>
        timedHttp('HTTP (full stack)', port, plan.map((p) => ({ path: `/api/v1/activities/${actsH[p.a]}/bookings`, token: tokens[p.u].token })), CONCURRENCY),
      ),
    );
    const sr = await overbooking(raw, actsR);
    const sh = await overbooking(raw, actsH);
    console.log(`  seats taken: raw ${sr.seats}/${sr.capacity}, HTTP ${sh.seats}/${sh.capacity}; overbooked activities: ${sr.over + sh.over}`);
    console.log(`  ratio HTTP ÷ raw: ${(hs / rs).toFixed(2)}`);
    const bad = ob.over + sr.over + sh.over;
    console.log(`\n${bad === 0 ? 'zero overbooking' : `OVERBOOKED: ${bad} activities`}; ratios burst ${(hb / rb).toFixed(2)}, sustained ${(hs / rs).toFixed(2)}`);
    if (bad) process.exitCode = 1;
  } finally {
    server.closeAllConnections();
    server.close();
    agent.destroy();
    await rawDb.close();
    await deps.database.close();
    await dropDatabase(URL_);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
