import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { forbidden, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { canManageComplex, managedComplexIds, streetIdOf } from '../access/scope';
import { unresolvedAlertCounts } from '../devices/queries';
import { overdueByComplex, projectStateByComplex } from '../projects/queries';
import { addDays } from '../time/shanghai';
import {
  DEFAULT_WEIGHTS,
  SUM_KEYS,
  INDEX_TERM_KEYS,
  addFigures,
  countsOf,
  emptyFigures,
  indexOf,
  indicatorDelta,
  indicatorsOf,
  meanIndex,
  termScores,
  type Figures,
  type IndexTermKey,
  type Weights,
} from './figures';
import { hotTopicTrend, readHotTopics } from './hotTopics';
import { dayOf } from './rollup';

export type Scope = 'district' | 'street' | 'complex';

async function rows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const [r] = (await db.execute(q)) as unknown as [T[]];
  return r;
}
const n = (v: unknown) => Number(v ?? 0);
const idList = (ids: number[]) =>
  ids.length
    ? sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )
    : sql`NULL`;

// ---- weights ------------------------------------------------------------------------------

export async function loadWeights(db: DbOrTx): Promise<Weights> {
  const w: Weights = { ...DEFAULT_WEIGHTS };
  for (const r of await rows<{ k: string; w: string }>(db, sql`SELECT term_key k, weight w FROM dashboard_index_weights`)) {
    if ((INDEX_TERM_KEYS as readonly string[]).includes(r.k)) w[r.k as IndexTermKey] = Number(r.w);
  }
  return w;
}

export async function saveWeights(db: DbOrTx, w: Weights, by: number): Promise<void> {
  cache.clear();
  const values = INDEX_TERM_KEYS.map((k) => sql`(${k}, ${w[k]}, ${by})`);
  await db.execute(sql`INSERT INTO dashboard_index_weights (term_key, weight, updated_by) VALUES ${sql.join(values, sql`, `)}
    ON DUPLICATE KEY UPDATE weight = VALUES(weight), updated_by = VALUES(updated_by), updated_at = CURRENT_TIMESTAMP(3)`);
}

// ---- scope --------------------------------------------------------------------------------

interface PlaceComplex {
  id: number;
  name: string;
  streetId: number;
}
interface ResolvedScope {
  scope: Scope;
  id: number | null;
  name: string;
  complexes: PlaceComplex[];
  /** streets of the district, complexes of a street, none for a complex */
  children: Array<{ scope: Scope; id: number; name: string; complexIds: number[] }>;
}

let placesCache: { at: number; db: DbOrTx; value: Promise<{ complexes: PlaceComplex[]; streets: Array<{ id: number; name: string }> }> } | null = null;
const PLACES_TTL_MS = 30_000;

