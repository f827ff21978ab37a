/**
 * Lists stay flat as data grows: the first and the 100th page of the main lists (activities,
 * my bookings, public opinions) at demo size and after bulk-filling 1,000,000 activities,
 * 1,000,000 bookings and 100,000 opinions (INSERT … SELECT from MariaDB's sequence engine), in a
 * database of its own (dropped at the end). Times are of the full HTTP request to the real server
 * in this process, the median of BENCH_SAMPLES sequential requests. Target: within 1.5× of the
 * first page at demo size. The 100th page is reached by following nextCursor (keyset pages).
 *
 *   npm run bench:largelists     (also run at the end of npm run bench:reads)
 *   BENCH_LARGE_SCALE=0.1        a tenth of the rows, for a quick look
 */
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import pino from 'pino';
import { createApp } from '../server/src/app';
import { bootstrap } from '../server/src/bootstrap';
import { dropDatabase } from '../server/src/db/client';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 15);
const SCALE = Number(process.env.BENCH_LARGE_SCALE ?? 1);
const ACTIVITIES = Math.round(1_000_000 * SCALE);
const BOOKINGS = Math.round(1_000_000 * SCALE);
const OPINIONS = Math.round(100_000 * SCALE);
const USERS = 10_000;
/** bookings of the signed-in resident: enough for 100 pages of 20 and more */
const MINE = 5_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runLargeLists(): Promise<void> {
  const base = process.env.BENCH_DATABASE_BASE ?? 'mysql://root@127.0.0.1:3306';
  const dbName = `xfh_bench_large_${Date.now().toString(36)}`;
  const url = `${base}/${dbName}`;
  console.log(`\nlarge lists — database ${dbName}: ${ACTIVITIES} activities, ${BOOKINGS} bookings, ${OPINIONS} opinions; median of ${SAMPLES} requests`);
  const deps = await bootstrap({
    env: {
      ...process.env,
      DATABASE_URL: url,
      NODE_ENV: 'development',
      DEV_LOGIN: '1',
      AUTH_RATE_LIMIT: '0',
      LOG_LEVEL: 'info',
      SEED_DEMO: '1',
      DB_POOL_SIZE: '10',
      MQTT_PORT: '0',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      PII_KEY: 'bench-pii-key-0123456789',
    },
    logDestination: pino.destination({ dest: '/dev/null', sync: false }),
  });
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const conn = await deps.database.connectDirect();
  try {
    const get = async (path: string, token: string) => {
      const res = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { items: unknown[]; nextCursor: string | null };
    };
    const login = await fetch(`${origin}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '16900000001' }) });
    const { accessToken: token, user } = (await login.json()) as { accessToken: string; user: { id: number } };
    const q = async <T = mysql.RowDataPacket[]>(sql: string, values: unknown[] = []) => (await conn.query(sql, values))[0] as T;
    const [{ lo, hi, n }] = await q<Array<{ lo: number; hi: number; n: number }>>('SELECT MIN(id) lo, MAX(id) hi, COUNT(*) n FROM complexes');
    if (hi - lo + 1 !== Number(n)) throw new Error('complex ids are not contiguous');
    const [{ worker }] = await q<Array<{ worker: number }>>("SELECT MIN(id) worker FROM users WHERE role = 'worker'");
    // the resident's own bookings at demo size: a full first page
    const now = new Date();
    const [{ a0 }] = await q<Array<{ a0: number }>>('SELECT COALESCE(MAX(id), 0) + 1 a0 FROM activities');
    const fillActivities = async (from: number, count: number) => {
      // 1 in 10 published and still to come (over the next ~100 days), the rest finished in the past
      await q(
        `INSERT INTO activities (complex_id, created_by, title, start_at, end_at, capacity, status, settled_at)
         SELECT ? + seq % ?, ?, CONCAT('压测活动 ', seq),
           IF(seq % 10 = 0, ? + INTERVAL seq SECOND, ? - INTERVAL seq * 3 SECOND),
           IF(seq % 10 = 0, ? + INTERVAL seq SECOND, ? - INTERVAL seq * 3 SECOND) + INTERVAL 2 HOUR,
           30, IF(seq % 10 = 0, 'published', 'finished'), IF(seq % 10 = 0, NULL, ?)
         FROM seq_${from}_to_${from + count - 1}`,
        [lo, n, worker, now, now, now, now, now],
      );
    };
    const fillBookings = async (userIdOf: string, from: number, count: number) => {
      await q(
        `INSERT INTO bookings (activity_id, user_id, status, active_flag, ends_at)
         SELECT ? + seq - 1, ${userIdOf}, ELT(1 + seq % 3, 'checked_in', 'no_show', 'cancelled'), NULL, ? - INTERVAL seq * 3 SECOND
         FROM seq_${from}_to_${from + count - 1}`,
        [a0, now],
      );
    };
    await q('SET foreign_key_checks = 0, unique_checks = 0');
    await fillActivities(1, 100);
    await fillBookings(String(user.id), 1, 40);
    await q('SET foreign_key_checks = 1, unique_checks = 1');

    const lists = [
      { label: 'GET /activities?limit=20', path: '/api/v1/activities?limit=20' },
      { label: 'GET /me/bookings?limit=20', path: '/api/v1/me/bookings?limit=20' },
      { label: 'GET /opinions?limit=20', path: '/api/v1/opinions?limit=20' },
    ];
    // a page slower than SLOW_MS is timed once (a list without its index takes seconds per page)
    const SLOW_MS = 2000;
    const time = async (path: string) => {
      const t = performance.now();
      await get(path, token);
      if (performance.now() - t > SLOW_MS) return performance.now() - t;
      for (let i = 0; i < 2; i++) await get(path, token); // warm
      const ms: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        await get(path, token);
        ms.push(performance.now() - t0);
      }
      return median(ms);
    };
    const pageAt = async (path: string, page: number) => {
      let p = path;
      for (let i = 1; i < page; i++) {
        const r = await get(p, token);
        if (!r.nextCursor) return null;
        p = `${path}&cursor=${encodeURIComponent(r.nextCursor)}`;
      }
      return p;
    };
    const demo = new Map<string, number>();
    for (const l of lists) demo.set(l.path, await time(l.path));

    const t0 = Date.now();
    await q('SET foreign_key_checks = 0, unique_checks = 0');
    await q(`INSERT INTO users (role, nickname) SELECT 'resident', CONCAT('压测', seq) FROM seq_1_to_${USERS}`);
    const [{ u0 }] = await q<Array<{ u0: number }>>("SELECT MIN(id) u0 FROM users WHERE nickname LIKE '压测%'");
    for (let k = 0; k < ACTIVITIES - 100; k += 200_000) await fillActivities(101 + k, Math.min(200_000, ACTIVITIES - 100 - k));
    await fillBookings(String(user.id), 41, MINE - 40);
    for (let k = MINE; k < BOOKINGS; k += 200_000) await fillBookings(`${u0} + seq % ${USERS}`, k + 1, Math.min(200_000, BOOKINGS - k));
    await q(
      `INSERT INTO opinions (user_id, complex_id, category, title, content, visibility, status, submitted_at)
       SELECT ? + seq % ?, ? + seq % ?, '环境卫生', CONCAT('压测意见 ', seq), '楼道灯坏了，请尽快修理。',
         IF(seq % 10 = 0, 'private', 'public'), ELT(1 + seq % 5, 'submitted', 'accepted', 'replied', 'closed', 'pending_review'), ? - INTERVAL seq MINUTE
       FROM seq_1_to_${OPINIONS}`,
      [u0, USERS, lo, n, now],
    );
    await q('SET foreign_key_checks = 1, unique_checks = 1');
    await q('ANALYZE TABLE activities, bookings, opinions, users');
    const [[counts]] = (await conn.query('SELECT (SELECT COUNT(*) FROM activities) a, (SELECT COUNT(*) FROM bookings) b, (SELECT COUNT(*) FROM opinions) o')) as unknown as [[{ a: number; b: number; o: number }]];
    console.log(`  filled in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${counts.a} activities, ${counts.b} bookings, ${counts.o} opinions`);

    let worst = 0;
    for (const l of lists) {
      const d = demo.get(l.path)!;
      const first = await time(l.path);
      const p100 = first > SLOW_MS ? null : await pageAt(l.path, 100);
      const hundredth = p100 ? await time(p100) : NaN;
      worst = Math.max(worst, first / d, hundredth / d);
      console.log(
        `  ${l.label.padEnd(28)} demo p1 ${d.toFixed(1).padStart(6)} ms | large p1 ${first.toFixed(1).padStart(6)} ms (${(first / d).toFixed(2)}×) | large p100 ${hundredth.toFixed(1).padStart(6)} ms (${(hundredth / d).toFixed(2)}×)`,
      );
    }
    console.log(`\nworst large ÷ demo ${worst.toFixed(2)} (target ≤ 1.50): ${worst <= 1.5 ? 'met' : 'NOT met'}`);
  } finally {
    await conn.end();
    server.closeAllConnections();
    server.close();
    await deps.database.close();
    deps.redis?.disconnect();
    if (process.env.BENCH_KEEP === '1') console.log(`kept ${dbName}`);
    else await dropDatabase(url);
  }
}

if (require.main === module) {
  runLargeLists().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
