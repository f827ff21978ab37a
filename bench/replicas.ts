/**
 * Replicas benchmark: the booking path through nginx with one upstream and with two, every
 * replica a real `server/src/main.ts` process on one database and Redis (REDIS_URL, default
 * 127.0.0.1:6379) — and one replica without Redis, to show what the shared session check costs.
 *   burst:     500 users at once for 50 seats
 *   sustained: 2,000 bookings at concurrency 100 over 40 activities (50 seats each)
 * Prints req/s, p50 and p99 per run and checks counters = rows (nothing overbooked).
 * Creates its own database and drops it. Usage: npx tsx bench/replicas.ts
 */
import os from 'node:os';
import Redis from 'ioredis';
import { dropDatabase, ensureDatabase } from '../server/src/db/client';
import {
  call,
  destroyAgent,
  makeActivity,
  mintResidents,
  pct,
  seatsOf,
  startNginx,
  startReplica,
  type Replica,
} from '../server/test/support/cluster';

const BASE = process.env.BENCH_DATABASE_BASE ?? 'mysql://root@127.0.0.1:3306';
const URL_ = `${BASE}/xfh_bench_repl_${Date.now().toString(36)}`;
const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const JWT = 'bench-secret-bench-secret-bench-secret-0123';
const BURST_USERS = 500;
const BURST_SEATS = 50;
const SUSTAINED = 2000;
const CONCURRENCY = 100;
const ACTIVITIES = 40;
const PER_USER = 5; // = MAX_ACTIVE_BOOKINGS

async function run(port: number, jobs: Array<{ activity: number; token: string }>, concurrency: number) {
  const lat: number[] = [];
  const outcomes = new Map<string, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const j = jobs[next++];
        const s = performance.now();
        const r = await call(port, 'POST', `/api/v1/activities/${j.activity}/bookings`, { token: j.token });
        lat.push(performance.now() - s);
        const k = r.status === 201 ? r.body.status : `${r.status}:${r.body?.error?.code ?? '?'}`;
        outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
      }
    }),
  );
  const ms = performance.now() - t0;
  return { rps: (jobs.length / ms) * 1000, p50: pct(lat, 50), p99: pct(lat, 99), outcomes };
}

function line(label: string, r: Awaited<ReturnType<typeof run>>) {
  const o = [...r.outcomes.entries()].map(([k, v]) => `${k}=${v}`).join(' ');
  console.log(`  ${label.padEnd(38)} ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(0).padStart(5)} ms  p99 ${r.p99.toFixed(0).padStart(5)} ms  ${o}`);
}

async function measure(label: string, upstreams: Replica[]) {
  const lb = await startNginx(upstreams.map((r) => r.port));
  try {
    const users = await mintResidents(URL_, JWT, BURST_USERS + SUSTAINED / PER_USER + 100);
    // warm: JIT, pool connections, nginx keep-alive
    const warm = await makeActivity(URL_, 100, 'warm');
    await run(lb.port, users.slice(-100).map((u) => ({ activity: warm, token: u.token })), 50);
    for (let i = 0; i < BURST_USERS + SUSTAINED / PER_USER; i += 100) {
      await Promise.all(users.slice(i, i + 100).map((u) => call(lb.port, 'GET', `/api/v1/activities/${warm}`, { token: u.token })));
    }
    const burst = await makeActivity(URL_, BURST_SEATS, 'burst');
    const b = await run(lb.port, users.slice(0, BURST_USERS).map((u) => ({ activity: burst, token: u.token })), BURST_USERS);
    line(`${label}: burst ${BURST_USERS}→${BURST_SEATS}`, b);
    const acts: number[] = [];
    for (let i = 0; i < ACTIVITIES; i++) acts.push(await makeActivity(URL_, SUSTAINED / ACTIVITIES, `sus ${i}`));
    const plan = Array.from({ length: SUSTAINED }, (_, i) => ({
      activity: acts[(Math.floor(i / PER_USER) * PER_USER + (i % PER_USER)) % ACTIVITIES],
      token: users[BURST_USERS + Math.floor(i / PER_USER)].token,
    }));
    const s = await run(lb.port, plan, CONCURRENCY);
    line(`${label}: sustained ${SUSTAINED} @${CONCURRENCY}`, s);
    let bad = 0;
    for (const id of [burst, ...acts]) {
      const seats = await seatsOf(URL_, id);
      if (seats.counter !== seats.rows) bad++;
    }
    const burstSeats = await seatsOf(URL_, burst);
    if (burstSeats.rows !== BURST_SEATS) bad++;
    console.log(`  ${''.padEnd(38)} burst seats ${burstSeats.rows}/${BURST_SEATS}; activities with counter ≠ rows: ${bad}`);
    if (bad) process.exitCode = 1;
  } finally {
    await lb.stop();
  }
}

/** What the per-request revocation check costs by itself: one EXISTS round trip. */
async function redisCheckCost() {
  const redis = new Redis(REDIS);
  try {
    const lat: number[] = [];
    for (let i = 0; i < 200; i++) await redis.exists(`xfh:bench:revoked:${i}`); // warm
    for (let i = 0; i < 2000; i++) {
      const s = performance.now();
      await redis.exists(`xfh:bench:revoked:${i}`);
      lat.push(performance.now() - s);
    }
    console.log(`session check on Redis (EXISTS, sequential): p50 ${pct(lat, 50).toFixed(3)} ms  p99 ${pct(lat, 99).toFixed(3)} ms`);
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const cpus = os.cpus().length;
  console.log(`replicas benchmark — node ${process.version}, ${cpus} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await ensureDatabase(URL_);
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: URL_,
    JWT_SECRET: JWT,
    PII_KEY: 'bench-pii-key-0123456789',
    AUTH_RATE_LIMIT: '0',
    SEED_DEMO: '0',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: '1',
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10',
    MAX_ACTIVE_BOOKINGS: String(PER_USER),
  };
  const replicas: Replica[] = [];
  try {
    const a = await startReplica('a', { ...env, REDIS_URL: REDIS });
    replicas.push(a);
    const b = await startReplica('b', { ...env, REDIS_URL: REDIS });
    replicas.push(b);
    console.log('through nginx, booking (POST /api/v1/activities/:id/bookings):');
    await measure('1 replica  (Redis)', [a]);
    await measure('2 replicas (Redis)', [a, b]);
    await b.stop();
    const c = await startReplica('c', env);
    replicas.push(c);
    await measure('1 replica  (no Redis)', [c]);
    await redisCheckCost();
  } finally {
    destroyAgent();
    await Promise.all(replicas.map((r) => r.stop()));
    await dropDatabase(URL_);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
