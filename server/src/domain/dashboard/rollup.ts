import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { addDays, shanghaiInstant } from '../time/shanghai';
import { emptyFigures, type Figures } from './figures';

/**
 * The daily roll-up (dashboard_daily): recompute whole (complex, day) rows from the raw tables.
 * Recomputing a row is idempotent, so the refresh job may run twice, crash half-way or overlap a
 * write: the next run recomputes whatever changed since its watermark (minus a margin).
 *
 * Definitions (the same ones the direct aggregates in queries.ts use):
 * - bookings / check-ins / residents served: activity bookings holding a seat (booked,
 *   checked_in, no_show), by the Shanghai day the activity starts; residents served = distinct
 *   residents checked in that day.
 * - volunteer minutes: approved minutes of signups, by the day the post starts.
 * - opinions: released opinions (not pending_review/blocked) by the day they were submitted, with
 *   their deadline facts as of `now` (an accept deadline counts once decided or passed).
 * - satisfaction: stars (1–5) by the day given: evaluations (activities, branch sessions,
 *   complexes), care-request ratings, opinion answers (满意 5, 基本满意 3, 不满意 1) and the
 *   followers' ratings of completed 民生项目 (project_ratings).
 * - branch sessions: branch offerings whose session record was filed, by the day they start.
 */

export const dayOf = (col: SQL) => sql`DATE_FORMAT(${col} + INTERVAL 8 HOUR, '%Y-%m-%d')`;

type Key = string; // `${complexId}|${day}`
const keyOf = (c: number, d: string): Key => `${c}|${d}`;

function inComplexes(col: SQL, ids: number[] | 'all'): SQL {
  if (ids === 'all') return sql`1=1`;
  if (!ids.length) return sql`1=0`;
  return sql`${col} IN (${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )})`;
}

async function rows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const [r] = (await db.execute(q)) as unknown as [T[]];
  return r;
}

const n = (v: unknown) => Number(v ?? 0);

