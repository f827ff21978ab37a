/**
 * npm run bench:dashboard — GET /api/v1/dashboard per scope through HTTP, against the same figures
 * computed by direct aggregate queries over the raw tables, on a year of generated data.
 *
 * - Own database (xfh_bench_dash_*), created, migrated and seeded here (no demo data), dropped at the end.
 * - Generated with INSERT … SELECT over MariaDB's sequence engine (seq_1_to_N): BENCH_BOOKINGS
 *   (default 1,000,000) activity bookings, BENCH_OPINIONS (100,000) opinions and BENCH_LEDGER
 *   (300,000) points entries over 12 complexes and the 365 days up to today, plus volunteer
 *   hours, ratings, care requests and branch sessions.
 * - The roll-up is built by the same refresh job the server runs (a full rebuild: first run).
 * - Then BENCH_REQUESTS (default 60) sequential requests per scope (district, a street, a complex;
 *   the default period, the last 30 days) after a warm-up; p50/p95 printed beside the time of
 *   the direct aggregates, and whether counts and indicators agree.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { createApp } from '../server/src/app';
import { bootstrap } from '../server/src/bootstrap';
import { dropDatabase } from '../server/src/db/client';
import { countsOf, indicatorsOf } from '../server/src/domain/dashboard/figures';
import { directFigures, setDashboardCacheMs } from '../server/src/domain/dashboard/queries';
import { GENERIC_TERMS } from '../server/src/domain/dashboard/hotTopics';
import { refreshDashboard } from '../server/src/domain/dashboard/refresh';
import { termsOf } from '../server/src/domain/opinions/hotTopics';
import { addDays, shanghaiDay } from '../server/src/domain/time/shanghai';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1_000_000);
const OPINIONS = Number(process.env.BENCH_OPINIONS ?? 100_000);
const LEDGER = Number(process.env.BENCH_LEDGER ?? 300_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);
const BASE = process.env.BENCH_DATABASE_BASE ?? 'mysql://root@127.0.0.1:3306';
const COMPLEXES = 12;
const DAYS = 365;
const RESIDENTS = 20_000;
const PER_ACTIVITY = 40;

const TEXTS = [
  ['路灯坏了', '小区北门路灯坏了，晚上出行很不方便'],
  ['停车难', '晚上停车位不够，电动车乱停乱放'],
  ['老年食堂', '希望老年食堂增加晚餐和送餐服务'],
  ['电梯加装', '老旧小区加装电梯进度太慢'],
  ['垃圾分类', '垃圾分类投放点气味大，需要清洗'],
  ['健身器材', '广场健身器材损坏，存在安全隐患'],
  ['噪音扰民', '广场舞音响太响，晚上噪音扰民'],
  ['快递柜', '快递柜太少，老人取件困难'],
  ['绿化养护', '绿化带杂草多，需要修剪养护'],
  ['助浴服务', '希望增加上门助浴服务次数'],
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const reuse = process.env.BENCH_DATABASE; // an existing bench database (BENCH_KEEP_DB=1 earlier): skip generation
  const dbName = reuse ?? `xfh_bench_dash_${Date.now().toString(36)}`;
  const url = `${BASE}/${dbName}`;
  const deps = await bootstrap({
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: url,
      DEV_LOGIN: '1',
      AUTH_RATE_LIMIT: '0',
      LOG_LEVEL: 'silent',
      SEED_DEMO: '0',
      JWT_SECRET: randomBytes(32).toString('hex'),
      PII_KEY: 'bench-pii-key-0123456789',
    },
  });
  const db = deps.db;
  const x = (q: ReturnType<typeof sql>) => db.execute(q);
  const server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let failed = false;
  try {
    const now = new Date();
    const today = shanghaiDay(now);
    const first = addDays(today, -(DAYS - 1));
    const start = new Date(`${first}T00:00:00+08:00`);
    if (!reuse) await generate();
    async function generate() {
    const t0 = performance.now();
    await x(sql`SET SESSION foreign_key_checks = 0, unique_checks = 0`);
    const [[{ u0 }]] = (await x(sql`SELECT COALESCE(MAX(id), 0) u0 FROM users`)) as any;
    await x(sql.raw(`INSERT INTO users (role, nickname) SELECT 'resident', CONCAT('压测居民', seq) FROM seq_1_to_${RESIDENTS}`));
    const [[{ a0 }]] = (await x(sql`SELECT COALESCE(MAX(id), 0) a0 FROM activities`)) as any;
    const activitiesN = Math.ceil(BOOKINGS / PER_ACTIVITY);
    // activity i: complex 1 + i % 12, day (i / 12) % 365, every 10th a branch offering
    await x(
      sql.raw(`INSERT INTO activities (complex_id, created_by, title, start_at, end_at, capacity, booked_count, organizer_branch_id, status)
        SELECT 1 + seq % ${COMPLEXES}, 1, CONCAT('压测活动', seq),
          TIMESTAMPADD(MINUTE, (FLOOR(seq / ${COMPLEXES}) % ${DAYS}) * 1440 + 600 + (seq % 7) * 60, '${start.toISOString().slice(0, 19)}'),
          TIMESTAMPADD(MINUTE, (FLOOR(seq / ${COMPLEXES}) % ${DAYS}) * 1440 + 690 + (seq % 7) * 60, '${start.toISOString().slice(0, 19)}'),
          ${PER_ACTIVITY + 10}, ${PER_ACTIVITY}, IF(seq % 10 = 0, 1, NULL), 'published'
        FROM seq_0_to_${activitiesN - 1}`),
    );
    // bookings: PER_ACTIVITY distinct residents per activity; 70 % checked in, 20 % no-show, 10 % booked
    await x(
      sql.raw(`INSERT INTO bookings (activity_id, user_id, status, active_flag, ends_at, checked_in_at)
        SELECT ${a0} + 1 + FLOOR(s.seq / ${PER_ACTIVITY}), ${u0} + 1 + (FLOOR(s.seq / ${PER_ACTIVITY}) * 37 + s.seq % ${PER_ACTIVITY}) % ${RESIDENTS},
          ELT(1 + (s.seq * 7) % 10, 'checked_in','checked_in','checked_in','checked_in','checked_in','checked_in','checked_in','no_show','no_show','booked'),
          1, a.end_at, IF((s.seq * 7) % 10 < 7, a.start_at, NULL)
        FROM seq_0_to_${BOOKINGS - 1} s JOIN activities a ON a.id = ${a0} + 1 + FLOOR(s.seq / ${PER_ACTIVITY})`),
    );
    const tBookings = performance.now();
    await x(
      sql.raw(`INSERT INTO offering_records (activity_id, branch_id, people_served, recorded_by)
        SELECT id, 1, 30, 1 FROM activities WHERE organizer_branch_id = 1 AND id > ${a0} AND start_at < UTC_TIMESTAMP() AND id % 20 = 0`),
    );
    // volunteer posts (2 per complex per day) with 3 approved signups each
    const postsN = COMPLEXES * DAYS * 2;
    const [[{ p0 }]] = (await x(sql`SELECT COALESCE(MAX(id), 0) p0 FROM volunteer_posts`)) as any;
    await x(
      sql.raw(`INSERT INTO volunteer_posts (complex_id, created_by, title, start_at, end_at, positions, skills)
        SELECT 1 + seq % ${COMPLEXES}, 1, CONCAT('压测岗位', seq), TIMESTAMPADD(MINUTE, (FLOOR(seq / ${COMPLEXES * 2}) % ${DAYS}) * 1440 + 540, '${start.toISOString().slice(0, 19)}'),
          TIMESTAMPADD(MINUTE, (FLOOR(seq / ${COMPLEXES * 2}) % ${DAYS}) * 1440 + 720, '${start.toISOString().slice(0, 19)}'), 5, '[]'
        FROM seq_0_to_${postsN - 1}`),
    );
    await x(
      sql.raw(`INSERT INTO volunteer_signups (post_id, user_id, status, present_minutes, approved_minutes, approved_at)
        SELECT ${p0} + 1 + FLOOR(seq / 3), ${u0} + 1 + (seq * 13) % ${RESIDENTS}, 'approved', 180, 60 + (seq % 4) * 30, UTC_TIMESTAMP()
        FROM seq_0_to_${postsN * 3 - 1}`),
    );
    // opinions: spread over the year; deadlines as the workflow keeps them; 10 texts
    const [[{ o0 }]] = (await x(sql`SELECT COALESCE(MAX(id), 0) o0 FROM opinions`)) as any;
    const secs = DAYS * 86400;
    const titleCase = TEXTS.map(([t], i) => `WHEN ${i} THEN '${t}'`).join(' ');
    const bodyCase = TEXTS.map(([, b], i) => `WHEN ${i} THEN '${b}'`).join(' ');
    await x(
      sql.raw(`INSERT INTO opinions (user_id, complex_id, category, title, content, visibility, status, submitted_at, accept_due_at, accepted_at, reply_due_at, replied_at, closed_at, rating, cosign_count)
        SELECT u, c, '其他', CASE k ${titleCase} END, CASE k ${bodyCase} END, IF(seq % 4 = 0, 'private', 'public'),
          st, sub, TIMESTAMPADD(HOUR, 48, sub),
          IF(st IN ('accepted','replied','closed'), TIMESTAMPADD(MINUTE, 60 + (seq * 53) % 4000, sub), NULL),
          IF(st IN ('accepted','replied','closed'), TIMESTAMPADD(DAY, 15, TIMESTAMPADD(MINUTE, 60 + (seq * 53) % 4000, sub)), NULL),
          IF(st IN ('replied','closed'), TIMESTAMPADD(HOUR, 24 * (1 + seq % 20), sub), NULL),
          CASE WHEN st = 'closed' THEN TIMESTAMPADD(HOUR, 24 * (2 + seq % 20), sub) WHEN st = 'rejected' THEN TIMESTAMPADD(HOUR, 5, sub) END,
          IF(st = 'closed', ELT(1 + seq % 3, 'satisfied', 'basically_satisfied', 'unsatisfied'), NULL),
          seq % 5
        FROM (SELECT seq, ${u0} + 1 + (seq * 17) % ${RESIDENTS} u, 1 + seq % ${COMPLEXES} c, (seq * 3) % ${TEXTS.length} k,
                TIMESTAMPADD(SECOND, FLOOR(seq * ${secs} / ${OPINIONS}), '${start.toISOString().slice(0, 19)}') sub,
                ELT(1 + (seq * 11) % 10, 'submitted','accepted','accepted','replied','replied','closed','closed','closed','rejected','in_progress') st
              FROM seq_0_to_${OPINIONS - 1}) g
        WHERE sub < UTC_TIMESTAMP()`),
    );
    // terms: segmented once per text here (the job would do it per opinion, off the request path)
    const termCase = TEXTS.map(([t, b], i) => `WHEN ${i} THEN '${JSON.stringify([...termsOf(`${t}\n${b}`)].filter((w) => !GENERIC_TERMS.has(w)))}'`).join(' ');
    await x(sql.raw(`INSERT INTO opinion_terms (opinion_id, terms) SELECT id, CASE (id - ${o0} - 1) * 3 % ${TEXTS.length} ${termCase} END FROM opinions WHERE id > ${o0}`));
    // ratings: an evaluation per 20 bookings, a care request per complex and day
    await x(
      sql.raw(`INSERT INTO evaluations (user_id, target_type, target_id, complex_id, stars, created_at)
        SELECT b.user_id, 'activity', b.activity_id, a.complex_id, 1 + (b.id % 5 + b.id % 3) % 5, a.end_at
        FROM bookings b JOIN activities a ON a.id = b.activity_id WHERE b.id % 20 = 0 AND b.status = 'checked_in' AND a.end_at < UTC_TIMESTAMP()`),
    );
    await x(
      sql.raw(`INSERT INTO care_requests (senior_id, requested_by, complex_id, kind, address, status, created_at, rating, rated_at)
        SELECT ${u0} + 1 + seq % ${RESIDENTS}, ${u0} + 1 + seq % ${RESIDENTS}, 1 + seq % ${COMPLEXES}, 'meal', '压测地址', IF(seq % 3 = 0, 'submitted', 'completed'),
          TIMESTAMPADD(HOUR, 8 + FLOOR(seq / ${COMPLEXES}) * 24, '${start.toISOString().slice(0, 19)}'),
          IF(seq % 3 = 0, NULL, 3 + seq % 3), IF(seq % 3 = 0, NULL, TIMESTAMPADD(HOUR, 12 + FLOOR(seq / ${COMPLEXES}) * 24, '${start.toISOString().slice(0, 19)}'))
        FROM seq_0_to_${COMPLEXES * DAYS - 1}`),
    );
    // the points ledger (not read by the dashboard; there so the tables are their real size)
    await x(
      sql.raw(`INSERT INTO points_entries (user_id, delta, reason, source, description, balance_after, complex_id, created_at)
        SELECT ${u0} + 1 + seq % ${RESIDENTS}, 10, 'activity_checkin', CONCAT('bench:', seq), '活动签到', 10 * (1 + FLOOR(seq / ${RESIDENTS})), 1 + seq % ${COMPLEXES},
          TIMESTAMPADD(SECOND, FLOOR(seq * ${secs} / ${LEDGER}), '${start.toISOString().slice(0, 19)}')
        FROM seq_0_to_${LEDGER - 1}`),
    );
    await x(sql`SET SESSION foreign_key_checks = 1, unique_checks = 1`);
    const tGen = performance.now();
    const count = async (table: string) => Number(((await x(sql.raw(`SELECT COUNT(*) n FROM ${table}`))) as any)[0][0].n);
    console.log(
      `generated in ${((tGen - t0) / 1000).toFixed(1)} s (bookings ${((tBookings - t0) / 1000).toFixed(1)} s): bookings ${await count('bookings')}, opinions ${await count('opinions')}, points_entries ${await count('points_entries')}, activities ${await count('activities')}, volunteer_signups ${await count('volunteer_signups')}, evaluations ${await count('evaluations')}, care_requests ${await count('care_requests')} over ${COMPLEXES} complexes and ${DAYS} days`,
    );
    const r0 = performance.now();
    const full = await refreshDashboard(db, now);
    console.log(`roll-up built by the refresh job (full rebuild) in ${((performance.now() - r0) / 1000).toFixed(1)} s: ${full.rows} (complex, day) rows`);
    }
    const i0 = performance.now();
    await refreshDashboard(db, new Date());
    console.log(`an incremental refresh run (everything written in the last 5 minutes is re-read: after generation that is all of it): ${ms(performance.now() - i0)}`);
    const i1 = performance.now();
    // the direct aggregates are taken as of the roll-up's last run (reply deadlines pass every minute)
    const asOf = new Date();
    await refreshDashboard(db, asOf, { marginMs: 0 });
    console.log(`a steady-state refresh run (nothing new since the last): ${ms(performance.now() - i1)}`);

    // callers: district admin; a street admin of complex 1's street; the seeded worker of complex 1
    const login = async (phone: string) => {
      const r = await fetch(`${base}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
      return ((await r.json()) as { accessToken: string; user: { id: number } });
    };
    const [[{ streetId }]] = (await x(sql`SELECT street_id streetId FROM complexes WHERE id = 1`)) as any;
    const sa = await login('13700000009');
    await x(sql`UPDATE users SET role = 'street_admin', street_id = ${streetId} WHERE id = ${sa.user.id}`);
    const tokens = { district: (await login('13900000001')).accessToken, street: (await login('13700000009')).accessToken, complex: (await login('13900000002')).accessToken };
    const [[{ inStreet }]] = (await x(sql`SELECT GROUP_CONCAT(id) inStreet FROM complexes WHERE street_id = ${streetId}`)) as any;
    const [[{ allIds }]] = (await x(sql`SELECT GROUP_CONCAT(id) allIds FROM complexes`)) as any;
    const scopes = [
      { scope: 'district', q: 'scope=district', ids: String(allIds).split(',').map(Number), token: tokens.district },
      { scope: 'street', q: `scope=street&id=${streetId}`, ids: String(inStreet).split(',').map(Number), token: tokens.street },
      { scope: 'complex', q: 'scope=complex&id=1', ids: [1], token: tokens.complex },
    ];
    const to = today;
    const from = addDays(to, -29);
    for (const [pass, cacheMs] of [['computed on every request (cache off)', 0], ['as served (10 s figure cache, access checked per request)', 10_000]] as const) {
    setDashboardCacheMs(cacheMs);
    console.log(`-- ${pass}`);
    for (const s of scopes) {
      const call = async () => {
        const t = performance.now();
        const r = await fetch(`${base}/api/v1/dashboard?${s.q}`, { headers: { authorization: `Bearer ${s.token}` } });
        const body = (await r.json()) as any;
        if (r.status !== 200) throw new Error(`${s.scope}: ${r.status} ${JSON.stringify(body)}`);
        return { ms: performance.now() - t, body };
      };
      for (let i = 0; i < 5; i++) await call();
      const times: number[] = [];
      let last: any;
      for (let i = 0; i < REQUESTS; i++) {
        const r = await call();
        times.push(r.ms);
        last = r.body;
      }
      const directTimes: number[] = [];
      let direct: ReturnType<typeof countsOf> | undefined;
      let directInd: ReturnType<typeof indicatorsOf> | undefined;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const f = await directFigures(db, s.ids, from, to, asOf);
        directTimes.push(performance.now() - t);
        direct = countsOf(f);
        directInd = indicatorsOf(f);
      }
      const agree = JSON.stringify(direct) === JSON.stringify(last.counts) && JSON.stringify(directInd) === JSON.stringify((({ previous, delta, ...rest }) => rest)(last.indicators));
      if (!agree) failed = true;
      const p95 = pct(times, 95);
      if (p95 > 150 && cacheMs > 0) failed = true;
      console.log(
        `GET /dashboard ${s.scope.padEnd(8)} (${s.ids.length} complexes, ${from}…${to}): p50 ${ms(pct(times, 50))}  p95 ${ms(p95)}  | direct aggregates over raw tables: median ${ms(pct(directTimes, 50))} | figures agree: ${agree ? 'yes' : 'NO'} (bookings ${last.counts.bookings}, checkIns ${last.counts.checkIns}, opinions ${last.counts.opinions}, satisfaction ${last.indicators.satisfaction.average}/${last.indicators.satisfaction.count}, acceptOnTime ${last.indicators.acceptOnTimeRate}, index ${last.activityIndex.value})`,
      );
      if (!agree) console.log('  rolled:', JSON.stringify(last.counts), JSON.stringify(last.indicators), '\n  direct:', JSON.stringify(direct), JSON.stringify(directInd));
    }
    }
    // the public hot-topics endpoint on the same data
    const ht: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const r = await fetch(`${base}/api/v1/opinions/hot-topics?streetId=${streetId}`);
      await r.json();
      ht.push(performance.now() - t);
    }
    console.log(`GET /opinions/hot-topics (street, public): p50 ${ms(pct(ht, 50))}  p95 ${ms(pct(ht, 95))}`);
    console.log(failed ? 'RESULT: FAIL (p95 over 150 ms or figures differ)' : 'RESULT: OK (every scope p95 ≤ 150 ms, roll-up = direct aggregates)');
  } finally {
    server.closeAllConnections();
    server.close();
    await deps.database.close();
    if (!process.env.BENCH_KEEP_DB && !reuse) await dropDatabase(url);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
