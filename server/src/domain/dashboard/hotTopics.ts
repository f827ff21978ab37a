import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { termsOf } from '../opinions/hotTopics';
import { addDays } from '../time/shanghai';
import { dayOf, dayRuns } from './rollup';

/**
 * 民意热度 off the request path. The refresh job segments each new opinion once (opinion_terms)
 * and recomputes hot_topic_daily for the (complex, day) rows whose opinions changed; requests
 * only add up those rows, so their cost grows with days × distinct terms, never with opinions.
 */

async function rows<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  const [r] = (await db.execute(q)) as unknown as [T[]];
  return r;
}

/**
 * Words that are in nearly every opinion and say nothing about its topic ("小区", "增加", …): left
 * out of 民意热度 so the list reads as topics.
 */
export const GENERIC_TERMS = new Set(['小区', '社区', '居民', '增加', '需要', '问题', '情况', '进行', '现在', '有人', '一下', '不够', '大家', '一些']);

/** Segments opinions that have no terms yet (in batches); returns how many were segmented. */
export async function segmentNewOpinions(db: DbOrTx, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const todo = await rows<{ id: number; title: string; content: string }>(
      db,
      sql`SELECT o.id, o.title, o.content FROM opinions o LEFT JOIN opinion_terms t ON t.opinion_id = o.id WHERE t.opinion_id IS NULL ORDER BY o.id LIMIT ${batch}`,
    );
    if (!todo.length) return total;
    const values = todo.map((o) => sql`(${o.id}, ${JSON.stringify([...termsOf(`${o.title}\n${o.content}`)].filter((t) => t.length <= 32 && !GENERIC_TERMS.has(t)))})`);
    await db.execute(sql`INSERT IGNORE INTO opinion_terms (opinion_id, terms) VALUES ${sql.join(values, sql`, `)}`);
    total += todo.length;
    if (todo.length < batch) return total;
  }
}