/** Figures per (complex, day) for days [fromDay, toDay], straight from the raw tables. */
export async function computeDaily(db: DbOrTx, complexIds: number[] | 'all', fromDay: string, toDay: string, now: Date): Promise<Map<Key, Figures>> {
  const from = shanghaiInstant(fromDay);
  const to = shanghaiInstant(addDays(toDay, 1));
  const out = new Map<Key, Figures>();
  const at = (c: unknown, d: unknown) => {
    const k = keyOf(Number(c), String(d));
    let f = out.get(k);
    if (!f) out.set(k, (f = emptyFigures()));
    return f;
  };

  const bookingRows = await rows<{ c: number; d: string; bookings: string; checkIns: string; served: string }>(
    db,
    sql`SELECT a.complex_id c, ${dayOf(sql`a.start_at`)} d, COUNT(*) bookings, SUM(b.status = 'checked_in') checkIns,
          COUNT(DISTINCT CASE WHEN b.status = 'checked_in' THEN b.user_id END) served
        FROM activities a JOIN bookings b ON b.activity_id = a.id
        WHERE a.start_at >= ${from} AND a.start_at < ${to} AND ${inComplexes(sql`a.complex_id`, complexIds)}
          AND b.status IN ('booked', 'checked_in', 'no_show')
        GROUP BY c, d`,
  );
  for (const r of bookingRows) Object.assign(at(r.c, r.d), { bookings: n(r.bookings), checkIns: n(r.checkIns), residentsServed: n(r.served) });

  for (const r of await rows<{ c: number; d: string; m: string }>(
    db,
    sql`SELECT p.complex_id c, ${dayOf(sql`p.start_at`)} d, SUM(s.approved_minutes) m
        FROM volunteer_posts p JOIN volunteer_signups s ON s.post_id = p.id
        WHERE p.start_at >= ${from} AND p.start_at < ${to} AND ${inComplexes(sql`p.complex_id`, complexIds)}
          AND s.approved_at IS NOT NULL AND s.approved_minutes IS NOT NULL
        GROUP BY c, d`,
  ))
    at(r.c, r.d).volunteerMinutes = n(r.m);

  for (const r of await rows<Record<string, string | number>>(
    db,
    sql`SELECT complex_id c, ${dayOf(sql`submitted_at`)} d, COUNT(*) opinions,
          SUM(accept_due_at IS NOT NULL AND (accepted_at IS NOT NULL OR status = 'rejected' OR accept_due_at <= ${now})) am,
          SUM(accept_due_at IS NOT NULL AND (accepted_at <= accept_due_at OR (accepted_at IS NULL AND status = 'rejected' AND closed_at <= accept_due_at))) ao,
          SUM(reply_due_at IS NOT NULL AND (replied_at IS NOT NULL OR reply_due_at <= ${now})) rm,
          SUM(reply_due_at IS NOT NULL AND replied_at <= reply_due_at) ro,
          SUM(status IN ('replied', 'closed') AND (rating IS NULL OR rating <> 'unsatisfied')) res,
          GROUP_CONCAT(ROUND(TIMESTAMPDIFF(SECOND, submitted_at, COALESCE(accepted_at, IF(status = 'rejected', closed_at, NULL))) / 3600, 2) SEPARATOR ',') frh
        FROM opinions
        WHERE submitted_at >= ${from} AND submitted_at < ${to} AND ${inComplexes(sql`complex_id`, complexIds)}
          AND status NOT IN ('pending_review', 'blocked')
        GROUP BY c, d`,
  )) {
    Object.assign(at(r.c, r.d), {
      opinions: n(r.opinions),
      acceptMeasured: n(r.am),
      acceptOnTime: n(r.ao),
      replyMeasured: n(r.rm),
      replyOnTime: n(r.ro),
      resolved: n(r.res),
      firstResponseHours: r.frh ? String(r.frh).split(',').map(Number) : [],
    });
  }

  for (const r of await rows<{ c: number; d: string; k: string; s: string; rc: string }>(
    db,
    sql`SELECT complex_id c, ${dayOf(sql`created_at`)} d, COUNT(*) k, 0 s, 0 rc FROM care_requests
        WHERE created_at >= ${from} AND created_at < ${to} AND ${inComplexes(sql`complex_id`, complexIds)}
        GROUP BY c, d`,
  ))
    at(r.c, r.d).careRequests = n(r.k);

  // star ratings from three sources, by the day they were given
  for (const r of await rows<{ c: number; d: string; s: string; k: string }>(
    db,
    sql`SELECT c, d, SUM(s) s, SUM(k) k FROM (
          SELECT complex_id c, ${dayOf(sql`created_at`)} d, SUM(stars) s, COUNT(*) k FROM evaluations
            WHERE created_at >= ${from} AND created_at < ${to} AND ${inComplexes(sql`complex_id`, complexIds)} GROUP BY c, d
          UNION ALL
          SELECT complex_id c, ${dayOf(sql`rated_at`)} d, SUM(rating) s, COUNT(*) k FROM care_requests
            WHERE rating IS NOT NULL AND rated_at >= ${from} AND rated_at < ${to} AND ${inComplexes(sql`complex_id`, complexIds)} GROUP BY c, d
          UNION ALL
          SELECT complex_id c, ${dayOf(sql`closed_at`)} d,
              SUM(CASE rating WHEN 'satisfied' THEN 5 WHEN 'basically_satisfied' THEN 3 ELSE 1 END) s, COUNT(*) k FROM opinions
            WHERE rating IS NOT NULL AND closed_at >= ${from} AND closed_at < ${to} AND ${inComplexes(sql`complex_id`, complexIds)} GROUP BY c, d
          UNION ALL
          SELECT complex_id c, ${dayOf(sql`created_at`)} d, SUM(stars) s, COUNT(*) k FROM project_ratings
            WHERE created_at >= ${from} AND created_at < ${to} AND ${inComplexes(sql`complex_id`, complexIds)} GROUP BY c, d
        ) x GROUP BY c, d`,
  )) {
    const f = at(r.c, r.d);
    f.satisfactionSum = n(r.s);
    f.satisfactionCount = n(r.k);
  }

  for (const r of await rows<{ c: number; d: string; k: string }>(
    db,
    sql`SELECT a.complex_id c, ${dayOf(sql`a.start_at`)} d, COUNT(*) k
        FROM activities a JOIN offering_records r ON r.activity_id = a.id
        WHERE a.start_at >= ${from} AND a.start_at < ${to} AND ${inComplexes(sql`a.complex_id`, complexIds)}
          AND a.organizer_branch_id IS NOT NULL AND a.status <> 'cancelled'
        GROUP BY c, d`,
  ))
    at(r.c, r.d).branchSessions = n(r.k);

  return out;
}

