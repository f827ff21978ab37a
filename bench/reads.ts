/**
 * Read benchmark: the real server (full HTTP stack) against bare Koa + mysql2 running the same SQL,
 * in one run on one fresh database with the demo data. For each endpoint the SQL the server runs
 * on a cold request (reference caches empty, the session already checked) is recorded from its
 * pool; the bare server replays exactly those statements, with the same bound values, on a plain
 * mysql2 pool of the same size and answers what they read as JSON (every statement's rows; until
 * 2026-12-02 only the last statement's, which for /opinions was the co-sign lookup's few ids
 * against our 20 items: the bare side serialised and wrote a fraction of the answer). autocannon (c = 50) runs in a
 * worker thread, so the servers' event loop (this process's main thread) only does server work.
 * Prints req/s, p50 and p99 of both and the ratio server ÷ bare. Target: every ratio ≥ 0.5.
 * Then runs the large-list benchmark (bench/largelists.ts) unless BENCH_SKIP_LARGE=1.
 *
 *   npm run bench:reads            BENCH_SECONDS=3 BENCH_ROUNDS=3 (alternating slices per side and endpoint)  BENCH_ONLY=me,activities
 *   BENCH_PROFILE=/tmp/dir         CPU profiles of both servers during each endpoint's run, and each side's CPU time per request
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { profiled } from './profile';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import Koa from 'koa';
import mysql from 'mysql2/promise';
import pino from 'pino';
import { createApp } from '../server/src/app';
import { bootstrap } from '../server/src/bootstrap';
import { dropDatabase } from '../server/src/db/client';
import { runLargeLists } from './largelists';

const BASE = process.env.BENCH_DATABASE_BASE ?? 'mysql://root@127.0.0.1:3306';
const DB_NAME = `xfh_bench_reads_${Date.now().toString(36)}`;
const URL_ = `${BASE}/${DB_NAME}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;
const POOL = 10;

interface Result {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
/** mean req/s over the slices; the median slice's p50 and p99 */
const combine = (rs: Result[]): Result => ({
  rps: rs.reduce((s, r) => s + r.rps, 0) / rs.length,
  p50: median(rs.map((r) => r.p50)),
  p99: median(rs.map((r) => r.p99)),
  non2xx: rs.reduce((s, r) => s + r.non2xx, 0),
  errors: rs.reduce((s, r) => s + r.errors, 0),
});

