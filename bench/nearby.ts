/**
 * Benchmark of the 10-minute service circle (GET /api/v1/nearby).
 * Creates its own database (dropped at the end) with the seeded Xihu places plus 10,000
 * facilities and 20,000 spaces spread over a 20 km × 20 km square around Xihu, runs the real
 * server in-process on loopback, and prints throughput, latency, the EXPLAIN plan and the rows
 * the storage engine actually read per query (Handler_read_* deltas on a pinned connection).
 *
 *   npm run bench:nearby            (BENCH_REQUESTS=2000 BENCH_CONCURRENCY=16 by default)
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { between, sql } from 'drizzle-orm';
import { createApp } from '../server/src/app';
import { bootstrap } from '../server/src/bootstrap';
import { dropDatabase } from '../server/src/db/client';
import { explain, rowsExamined } from '../server/src/db/inspect';
import { complexes, facilities, spaces } from '../server/src/db/schema';
import { facilitiesWithin } from '../server/src/domain/nearby/circle';
import { boundingBox } from '../server/src/domain/places/geo';
import { SPACE_TYPES } from '../shared/constants';

const FACILITIES = 10_000;
const REQUESTS = Math.min(20_000, Number(process.env.BENCH_REQUESTS ?? 2000));
const CONCURRENCY = Math.min(64, Number(process.env.BENCH_CONCURRENCY ?? 16));
const AREA = { lat: 30.19, lng: 120.0, dLat: 0.18, dLng: 0.21 }; // ≈ 20 km × 20 km

// deterministic pseudo-random points, so runs are comparable
let seed = 42;
function rand() {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const point = () => ({ lat: AREA.lat + rand() * AREA.dLat, lng: AREA.lng + rand() * AREA.dLng });

async function main() {
  const base = process.env.BENCH_DATABASE_BASE ?? 'mysql://root@127.0.0.1:3306';
  const url = `${base}/xfh_bench_nearby_${Date.now().toString(36)}`;
  const deps = await bootstrap({ env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', NODE_ENV: 'development', SEED_DEMO: '0', DB_POOL_SIZE: '10' } });
  let server: http.Server | undefined;
  try {
    const db = deps.db;
    const t0 = Date.now();
    await db.insert(complexes).values({ streetId: 1, name: '压测用综合体', mode: 'pearl_chain', address: '压测', lat: AREA.lat, lng: AREA.lng });
    const [{ id: complexId }] = await db.select({ id: complexes.id }).from(complexes).where(sql`${complexes.name} = '压测用综合体'`);
    for (let k = 0; k < FACILITIES; k += 1000) {
      const rows = Array.from({ length: 1000 }, (_, i) => ({ complexId, name: `压测设施 ${k + i}`, address: '压测', ...point() }));
      await db.insert(facilities).values(rows);
    }
    const [{ minId }] = await db.select({ minId: sql<number>`MIN(${facilities.id})` }).from(facilities).where(sql`${facilities.complexId} = ${complexId}`);
    for (let k = 0; k < FACILITIES; k += 1000) {
      const rows = Array.from({ length: 1000 }, (_, i) => [0, 1].map((s) => ({ complexId, facilityId: Number(minId) + k + i, name: `压测空间 ${k + i}-${s}`, type: SPACE_TYPES[(k + i + s) % SPACE_TYPES.length] }))).flat();
      await db.insert(spaces).values(rows);
    }
    await db.execute(sql`ANALYZE TABLE facilities, spaces`);
    const [{ n }] = await db.select({ n: sql<number>`count(*)` }).from(facilities);
    console.log(`database ready: ${n} facilities (10,000 for the benchmark) and ${FACILITIES * 2} more spaces in ${Date.now() - t0} ms`);

    // the plan, and what a query really reads
    const sample = point();
    const plan = await explain(deps.database.pool, facilitiesWithin(db, sample.lat, sample.lng, 800, 50).toSQL());
    console.log('\nEXPLAIN of the facilities query (800 m around a random point):');
    console.table(plan.map((p) => ({ table: p.table, type: p.type, key: p.key, rows: p.rows, Extra: p.Extra })));
    let examined = 0;
    let returned = 0;
    let band = 0;
    const probes = 50;
    for (let i = 0; i < probes; i++) {
      const p = point();
      const r = await rowsExamined(deps.database.pool, facilitiesWithin(db, p.lat, p.lng, 800, 50).toSQL());
      examined += r.examined;
      returned += r.returned;
      const box = boundingBox(p.lat, p.lng, 800);
      const [{ c }] = await db.select({ c: sql<number>`count(*)` }).from(facilities).where(between(facilities.lat, box.minLat, box.maxLat));
      band += Number(c);
    }
    const mean = (x: number) => (x / probes).toFixed(1);
    console.log(`per query, mean of ${probes} random points (table: ${n} facilities):`);
    console.log(`  index entries in the latitude band the range scan walks: ${mean(band)}`);
    console.log(`  rows examined (Handler_read_* delta; the lng bound is checked inside the index first): ${mean(examined)}`);
    console.log(`  rows returned (within 800 m): ${mean(returned)}`);

    server = createApp(deps).listen(0, '127.0.0.1');
    await new Promise<void>((r) => server!.once('listening', () => r()));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const call = async () => {
      const p = point();
      const res = await fetch(`${origin}/api/v1/nearby?lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}&minutes=10`);
      const body = (await res.json()) as { facilities: unknown[]; spaces: unknown[] };
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      return body.facilities.length + body.spaces.length;
    };
    for (let i = 0; i < 50; i++) await call(); // warm-up

    const latencies: number[] = [];
    let items = 0;
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          next++;
          const s = performance.now();
          const got = await call(); // read-then-add after the await: `items += await` would lose updates
          items += got;
          latencies.push(performance.now() - s);
        }
      }),
    );
    const secs = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
    console.log(`\nGET /api/v1/nearby?minutes=10 — ${latencies.length} requests, concurrency ${CONCURRENCY}, full HTTP stack on loopback`);
    console.log(`  ${(latencies.length / secs).toFixed(0)} req/s; latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms`);
    console.log(`  facilities + spaces per response: ${(items / latencies.length).toFixed(1)}`);
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
    }
    await deps.database.close();
    await dropDatabase(url);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