/** Recomputes the hot-topic rows of these (complex, day) pairs from opinions + opinion_terms. */
export async function refreshHotDays(db: DbOrTx, keys: Array<[number, string]>): Promise<void> {
  const valid = keys.filter(([, d]) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  for (const [fromDay, toDay] of dayRuns(valid.map(([, d]) => d))) {
    const inRun = valid.filter(([, d]) => d >= fromDay && d <= toDay);
    const ids = [...new Set(inRun.map(([c]) => c))];
    const wanted = new Set(inRun.map(([c, d]) => `${c}|${d}`));
    const from = new Date(`${fromDay}T00:00:00+08:00`);
    const to = new Date(`${addDays(toDay, 1)}T00:00:00+08:00`);
    const ops = await rows<{ c: number; d: string; v: 'public' | 'private'; cosigns: number; terms: string | null }>(
      db,
      sql`SELECT o.complex_id c, ${dayOf(sql`o.submitted_at`)} d, o.visibility v, o.cosign_count cosigns, t.terms
          FROM opinions o LEFT JOIN opinion_terms t ON t.opinion_id = o.id
          WHERE o.complex_id IN (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )}) AND o.submitted_at >= ${from} AND o.submitted_at < ${to} AND o.status NOT IN ('pending_review', 'blocked')`,
    );
    const acc = new Map<string, { c: number; d: string; v: string; term: string; weight: number; opinions: number }>();
    const bump = (c: number, d: string, v: string, term: string, w: number) => {
      const key = `${c}|${d}|${v}|${term}`;
      const cur = acc.get(key) ?? { c, d, v, term, weight: 0, opinions: 0 };
      cur.weight += w;
      cur.opinions += 1;
      acc.set(key, cur);
    };
    for (const o of ops) {
      const c = Number(o.c);
      wanted.add(`${c}|${o.d}`);
      bump(c, o.d, o.v, '', 1);
      const w = 1 + Math.max(0, Number(o.cosigns));
      for (const term of o.terms ? (JSON.parse(o.terms) as string[]) : []) bump(c, o.d, o.v, term, w);
    }
    const pairs = [...wanted].map((k) => k.split('|'));
    for (let i = 0; i < pairs.length; i += 500) {
      await db.execute(
        sql`DELETE FROM hot_topic_daily WHERE (complex_id, day) IN (${sql.join(
          pairs.slice(i, i + 500).map(([c, d]) => sql`(${Number(c)}, ${d})`),
          sql`, `,
        )})`,
      );
    }
    const values = [...acc.values()].map((r) => sql`(${r.c}, ${r.d}, ${r.v}, ${r.term}, ${r.weight}, ${r.opinions})`);
    for (let i = 0; i < values.length; i += 1000) {
      await db.execute(sql`INSERT INTO hot_topic_daily (complex_id, day, visibility, term, weight, opinions) VALUES ${sql.join(values.slice(i, i + 1000), sql`, `)}
        ON DUPLICATE KEY UPDATE weight = weight + VALUES(weight), opinions = opinions + VALUES(opinions)`);
    }
  }
}

/** (complex, submission day) of opinions changed since `since` (wall time). */
export async function touchedOpinionDays(db: DbOrTx, since: Date): Promise<Array<[number, string]>> {
  const r = await rows<{ c: number; d: string }>(db, sql`SELECT DISTINCT complex_id c, ${dayOf(sql`submitted_at`)} d FROM opinions WHERE updated_at >= ${since}`);
  return r.map((x) => [Number(x.c), String(x.d)]);
}

/** Every (complex, submission day) with opinions (a full rebuild). */
export async function allOpinionDays(db: DbOrTx): Promise<Array<[number, string]>> {
  const r = await rows<{ c: number; d: string }>(db, sql`SELECT DISTINCT complex_id c, ${dayOf(sql`submitted_at`)} d FROM opinions`);
  return r.map((x) => [Number(x.c), String(x.d)]);
}

export interface TopicFilter {
  complexIds: number[] | 'all';
  fromDay: string;
  toDay: string;
  /** count private opinions too (staff of the place) */
  includePrivate: boolean;
}

const complexFilter = (ids: number[] | 'all') =>
  ids === 'all'
    ? sql`1=1`
    : ids.length
      ? sql`complex_id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`
      : sql`1=0`;

export interface HotTopicRow {
  term: string;
  weight: number;
  opinions: number;
}

/** Top terms (weight, then opinions, then term) and the opinion count of a place and period. */
export async function readHotTopics(db: DbOrTx, f: TopicFilter, top = 20): Promise<{ opinionCount: number; items: HotTopicRow[] }> {
  const vis = f.includePrivate ? sql`1=1` : sql`visibility = 'public'`;
  const where = sql`day >= ${f.fromDay} AND day <= ${f.toDay} AND ${complexFilter(f.complexIds)} AND ${vis}`;
  const [[count], ranked] = await Promise.all([
    rows<{ n: string | null }>(db, sql`SELECT SUM(weight) n FROM hot_topic_daily WHERE ${where} AND term = ''`),
    rows<{ term: string; weight: string; opinions: string }>(
      db,
      sql`SELECT term, SUM(weight) weight, SUM(opinions) opinions FROM hot_topic_daily WHERE ${where} AND term <> ''
          GROUP BY term ORDER BY weight DESC, opinions DESC LIMIT ${top * 3}`,
    ),
  ]);
  const items = ranked
    .map((r) => ({ term: r.term, weight: Number(r.weight), opinions: Number(r.opinions) }))
    .sort((a, b) => b.weight - a.weight || b.opinions - a.opinions || a.term.localeCompare(b.term, 'zh'))
    .slice(0, top);
  return { opinionCount: Number(count?.n ?? 0), items };
}

/** Day-by-day weight of the given terms. */
export async function hotTopicTrend(db: DbOrTx, f: TopicFilter, terms: string[]): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (!terms.length) return out;
  const vis = f.includePrivate ? sql`1=1` : sql`visibility = 'public'`;
  const r = await rows<{ term: string; day: string; w: string }>(
    db,
    sql`SELECT term, day, SUM(weight) w FROM hot_topic_daily
        WHERE day >= ${f.fromDay} AND day <= ${f.toDay} AND ${complexFilter(f.complexIds)} AND ${vis}
          AND term IN (${sql.join(
            terms.map((t) => sql`${t}`),
            sql`, `,
          )})
        GROUP BY term, day`,
  );
  for (const x of r) {
    let m = out.get(x.term);
    if (!m) out.set(x.term, (m = new Map()));
    m.set(x.day, Number(x.w));
  }
  return out;
}