/** Writes the given (complex, day) rows, zeros included, from a fresh computation. */
async function writeRows(db: DbOrTx, keys: Array<[number, string]>, figs: Map<Key, Figures>, now: Date): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500).map(([c, d]) => {
      const f = figs.get(keyOf(c, d)) ?? emptyFigures();
      const frh = JSON.stringify([...f.firstResponseHours].sort((a, b) => a - b));
      return sql`(${c}, ${d}, ${f.bookings}, ${f.checkIns}, ${f.residentsServed}, ${f.volunteerMinutes}, ${f.opinions}, ${f.careRequests},
        ${f.satisfactionSum}, ${f.satisfactionCount}, ${f.acceptMeasured}, ${f.acceptOnTime}, ${f.replyMeasured}, ${f.replyOnTime},
        ${f.resolved}, ${frh}, ${f.branchSessions}, ${now})`;
    });
    await db.execute(sql`INSERT INTO dashboard_daily (complex_id, day, bookings, check_ins, residents_served, volunteer_minutes, opinions,
        care_requests, satisfaction_sum, satisfaction_count, accept_measured, accept_on_time, reply_measured, reply_on_time, resolved,
        first_response_hours, branch_sessions, refreshed_at)
      VALUES ${sql.join(chunk, sql`, `)}
      ON DUPLICATE KEY UPDATE bookings = VALUES(bookings), check_ins = VALUES(check_ins), residents_served = VALUES(residents_served),
        volunteer_minutes = VALUES(volunteer_minutes), opinions = VALUES(opinions), care_requests = VALUES(care_requests),
        satisfaction_sum = VALUES(satisfaction_sum), satisfaction_count = VALUES(satisfaction_count), accept_measured = VALUES(accept_measured),
        accept_on_time = VALUES(accept_on_time), reply_measured = VALUES(reply_measured), reply_on_time = VALUES(reply_on_time),
        resolved = VALUES(resolved), first_response_hours = VALUES(first_response_hours), branch_sessions = VALUES(branch_sessions),
        refreshed_at = VALUES(refreshed_at)`);
  }
}

/** Recomputes every row of [fromDay, toDay] for the complexes (a full rebuild of that range). */
export async function rebuildRange(db: DbOrTx, complexIds: number[] | 'all', fromDay: string, toDay: string, now: Date): Promise<number> {
  const ids = complexIds === 'all' ? (await rows<{ id: number }>(db, sql`SELECT id FROM complexes`)).map((r) => Number(r.id)) : complexIds;
  const figs = await computeDaily(db, ids, fromDay, toDay, now);
  const keys: Array<[number, string]> = [];
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) for (const c of ids) keys.push([c, d]);
  // only rows that have something or already exist: an empty (complex, day) needs no row
  const existing = new Set(
    (await rows<{ c: number; d: string }>(db, sql`SELECT complex_id c, day d FROM dashboard_daily WHERE day >= ${fromDay} AND day <= ${toDay} AND ${inComplexes(sql`complex_id`, ids)}`)).map((r) =>
      keyOf(Number(r.c), r.d),
    ),
  );
  const needed = keys.filter(([c, d]) => figs.has(keyOf(c, d)) || existing.has(keyOf(c, d)));
  await writeRows(db, needed, figs, now);
  return needed.length;
}