/** Streets and complexes, cached for 30 s per process (they change a few times a year). */
function places(db: DbOrTx, fresh = false) {
  if (!fresh && placesCache && placesCache.db === db && Date.now() - placesCache.at < PLACES_TTL_MS) return placesCache.value;
  const value = (async () => {
    const [c, s] = await Promise.all([
      rows<{ id: number; name: string; streetId: number }>(db, sql`SELECT id, name, street_id streetId FROM complexes ORDER BY id`),
      rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM streets ORDER BY sort_order, id`),
    ]);
    return { complexes: c.map((x) => ({ id: Number(x.id), name: x.name, streetId: Number(x.streetId) })), streets: s.map((x) => ({ id: Number(x.id), name: x.name })) };
  })();
  value.catch(() => (placesCache = null));
  placesCache = { at: Date.now(), db, value };
  return value;
}

/**
 * What the caller may look at: a district admin every scope, a street admin its street and its
 * complexes, a worker its complexes; anyone else 403. An unknown street or complex is 404.
 */
export async function resolveScope(db: DbOrTx, user: AuthUser, scope: Scope, id: number | undefined): Promise<ResolvedScope> {
  if (!['district_admin', 'street_admin', 'worker'].includes(user.role)) throw forbidden('只有工作人员可以查看数智平台');
  let { complexes: cx, streets } = await places(db);
  // an id the cache does not know yet: read again before saying 404
  if ((scope === 'street' && !streets.some((x) => x.id === id)) || (scope === 'complex' && !cx.some((x) => x.id === id))) ({ complexes: cx, streets } = await places(db, true));
  if (scope === 'district') {
    if (user.role !== 'district_admin') throw forbidden('只有区级管理员可以查看全区数据');
    return {
      scope,
      id: null,
      name: '西湖区',
      complexes: cx,
      children: streets.map((s) => ({ scope: 'street' as const, id: Number(s.id), name: s.name, complexIds: cx.filter((c) => c.streetId === Number(s.id)).map((c) => c.id) })),
    };
  }
  // a street admin's own street when no id is given
  if (!id && scope === 'street' && user.role === 'street_admin') id = (await streetIdOf(db, user)) ?? undefined;
  if (!id) throw notFound(scope === 'street' ? '找不到该街道' : '找不到该民生综合体');
  if (scope === 'street') {
    const s = streets.find((x) => x.id === id);
    if (!s) throw notFound('找不到该街道');
    if (user.role !== 'district_admin' && (await streetIdOf(db, user)) !== id) throw forbidden('您不是该街道的管理员');
    const mine = cx.filter((c) => c.streetId === id);
    return { scope, id, name: s.name, complexes: mine, children: mine.map((c) => ({ scope: 'complex' as const, id: c.id, name: c.name, complexIds: [c.id] })) };
  }
  const c = cx.find((x) => x.id === id);
  if (!c) throw notFound('找不到该民生综合体');
  if (!(await canManageComplex(db, user, id))) throw forbidden('您不是该民生综合体的工作人员');
  return { scope, id, name: c.name, complexes: [c], children: [] };
}

// ---- reading the roll-up ------------------------------------------------------------------

interface DailyRow {
  complexId: number;
  day: string;
  f: Figures;
}

/** The roll-up rows of [fromDay, toDay] for the complexes, one query. */
export async function dailyRows(db: DbOrTx, complexIds: number[], fromDay: string, toDay: string): Promise<DailyRow[]> {
  if (!complexIds.length) return [];
  const r = await rows<Record<string, string | number>>(
    db,
    sql`SELECT complex_id c, day, bookings, check_ins checkIns, residents_served residentsServed, volunteer_minutes volunteerMinutes, opinions,
          care_requests careRequests, satisfaction_sum satisfactionSum, satisfaction_count satisfactionCount, accept_measured acceptMeasured,
          accept_on_time acceptOnTime, reply_measured replyMeasured, reply_on_time replyOnTime, resolved, branch_sessions branchSessions,
          first_response_hours frh
        FROM dashboard_daily WHERE complex_id IN (${idList(complexIds)}) AND day >= ${fromDay} AND day <= ${toDay}`,
  );
  return r.map((x) => {
    const f = emptyFigures();
    for (const k of SUM_KEYS) f[k] = n(x[k]);
    f.firstResponseHours = x.frh && x.frh !== '[]' ? (JSON.parse(String(x.frh)) as number[]) : [];
    return { complexId: Number(x.c), day: String(x.day), f };
  });
}

/** Per complex: the summed roll-up rows of [fromDay, toDay]. */
export function sumByComplex(daily: DailyRow[], complexIds: number[], fromDay: string, toDay: string): Map<number, Figures> {
  const out = new Map<number, Figures>(complexIds.map((c) => [c, emptyFigures()]));
  for (const r of daily) if (r.day >= fromDay && r.day <= toDay) addFigures(out.get(r.complexId) ?? emptyFigures(), r.f);
  return out;
}

export async function figuresByComplex(db: DbOrTx, complexIds: number[], fromDay: string, toDay: string): Promise<Map<number, Figures>> {
  return sumByComplex(await dailyRows(db, complexIds, fromDay, toDay), complexIds, fromDay, toDay);
}

export function trendOf(daily: DailyRow[], fromDay: string, toDay: string) {
  const byDay = new Map<string, { bookings: number; checkIns: number; opinions: number }>();
  for (const r of daily) {
    if (r.day < fromDay || r.day > toDay) continue;
    const cur = byDay.get(r.day) ?? { bookings: 0, checkIns: 0, opinions: 0 };
    cur.bookings += r.f.bookings;
    cur.checkIns += r.f.checkIns;
    cur.opinions += r.f.opinions;
    byDay.set(r.day, cur);
  }
  const out = [];
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) out.push({ date: d, ...(byDay.get(d) ?? { bookings: 0, checkIns: 0, opinions: 0 }) });
  return out;
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

/**
 * Computed figures of a (scope, id, period), kept for a few seconds: the roll-up itself only moves
 * every 30 s, so a wall screen and a room of leaders opening the same cockpit cost one computation.
 * Access is still checked on every request, before the cache is read. Worst case a figure is
 * REFRESH_EVERY_MS + DASHBOARD_CACHE_MS (+ one run) old: under a minute.
 */
let cacheMs = 10_000;
const cache = new Map<string, { at: number; value: Promise<unknown> }>();
export function setDashboardCacheMs(ms: number) {
  cacheMs = ms;
  cache.clear();
}
export const clearDashboardCache = () => cache.clear();

/** GET /dashboard: everything from the roll-up tables (no raw-table scan, no text segmentation). */
export async function dashboard(db: DbOrTx, user: AuthUser, q: { scope: Scope; id?: number; from: string; to: string; now?: Date }) {
  const place = await resolveScope(db, user, q.scope, q.id);
  if (cacheMs <= 0) return computeDashboard(db, place, q);
  const key = `${place.scope}|${place.id}|${q.from}|${q.to}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < cacheMs) return hit.value as ReturnType<typeof computeDashboard>;
  if (cache.size > 500) cache.clear();
  const value = computeDashboard(db, place, q);
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

async function computeDashboard(db: DbOrTx, place: ResolvedScope, q: { from: string; to: string; now?: Date }) {
  const days = daysBetween(q.from, q.to);
  const prevTo = addDays(q.from, -1);
  const prevFrom = addDays(prevTo, -(days - 1));
  const ids = place.complexes.map((c) => c.id);
  const topicFilter = { complexIds: ids, fromDay: q.from, toDay: q.to, includePrivate: true }; // staff of every complex in scope (checked above)
  const hot = readHotTopics(db, topicFilter, 10).then(async (t) => ({ t, trend: await hotTopicTrend(db, topicFilter, t.items.map((x) => x.term)) }));
  // 民生项目 now (not over the period): projects under way and their overdue milestones
  const [weights, daily, topics, projectState] = await Promise.all([loadWeights(db), dailyRows(db, ids, prevFrom, q.to), hot, projectStateByComplex(db, ids, q.now ?? new Date())]);
  const projectsOf = (of: number[]) => of.reduce((acc, c) => ({ open: acc.open + (projectState.get(c)?.open ?? 0), overdueMilestones: acc.overdueMilestones + (projectState.get(c)?.overdueMilestones ?? 0) }), { open: 0, overdueMilestones: 0 });
  const cur = sumByComplex(daily, ids, q.from, q.to);
  const prev = sumByComplex(daily, ids, prevFrom, prevTo);
  const trend = trendOf(daily, q.from, q.to);
  const scores = new Map(ids.map((c) => [c, termScores(cur.get(c)!, days)]));
  const prevScores = new Map(ids.map((c) => [c, termScores(prev.get(c)!, days)]));
  const total = (m: Map<number, Figures>, of: number[]) => of.reduce((acc, c) => addFigures(acc, m.get(c)!), emptyFigures());
  const indexFor = (of: number[], m: Map<number, Figures>, s: typeof scores) =>
    place.scope === 'complex' ? indexOf(s.get(of[0])!, weights) : meanIndex(of.map((c) => s.get(c)!), total(m, of), days, weights);
  const scopeFig = total(cur, ids);
  const prevFig = total(prev, ids);
  const indicators = indicatorsOf(scopeFig);
  const previous = indicatorsOf(prevFig);
  const activityIndex = indexFor(ids, cur, scores);
  const previousIndex = indexFor(ids, prev, prevScores);

  const tt = topics.trend;
  const hotTopics = topics.t.items.map((t) => ({ ...t, trend: trend.map((d) => ({ date: d.date, weight: tt.get(t.term)?.get(d.date) ?? 0 })) }));

  const children = place.children
    .map((ch) => {
      const f = total(cur, ch.complexIds);
      const idx = ch.scope === 'complex' ? indexOf(scores.get(ch.id)!, weights) : meanIndex(ch.complexIds.map((c) => scores.get(c)!), f, days, weights);
      const ind = indicatorsOf(f);
      return { scope: ch.scope, id: ch.id, name: ch.name, activityIndex: idx.value, satisfaction: ind.satisfaction.average, terms: idx.terms, counts: countsOf(f), indicators: ind, projects: projectsOf(ch.complexIds) };
    })
    .sort((a, b) => b.activityIndex - a.activityIndex || a.id - b.id);

  return {
    scope: place.scope,
    id: place.id,
    name: place.name,
    from: q.from,
    to: q.to,
    previousPeriod: { from: prevFrom, to: prevTo },
    activityIndex: { ...activityIndex, previous: previousIndex.value, delta: Math.round((activityIndex.value - previousIndex.value) * 10) / 10 },
    indicators: { ...indicators, previous, delta: indicatorDelta(indicators, previous) },
    counts: countsOf(scopeFig),
    previousCounts: countsOf(prevFig),
    projects: projectsOf(ids),
    hotTopics,
    opinionCount: topics.t.opinionCount,
    trend,
    children,
  };
}

// ---- direct aggregates (the check the roll-up must pass) ----------------------------------

/**
 * The same figures over [fromDay, toDay] straight from the raw tables, without the roll-up: one
 * aggregate per source over the whole period. Used by tests and the bench to prove they agree.
 */
export async function directFigures(db: DbOrTx, complexIds: number[], fromDay: string, toDay: string, now: Date): Promise<Figures> {
  const f = emptyFigures();
  if (!complexIds.length) return f;
  const from = new Date(`${fromDay}T00:00:00+08:00`);
  const to = new Date(`${addDays(toDay, 1)}T00:00:00+08:00`);
  const inC = (col: SQL) => sql`${col} IN (${idList(complexIds)})`;
  const [b] = await rows<Record<string, string>>(
    db,
    sql`SELECT COUNT(*) bookings, SUM(b.status = 'checked_in') checkIns FROM bookings b JOIN activities a ON a.id = b.activity_id
        WHERE ${inC(sql`a.complex_id`)} AND a.start_at >= ${from} AND a.start_at < ${to} AND b.status IN ('booked', 'checked_in', 'no_show')`,
  );
  f.bookings = n(b.bookings);
  f.checkIns = n(b.checkIns);
  const [s] = await rows<Record<string, string>>(
    db,
    sql`SELECT COUNT(*) k FROM (SELECT DISTINCT a.complex_id, ${dayOf(sql`a.start_at`)} d, b.user_id FROM bookings b JOIN activities a ON a.id = b.activity_id
        WHERE ${inC(sql`a.complex_id`)} AND a.start_at >= ${from} AND a.start_at < ${to} AND b.status = 'checked_in') x`,
  );
  f.residentsServed = n(s.k);
  const [v] = await rows<Record<string, string>>(
    db,
    sql`SELECT SUM(s.approved_minutes) m FROM volunteer_signups s JOIN volunteer_posts p ON p.id = s.post_id
        WHERE ${inC(sql`p.complex_id`)} AND p.start_at >= ${from} AND p.start_at < ${to} AND s.approved_at IS NOT NULL`,
  );
  f.volunteerMinutes = n(v.m);
  const ops = await rows<Record<string, unknown>>(
    db,
    sql`SELECT status, rating, submitted_at, accept_due_at, accepted_at, reply_due_at, replied_at, closed_at FROM opinions
        WHERE ${inC(sql`complex_id`)} AND submitted_at >= ${from} AND submitted_at < ${to} AND status NOT IN ('pending_review', 'blocked')`,
  );
  const t = (x: unknown) => (x ? new Date(x as string).getTime() : null);
  for (const o of ops) {
    f.opinions++;
    const [sub, ad, acc, rd, rep, clo] = [o.submitted_at, o.accept_due_at, o.accepted_at, o.reply_due_at, o.replied_at, o.closed_at].map(t);
    const rejected = o.status === 'rejected';
    if (ad !== null) {
      if (acc !== null || rejected || ad <= now.getTime()) f.acceptMeasured++;
      if ((acc !== null && acc <= ad) || (acc === null && rejected && clo !== null && clo <= ad)) f.acceptOnTime++;
    }
    if (rd !== null) {
      if (rep !== null || rd <= now.getTime()) f.replyMeasured++;
      if (rep !== null && rep <= rd) f.replyOnTime++;
    }
    if ((o.status === 'replied' || o.status === 'closed') && o.rating !== 'unsatisfied') f.resolved++;
    const first = acc ?? (rejected ? clo : null);
    if (first !== null && sub !== null) f.firstResponseHours.push(Math.round(((first - sub) / 3_600_000) * 100) / 100);
  }
  const [c] = await rows<Record<string, string>>(db, sql`SELECT COUNT(*) k FROM care_requests WHERE ${inC(sql`complex_id`)} AND created_at >= ${from} AND created_at < ${to}`);
  f.careRequests = n(c.k);
  const [e] = await rows<Record<string, string>>(
    db,
    sql`SELECT
          (SELECT COALESCE(SUM(stars), 0) FROM evaluations WHERE ${inC(sql`complex_id`)} AND created_at >= ${from} AND created_at < ${to})
          + (SELECT COALESCE(SUM(rating), 0) FROM care_requests WHERE ${inC(sql`complex_id`)} AND rating IS NOT NULL AND rated_at >= ${from} AND rated_at < ${to})
          + (SELECT COALESCE(SUM(CASE rating WHEN 'satisfied' THEN 5 WHEN 'basically_satisfied' THEN 3 ELSE 1 END), 0) FROM opinions
              WHERE ${inC(sql`complex_id`)} AND rating IS NOT NULL AND closed_at >= ${from} AND closed_at < ${to})
          + (SELECT COALESCE(SUM(stars), 0) FROM project_ratings WHERE ${inC(sql`complex_id`)} AND created_at >= ${from} AND created_at < ${to}) s,
          (SELECT COUNT(*) FROM evaluations WHERE ${inC(sql`complex_id`)} AND created_at >= ${from} AND created_at < ${to})
          + (SELECT COUNT(*) FROM care_requests WHERE ${inC(sql`complex_id`)} AND rating IS NOT NULL AND rated_at >= ${from} AND rated_at < ${to})
          + (SELECT COUNT(*) FROM opinions WHERE ${inC(sql`complex_id`)} AND rating IS NOT NULL AND closed_at >= ${from} AND closed_at < ${to})
          + (SELECT COUNT(*) FROM project_ratings WHERE ${inC(sql`complex_id`)} AND created_at >= ${from} AND created_at < ${to}) k`,
  );
  f.satisfactionSum = n(e.s);
  f.satisfactionCount = n(e.k);
  const [br] = await rows<Record<string, string>>(
    db,
    sql`SELECT COUNT(*) k FROM offering_records r JOIN activities a ON a.id = r.activity_id
        WHERE ${inC(sql`a.complex_id`)} AND a.start_at >= ${from} AND a.start_at < ${to} AND a.organizer_branch_id IS NOT NULL AND a.status <> 'cancelled'`,
  );
  f.branchSessions = n(br.k);
  return f;
}

// ---- 工作台 to-do counts -------------------------------------------------------------------

/** Device alerts of these complexes that nobody has resolved yet (open or acknowledged). */
export async function openAlertsCount(db: DbOrTx, complexIds: number[] | 'all'): Promise<number> {
  const rows = await unresolvedAlertCounts(db, complexIds);
  return rows.reduce((sum, r) => sum + r.n, 0);
}

export async function workbenchTodo(db: DbOrTx, user: AuthUser, now: Date) {
  const ids = await managedComplexIds(db, user);
  const inC = (col: SQL) => (ids === 'all' ? sql`1=1` : sql`${col} IN (${idList(ids)})`);
  const [o] = await rows<Record<string, string>>(
    db,
    sql`SELECT SUM(status = 'submitted') toAccept,
          SUM((status IN ('submitted', 'pending_review') AND accept_due_at < ${now})
            OR (status IN ('accepted', 'assigned', 'in_progress') AND reply_due_at < ${now})) overdue
        FROM opinions WHERE ${inC(sql`complex_id`)} AND status IN ('submitted', 'pending_review', 'accepted', 'assigned', 'in_progress')`,
  );
  const [c] = await rows<Record<string, string>>(db, sql`SELECT COUNT(*) k FROM care_requests WHERE ${inC(sql`complex_id`)} AND status NOT IN ('completed', 'cancelled')`);
  const [v] = await rows<Record<string, string>>(
    db,
    sql`SELECT COUNT(*) k FROM volunteer_signups s JOIN volunteer_posts p ON p.id = s.post_id WHERE ${inC(sql`p.complex_id`)} AND s.status = 'checked_out'`,
  );
  const [r] = await rows<Record<string, string>>(db, sql`SELECT COUNT(*) k FROM volunteer_complexes WHERE ${inC(sql`complex_id`)} AND status = 'pending'`);
  return {
    opinionsToAccept: n(o?.toAccept),
    opinionsOverdue: n(o?.overdue),
    careRequestsOpen: n(c?.k),
    volunteerHoursToApprove: n(v?.k),
    registrationsToReview: n(r?.k),
    alertsOpen: await openAlertsCount(db, ids),
    milestonesOverdue: (await overdueByComplex(db, ids, now)).reduce((sum, r) => sum + r.overdue, 0),
  };
}
