import { and, asc, eq, gt, gte, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';
import type { Db } from '../../db/client';
import { activities, branches, complexes, rewards, spaces } from '../../db/schema';
import type { SearchGroup, SearchHit } from '../../../../shared/api/search';
import { SEARCH_TYPE_LABELS, SEARCH_TYPES, type SearchType } from '../../../../shared/search';
import { termsOf } from '../opinions/hotTopics';
import { formatShanghai } from '../time/shanghai';

/** Per group when all types are searched at once; a typed search pages with `limit`. */
const OVERVIEW_LIMIT = 5;

/**
 * The words of a query: jieba's terms when it finds any ("阳光社区太极" → 阳光, 社区, 太极),
 * else the query itself (a single character, a number). Each must appear somewhere in the row.
 */
export function queryTerms(q: string): string[] {
  const terms = [...termsOf(q)].slice(0, 5);
  return terms.length > 0 ? terms : [q.trim().toLowerCase()];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Every term in at least one of the columns: (c1 LIKE %t1% OR c2 LIKE %t1%) AND … */
function matchAll(terms: string[], cols: MySqlColumn[]): SQL {
  return and(...terms.map((t) => or(...cols.map((c) => like(c, `%${escapeLike(t)}%`)))))!;
}

export interface SearchInput {
  terms: string[];
  now: Date;
  limit: number;
  /** keyset position: [startAt ms, id] for activities and services, [id] otherwise */
  after?: number[];
}

type Page = { items: SearchHit[]; last: number[] | null };

function paged<R>(rows: R[], limit: number, hit: (r: R) => SearchHit, key: (r: R) => number[]): Page {
  const page = rows.slice(0, limit);
  return { items: page.map(hit), last: rows.length > limit ? key(page[page.length - 1]) : null };
}

async function searchActivities(db: Db, s: SearchInput, offerings: boolean): Promise<Page> {
  const conds = [
    eq(activities.status, 'published'),
    gt(activities.endAt, s.now),
    offerings ? isNotNull(activities.organizerBranchId) : isNull(activities.organizerBranchId),
    matchAll(s.terms, [activities.title, activities.description, activities.location, activities.category]),
  ];
  if (s.after) {
    const at = new Date(s.after[0]);
    conds.push(or(gt(activities.startAt, at), and(eq(activities.startAt, at), gt(activities.id, s.after[1])))!);
  }
  const rows = await db
    .select({ id: activities.id, title: activities.title, startAt: activities.startAt, complex: complexes.name, branch: branches.name })
    .from(activities)
    .innerJoin(complexes, eq(complexes.id, activities.complexId))
    .leftJoin(branches, eq(branches.id, activities.organizerBranchId))
    .where(and(...conds))
    .orderBy(asc(activities.startAt), asc(activities.id))
    .limit(s.limit + 1);
  return paged(
    rows,
    s.limit,
    (r) => ({
      type: offerings ? 'service' : 'activity',
      id: r.id,
      title: r.title,
      subtitle: `${formatShanghai(r.startAt)} · ${offerings && r.branch ? r.branch : r.complex}`,
      link: offerings ? `/packages/branch/pages/offering/index?id=${r.id}` : `/packages/booking/pages/detail/index?id=${r.id}`,
    }),
    (r) => [r.startAt.getTime(), r.id],
  );
}

const afterId = (col: MySqlColumn, s: SearchInput) => (s.after ? [gt(col, s.after[0])] : []);

async function searchSpaces(db: Db, s: SearchInput): Promise<Page> {
  const rows = await db
    .select({ id: spaces.id, name: spaces.name, bookable: spaces.bookable, complexId: spaces.complexId, complex: complexes.name })
    .from(spaces)
    .innerJoin(complexes, eq(complexes.id, spaces.complexId))
    .where(and(isNull(spaces.archivedAt), isNull(complexes.archivedAt), matchAll(s.terms, [spaces.name, spaces.description, complexes.name]), ...afterId(spaces.id, s)))
    .orderBy(asc(spaces.id))
    .limit(s.limit + 1);
  return paged(
    rows,
    s.limit,
    (r) => ({
      type: 'space',
      id: r.id,
      title: r.name,
      subtitle: `${r.complex}${r.bookable ? ' · 可预约' : ''}`,
      link: r.bookable ? `/packages/booking/pages/space/index?id=${r.id}` : `/packages/places/pages/complex/index?id=${r.complexId}`,
    }),
    (r) => [r.id],
  );
}

async function searchComplexes(db: Db, s: SearchInput): Promise<Page> {
  const rows = await db
    .select({ id: complexes.id, name: complexes.name, address: complexes.address })
    .from(complexes)
    .where(and(isNull(complexes.archivedAt), matchAll(s.terms, [complexes.name, complexes.address, complexes.description]), ...afterId(complexes.id, s)))
    .orderBy(asc(complexes.id))
    .limit(s.limit + 1);
  return paged(rows, s.limit, (r) => ({ type: 'complex', id: r.id, title: r.name, subtitle: r.address, link: `/packages/places/pages/complex/index?id=${r.id}` }), (r) => [r.id]);
}

async function searchRewards(db: Db, s: SearchInput): Promise<Page> {
  const rows = await db
    .select({ id: rewards.id, name: rewards.name, cost: rewards.pointsCost, complex: complexes.name })
    .from(rewards)
    .innerJoin(complexes, eq(complexes.id, rewards.complexId))
    .where(
      and(
        eq(rewards.status, 'active'),
        or(isNull(rewards.validUntil), gte(rewards.validUntil, s.now)),
        or(isNull(rewards.validFrom), sql`${rewards.validFrom} <= ${s.now}`),
        matchAll(s.terms, [rewards.name, rewards.description]),
        ...afterId(rewards.id, s),
      ),
    )
    .orderBy(asc(rewards.id))
    .limit(s.limit + 1);
  return paged(rows, s.limit, (r) => ({ type: 'reward', id: r.id, title: r.name, subtitle: `${r.cost} 积分 · ${r.complex}`, link: '/packages/points/pages/rewards/index' }), (r) => [r.id]);
}

const SEARCHERS: Record<SearchType, (db: Db, s: SearchInput) => Promise<Page>> = {
  activity: (db, s) => searchActivities(db, s, false),
  service: (db, s) => searchActivities(db, s, true),
  space: searchSpaces,
  complex: searchComplexes,
  reward: searchRewards,
};

/**
 * 搜索: one type, paged by keyset, or every type at once with the first few of each (the types
 * that found nothing are left out). LIKE on a handful of columns: the tables are small (a
 * district's complexes, their spaces, upcoming activities, rewards), so no full-text index is
 * needed, and it reads the same on MariaDB and MySQL 8.
 */
export async function search(db: Db, s: Omit<SearchInput, 'limit'> & { type?: SearchType; limit?: number }): Promise<Array<SearchGroup & { last: number[] | null }>> {
  const types = s.type ? [s.type] : SEARCH_TYPES;
  const limit = s.type ? (s.limit ?? 20) : Math.min(s.limit ?? OVERVIEW_LIMIT, OVERVIEW_LIMIT);
  const pages = await Promise.all(types.map((t) => SEARCHERS[t](db, { ...s, limit, after: s.type ? s.after : undefined })));
  return types
    .map((type, i) => ({ type, label: SEARCH_TYPE_LABELS[type], items: pages[i].items, last: pages[i].last, nextCursor: null }))
    .filter((g) => s.type || g.items.length > 0);
}