const LOADGEN = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannon);
// inside a worker thread autocannon hands back the raw histograms: aggregate them as its main thread would
const aggregate = require(require('node:path').join(require('node:path').dirname(workerData.autocannon), 'lib/aggregateResult.js'));
const opts = { url: workerData.url, connections: workerData.connections, duration: workerData.seconds, headers: workerData.headers };
autocannon(opts, (err, raw) => {
  if (err) throw err;
  const r = aggregate(raw, opts);
  parentPort.postMessage({ rps: raw.totalCompletedRequests / raw.duration, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts });
});
`;

function load(url: string, headers: Record<string, string>, seconds: number): Promise<Result> {
  const w = new Worker(LOADGEN, {
    eval: true,
    workerData: { autocannon: require.resolve('autocannon'), url, headers, seconds, connections: CONNECTIONS },
  });
  return new Promise<Result>((resolve, reject) => {
    w.once('message', (m) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
  });
}


type Recorded = { method: 'query' | 'execute'; args: unknown[] };

const listen = (server: http.Server) =>
  new Promise<number>((r) => server.once('listening', () => r((server.address() as AddressInfo).port)));

async function main() {
  console.log(`reads benchmark — database ${DB_NAME}, node ${process.version}, autocannon c=${CONNECTIONS}, ${ROUNDS} × ${SECONDS} s per side`);
  const env = {
    ...process.env,
    DATABASE_URL: URL_,
    NODE_ENV: 'development',
    DEV_LOGIN: '1',
    AUTH_RATE_LIMIT: '0',
    // the production level: one JSON line per request, written (to /dev/null) as in production
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    SEED_DEMO: '1',
    DB_POOL_SIZE: String(POOL),
    MQTT_PORT: '0',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    PII_KEY: 'bench-pii-key-0123456789',
  };
  const deps = await bootstrap({ env, logDestination: pino.destination({ dest: '/dev/null', sync: false }) });
  // Record the statements the server's pool runs on behalf of the recorded request (an async
  // context around the request), not those of background jobs running meanwhile.
  const recordingOf = new AsyncLocalStorage<Recorded[]>();
  let recording: Recorded[] | null = null;
  const handler = createApp(deps).callback();
  const app = http.createServer((req, res) => (recording ? recordingOf.run(recording, () => handler(req, res)) : handler(req, res)));
  app.listen(0, '127.0.0.1');
  const appPort = await listen(app);
  const pool = deps.database.pool as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const m of ['query', 'execute'] as const) {
    const orig = pool[m];
    pool[m] = (...args: unknown[]) => {
      // only inside the probe window and only the probe's own context: an async resource made
      // during a probe (a pooled connection, a timer) keeps its store, and must not keep adding
      // statements to an endpoint's recording while it is under load
      const store = recordingOf.getStore();
      if (store && store === recording) store.push({ method: m, args });
      return orig.apply(deps.database.pool, args);
    };
  }
  const rawGet = deps.database.pool.getConnection.bind(deps.database.pool);
  (pool as Record<string, unknown>).getConnection = async () => {
    const conn = await rawGet();
    if (recordingOf.getStore()) throw new Error('an endpoint under test took a pooled connection (a transaction?): not supported by the recorder');
    return conn;
  };

  const bare = mysql.createPool({
    host: '127.0.0.1',
    port: Number(new URL(URL_).port || 3306),
    user: 'root',
    database: DB_NAME,
    connectionLimit: POOL,
    timezone: 'Z',
    supportBigNumbers: true,
    charset: 'utf8mb4',
  });
  bare.on('connection', (c) => void c.query("SET time_zone = '+00:00'"));
  const routes = new Map<string, Recorded[]>();
  const koa = new Koa();
  koa.use(async (ctx) => {
    const stmts = routes.get(ctx.path);
    if (!stmts) {
      ctx.status = 404;
      return;
    }
    const results: unknown[] = [];
    for (const s of stmts) results.push((await (bare[s.method] as unknown as (...a: unknown[]) => Promise<[unknown]>)(...s.args))[0]);
    ctx.body = { results };
  });
  const bareServer = koa.listen(0, '127.0.0.1');
  const barePort = await listen(bareServer);

  try {
    const api = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`http://127.0.0.1:${appPort}${path}`, init);
      return { status: res.status, body: (await res.json()) as any };
    };
    const login = await api('/api/v1/auth/dev', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13900000004' }) });
    const token: string = login.body.accessToken;
    const auth = { authorization: `Bearer ${token}` };
    const [[c1]] = await bare.query<mysql.RowDataPacket[]>('SELECT lat, lng FROM complexes WHERE id = 1');
    const lat = Number(c1.lat).toFixed(5);
    const lng = Number(c1.lng).toFixed(5);
    const endpoints: Array<{ key: string; label: string; path: string; headers: Record<string, string> }> = [
      { key: 'activities', label: 'GET /activities?limit=20', path: '/api/v1/activities?limit=20', headers: auth },
      { key: 'me', label: 'GET /me', path: '/api/v1/me', headers: auth },
      { key: 'complexes', label: 'GET /complexes?lat&lng', path: `/api/v1/complexes?lat=${lat}&lng=${lng}`, headers: {} },
      { key: 'complex', label: 'GET /complexes/1', path: '/api/v1/complexes/1', headers: {} },
      { key: 'nearby', label: 'GET /nearby?lat&lng', path: `/api/v1/nearby?lat=${lat}&lng=${lng}&minutes=10`, headers: {} },
      { key: 'opinions', label: 'GET /opinions?limit=20', path: '/api/v1/opinions?limit=20', headers: auth },
    ];
    const only = process.env.BENCH_ONLY?.split(',');
    const lines: string[] = [];
    const ratios: number[] = [];
    for (const e of endpoints) {
      if (only && !only.includes(e.key)) continue;
      // the session is checked (and cached for 10 s) just before recording: its statement is not
      // part of the endpoint (the server runs it once per 10 s per session, not per request)
      if (e.headers.authorization) await api('/api/v1/me', { headers: auth });
      recording = [];
      const probe = await api(e.path, { headers: e.headers });
      const stmts = [...recording];
      recording = null;
      recordingOf.disable(); // no async-context tracking (promise hooks) while under load
      if (probe.status !== 200) throw new Error(`${e.path} answered ${probe.status}: ${JSON.stringify(probe.body)}`);
      if (process.env.BENCH_SHOW_SQL) for (const st of stmts) console.log('   ', JSON.stringify(st.args).slice(0, 400));
      if (!stmts.length) throw new Error(`${e.path} ran no SQL on a cold request`);
      const barePath = `/${e.key}`;
      routes.set(barePath, stmts);
      const bareUrl = `http://127.0.0.1:${barePort}${barePath}`;
      const appUrl = `http://127.0.0.1:${appPort}${e.path}`;
      const bytes = { bare: (await (await fetch(bareUrl, { headers: e.headers })).arrayBuffer()).byteLength };
      await load(bareUrl, e.headers, 1); // warm both (JIT, pool connections)
      await load(appUrl, e.headers, 1);
      // alternate the two sides in ROUNDS slices, so a burst of outside load hits both alike
      const bs: Result[] = [];
      const as: Result[] = [];
      const cpu = { bare: 0, app: 0 };
      for (let r = 0; r < ROUNDS; r++) {
        bs.push(await profiled(`bare-${e.key}-${r}`, () => load(bareUrl, e.headers, SECONDS), (ms) => (cpu.bare += ms)));
        as.push(await profiled(`reads-${e.key}-${r}`, () => load(appUrl, e.headers, SECONDS), (ms) => (cpu.app += ms)));
      }
      const b = combine(bs);
      const a = combine(as);
      const ratio = a.rps / b.rps;
      ratios.push(ratio);
      const fmt = (r: Result) =>
        `${r.rps.toFixed(0).padStart(6)} req/s p50 ${String(r.p50).padStart(3)} ms p99 ${String(r.p99).padStart(4)} ms${r.non2xx || r.errors ? ` (non-2xx ${r.non2xx}, errors ${r.errors})` : ''}`;
      const line = `  ${e.label.padEnd(26)} ${String(stmts.length).padStart(2)} SQL | bare ${fmt(b)} | 幸福荟 ${fmt(a)} | ratio ${ratio.toFixed(2)}`;
      lines.push(line);
      console.log(line);
      // CPU per request from the profiles: less noisy than req/s on a shared machine
      const perReq = (ms: number, rs: Result[]) => (ms / rs.reduce((n, x) => n + x.rps * SECONDS, 0)).toFixed(3);
      console.log(`  ${''.padEnd(26)}    answer: bare ${bytes.bare} B | 幸福荟 ${Buffer.byteLength(JSON.stringify(probe.body))} B`);
      if (process.env.BENCH_PROFILE) console.log(`  ${''.padEnd(26)}    cpu/request: bare ${perReq(cpu.bare, bs)} ms | 幸福荟 ${perReq(cpu.app, as)} ms`);
      if (a.non2xx || a.errors || b.non2xx || b.errors) process.exitCode = 1;
    }
    const worst = Math.min(...ratios);
    console.log(`\nworst ratio ${worst.toFixed(2)} (target ≥ 0.50): ${worst >= 0.5 ? 'met' : 'NOT met'}`);
  } finally {
    app.closeAllConnections();
    app.close();
    bareServer.closeAllConnections();
    bareServer.close();
    await bare.end();
    await deps.database.close();
    deps.redis?.disconnect();
    await dropDatabase(URL_);
  }
  if (process.env.BENCH_SKIP_LARGE !== '1') await runLargeLists();
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