/**
 * Days grouped into runs (gaps under a week, at most 31 days each), so many touched days cost a
 * few range queries instead of a few queries per day.
 */
export function dayRuns(days: string[], maxGap = 7, maxSpan = 31): Array<[string, string]> {
  const sorted = [...new Set(days)].sort();
  const runs: Array<[string, string]> = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && d <= addDays(last[1], maxGap) && d <= addDays(last[0], maxSpan - 1)) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

/** Recomputes these (complex, day) rows (and, harmlessly, any fresh row of the same runs). */
export async function refreshKeys(db: DbOrTx, keys: Array<[number, string]>, now: Date): Promise<number> {
  const valid = keys.filter(([, d]) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  let written = 0;
  for (const [from, to] of dayRuns(valid.map(([, d]) => d))) {
    const inRun = valid.filter(([, d]) => d >= from && d <= to);
    const ids = [...new Set(inRun.map(([c]) => c))];
    const figs = await computeDaily(db, ids, from, to, now);
    const out = new Map<Key, [number, string]>(inRun.map(([c, d]) => [keyOf(c, d), [c, d]]));
    for (const k of figs.keys()) {
      const [c, d] = k.split('|');
      out.set(k, [Number(c), d]);
    }
    await writeRows(db, [...out.values()], figs, now);
    written += out.size;
  }
  return written;
}

/**
 * The (complex, day) rows touched by anything written at or after `since` (wall time, the
 * rows' updated_at), plus opinions whose accept or reply deadline passed in (clockFrom, clockTo].
 */
export async function touchedKeys(db: DbOrTx, since: Date, clockFrom: Date, clockTo: Date): Promise<Array<[number, string]>> {
  const found = await rows<{ c: number; d: string }>(
    db,
    sql`SELECT a.complex_id c, ${dayOf(sql`a.start_at`)} d FROM bookings b JOIN activities a ON a.id = b.activity_id WHERE b.updated_at >= ${since}
      UNION SELECT complex_id, ${dayOf(sql`start_at`)} FROM activities WHERE updated_at >= ${since}
      UNION SELECT a.complex_id, ${dayOf(sql`a.start_at`)} FROM offering_records r JOIN activities a ON a.id = r.activity_id WHERE r.updated_at >= ${since}
      UNION SELECT p.complex_id, ${dayOf(sql`p.start_at`)} FROM volunteer_signups s JOIN volunteer_posts p ON p.id = s.post_id WHERE s.updated_at >= ${since}
      UNION SELECT complex_id, ${dayOf(sql`start_at`)} FROM volunteer_posts WHERE updated_at >= ${since}
      UNION SELECT complex_id, ${dayOf(sql`submitted_at`)} FROM opinions WHERE updated_at >= ${since}
      UNION SELECT complex_id, ${dayOf(sql`closed_at`)} FROM opinions WHERE updated_at >= ${since} AND closed_at IS NOT NULL
      UNION SELECT complex_id, ${dayOf(sql`submitted_at`)} FROM opinions
        WHERE (accept_due_at > ${clockFrom} AND accept_due_at <= ${clockTo}) OR (reply_due_at > ${clockFrom} AND reply_due_at <= ${clockTo})
      UNION SELECT complex_id, ${dayOf(sql`created_at`)} FROM care_requests WHERE updated_at >= ${since}
      UNION SELECT complex_id, ${dayOf(sql`rated_at`)} FROM care_requests WHERE updated_at >= ${since} AND rated_at IS NOT NULL
      UNION SELECT complex_id, ${dayOf(sql`created_at`)} FROM evaluations WHERE updated_at >= ${since}
      UNION SELECT complex_id, ${dayOf(sql`created_at`)} FROM project_ratings WHERE created_at >= ${since}`,
  );
  return found.map((r) => [Number(r.c), String(r.d)]);
}
