import { and, desc, eq, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { compiledRowsBy, inList, isoOfDbText, preparedFor, rowsOf } from '../../db/prepared';
import { isDuplicateKey, withTx } from '../../db/client';
import { complexes, opinionCosigns, opinions, users } from '../../db/schema';
import { conflict, forbidden, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import type { OpinionStatus } from '../../../../shared/opinions';
import { canManageComplex, canManageStreet, complexScope } from '../access/scope';
import { loadVisibleOpinion, maskName } from './access';
import { readHotTopics } from '../dashboard/hotTopics';
import { presentSummary, type SummaryRow } from './present';
import { AWAITING_REPLY, HIDDEN_FROM_PUBLIC } from './workflow';

type Page = { cursor?: number; limit: number };

/** SQL for "the worker side is late right now" (mirrors deadlines.isOverdue). */
export const overdueSql = (now: Date): SQL =>
  or(
    and(inArray(opinions.status, ['submitted', 'pending_review']), lt(opinions.acceptDueAt, now)),
    and(inArray(opinions.status, [...AWAITING_REPLY]), lt(opinions.replyDueAt, now)),
  )!;

/** The columns a list item shows (presentSummary): not the reply, the assignee or the rating. */
const summaryColumns = {
  id: opinions.id,
  userId: opinions.userId,
  complexId: opinions.complexId,
  category: opinions.category,
  title: opinions.title,
  content: opinions.content,
  visibility: opinions.visibility,
  status: opinions.status,
  heldReason: opinions.heldReason,
  cosignCount: opinions.cosignCount,
  photoCount: opinions.photoCount,
  submittedAt: opinions.submittedAt,
  acceptDueAt: opinions.acceptDueAt,
  replyDueAt: opinions.replyDueAt,
};

/**
 * One page of opinions matching `where`, newest first. Names by scalar subqueries, not joins: with
 * opinions the only table, the optimizer walks the index that matches the filter in id order
 * (keyset pages) instead of starting from complexes and sorting every matching opinion (seconds
 * at 100,000 opinions). The page size is the placeholder `limit`. Rows come back as arrays in this
 * order: the summary columns, then the complex name, then the nickname (rowOf).
 */
const pageSelect = (db: DbOrTx, where: SQL[], forceIndex?: string) =>
  db
    .select({
      o: summaryColumns,
      complexName: sql<string>`(SELECT ${complexes.name} FROM ${complexes} WHERE ${complexes.id} = ${opinions.complexId})`,
      nickname: sql<string | null>`(SELECT ${users.nickname} FROM ${users} WHERE ${users.id} = ${opinions.userId})`,
    })
    .from(opinions, forceIndex ? { forceIndex } : undefined)
    .where(and(...where))
    .orderBy(desc(opinions.id))
    .limit(sql.placeholder('limit'));

interface PageRow {
  o: SummaryRow;
  complexName: string;
  nickname: string | null;
}
/** One row of pageSelect, by position (summaryColumns' order). */
const rowOf = (r: unknown[]): PageRow => ({
  o: {
    id: r[0] as number,
    userId: r[1] as number,
    complexId: r[2] as number,
    category: r[3] as SummaryRow['category'],
    title: r[4] as string,
    content: r[5] as string,
    visibility: r[6] as SummaryRow['visibility'],
    status: r[7] as SummaryRow['status'],
    heldReason: r[8] as string | null,
    cosignCount: r[9] as number,
    photoCount: r[10] as number,
    submittedAt: isoOfDbText(r[11])!,
    acceptDueAt: isoOfDbText(r[12]),
    replyDueAt: isoOfDbText(r[13]),
  },
  complexName: r[14] as string,
  nickname: r[15] as string | null,
});

const P = (name: string) => sql.placeholder(name);
// The public list and "mine" are read on every visit: one statement per combination of filters,
// compiled once (db/prepared.ts) and run with the values.
const publicPage = compiledRowsBy((db, shape: string) => {
  const where: SQL[] = [eq(opinions.visibility, 'public'), notInArray(opinions.status, [...HIDDEN_FROM_PUBLIC])];
  if (shape.includes('c')) where.push(eq(opinions.complexId, P('complexId')));
  if (shape.includes('k')) where.push(eq(opinions.category, P('category')));
  if (shape.includes('<')) where.push(lt(opinions.id, P('cursor')));
  // Without a complex, the (visibility, id) index in id order. Left to itself, MariaDB reads it
  // by visibility alone and skips every newer row to reach the cursor: page 100 of 100,000
  // opinions read 2,007 rows for 21 (bench:largelists, 2.5× page 1); forced, it reads the range
  // (visibility, id < cursor): 26 rows.
  return pageSelect(db, where, shape.includes('c') ? undefined : 'opinions_visibility_id_idx');
});
const minePage = compiledRowsBy((db, shape: string) => {
  const where: SQL[] = [eq(opinions.userId, P('userId'))];
  if (shape.includes('s')) where.push(eq(opinions.status, P('status')));
  if (shape.includes('<')) where.push(lt(opinions.id, P('cursor')));
  return pageSelect(db, where);
});
const cosignedAmong = preparedFor((db) =>
  db
    .select({ id: opinionCosigns.opinionId })
    .from(opinionCosigns)
    .where(and(eq(opinionCosigns.userId, P('userId')), inList(opinionCosigns.opinionId, 'ids')))
    .prepare(),
);

async function page(db: DbOrTx, rows: PageRow[], p: Page, now: Date, viewerId: number | null, mask: boolean) {
  const slice = rows.slice(0, p.limit);
  const mine = viewerId && slice.length ? new Set((await cosignedAmong(db).execute({ userId: viewerId, ids: slice.map((r) => r.o.id) })).map((r) => r.id)) : new Set<number>();
  const nowIso = now.toISOString();
  return {
    items: slice.map((r) =>
      presentSummary(r.o, { complexName: r.complexName, submitterName: mask ? maskName(r.nickname) : r.nickname || '居民', cosignedByMe: mine.has(r.o.id), viewerId, maskNumbers: mask && r.o.userId !== viewerId }, nowIso),
    ),
    nextCursor: rows.length > p.limit ? slice[slice.length - 1].o.id : null,
  };
}

/** Public opinions others may read and co-sign (names masked). */
export async function listPublic(db: Db, q: Page & { complexId?: number; category?: string }, now: Date, viewerId: number | null) {
  const shape = `${q.complexId ? 'c' : ''}${q.category ? 'k' : ''}${q.cursor ? '<' : ''}`;
  const rows = (await publicPage(db, shape, { complexId: q.complexId, category: q.category, cursor: q.cursor, limit: q.limit + 1 })).map(rowOf);
  return page(db, rows, q, now, viewerId, true);
}

export async function listMine(db: Db, userId: number, q: Page & { status?: OpinionStatus }, now: Date) {
  const shape = `${q.status ? 's' : ''}${q.cursor ? '<' : ''}`;
  const rows = (await minePage(db, shape, { userId, status: q.status, cursor: q.cursor, limit: q.limit + 1 })).map(rowOf);
  return page(db, rows, q, now, userId, false);
}

/** The complexes a staff member's inbox covers (all for a district admin, null = no filter). */
async function inboxScope(db: Db, user: AuthUser, complexId?: number): Promise<number[] | null> {
  if (complexId) {
    if (!(await canManageComplex(db, user, complexId))) throw forbidden('您不是该民生综合体的工作人员');
    return [complexId];
  }
  return complexScope(db, user);
}

/** 工作台 inbox: every opinion of the staff member's complexes, with status/overdue filters. */
export async function listInbox(db: Db, user: AuthUser, q: Page & { status?: OpinionStatus; overdue?: boolean; complexId?: number }, now: Date) {
  const scope = await inboxScope(db, user, q.complexId);
  if (scope && scope.length === 0) return { items: [], nextCursor: null };
  const where: SQL[] = [];
  if (scope) where.push(inArray(opinions.complexId, scope));
  if (q.status) where.push(eq(opinions.status, q.status));
  if (q.overdue === true) where.push(overdueSql(now));
  if (q.overdue === false) where.push(sql`NOT (${overdueSql(now)})`);
  if (q.cursor) where.push(lt(opinions.id, q.cursor));
  const rows = (await rowsOf(db, pageSelect(db, where).toSQL(), { limit: q.limit + 1 })).map(rowOf);
  return page(db, rows, q, now, null, false);
}

/**
 * The complex's record: open opinions, how many are late now, how many were accepted or
 * answered late, and the satisfaction of closed ones.
 */
export async function complexRecord(db: Db, user: AuthUser, complexId: number | undefined, now: Date) {
  const scope = await inboxScope(db, user, complexId);
  if (scope && scope.length === 0) return { items: [] };
  const rows = await db
    .select({
      complexId: opinions.complexId,
      complexName: complexes.name,
      total: sql<number>`count(*)`,
      open: sql<number>`sum(${opinions.status} in ('pending_review','submitted','accepted','assigned','in_progress'))`,
      overdueNow: sql<number>`sum(${overdueSql(now)})`,
      acceptedLate: sql<number>`sum(${opinions.acceptedAt} > ${opinions.acceptDueAt})`,
      repliedLate: sql<number>`sum(${opinions.repliedAt} > ${opinions.replyDueAt})`,
      satisfied: sql<number>`sum(${opinions.rating} = 'satisfied')`,
      basicallySatisfied: sql<number>`sum(${opinions.rating} = 'basically_satisfied')`,
      unsatisfied: sql<number>`sum(${opinions.rating} = 'unsatisfied')`,
    })
    .from(opinions)
    .innerJoin(complexes, eq(complexes.id, opinions.complexId))
    .where(scope ? inArray(opinions.complexId, scope) : undefined)
    .groupBy(opinions.complexId, complexes.name)
    .orderBy(opinions.complexId);
  return {
    items: rows.map((r) => {
      const n = (v: unknown) => Number(v ?? 0);
      return {
        complexId: r.complexId,
        complexName: r.complexName,
        total: n(r.total),
        open: n(r.open),
        overdueNow: n(r.overdueNow),
        acceptedLate: n(r.acceptedLate),
        repliedLate: n(r.repliedLate),
        ratings: { satisfied: n(r.satisfied), basically_satisfied: n(r.basicallySatisfied), unsatisfied: n(r.unsatisfied) },
      };
    }),
  };
}

/** 附议: once per person (primary key), not on one's own opinion, not after it was closed. */
export async function cosign(db: Db, user: AuthUser, opinionId: number): Promise<{ cosignCount: number }> {
  return withTx(db, async (tx: Tx) => {
    // One lock order: the opinion row first (exclusive), then the co-sign row. Inserting the
    // co-sign first takes a shared lock on the opinion (its foreign key) that the counter update
    // must then upgrade — two residents at once deadlocked (100 at once: ~half HTTP 500).
    await tx.select({ id: opinions.id }).from(opinions).where(eq(opinions.id, opinionId)).for('update');
    const { opinion: o } = await loadVisibleOpinion(tx, user, opinionId);
    if (o.visibility !== 'public' || HIDDEN_FROM_PUBLIC.includes(o.status)) throw notFound('意见不存在或无权查看');
    if (o.userId === user.id) throw conflict('own_opinion', '不能附议自己的意见');
    if (o.status === 'rejected' || o.status === 'closed') throw conflict('opinion_closed', '该意见已办结，不能再附议');
    try {
      await tx.insert(opinionCosigns).values({ opinionId, userId: user.id });
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('already_cosigned', '您已经附议过了');
      throw e;
    }
    await tx.update(opinions).set({ cosignCount: sql`${opinions.cosignCount} + 1` }).where(eq(opinions.id, opinionId));
    const [r] = await tx.select({ n: opinions.cosignCount }).from(opinions).where(eq(opinions.id, opinionId));
    return { cosignCount: r.n };
  });
}

/**
 * 民意热度 for a complex or a street over [fromDay, toDay] (Shanghai dates), read from the
 * hot_topic_daily roll-up the dashboard refresh job keeps (domain/dashboard/hotTopics.ts): no
 * request segments text, and the cost grows with days × distinct terms, not with opinions. Staff
 * of the place (and district admins) count every released opinion, everyone else only public ones.
 */
export async function hotTopics(db: Db, user: AuthUser | null, q: { complexId?: number; streetId?: number; fromDay: string; toDay: string }) {
  let staff = user?.role === 'district_admin';
  let ids: number[];
  if (q.complexId) {
    staff ||= !!user && (await canManageComplex(db, user, q.complexId));
    ids = [q.complexId];
    if (q.streetId) {
      const [c] = await db.select({ s: complexes.streetId }).from(complexes).where(eq(complexes.id, q.complexId));
      if (c?.s !== q.streetId) ids = [];
    }
  } else {
    ids = (await db.select({ id: complexes.id }).from(complexes).where(eq(complexes.streetId, q.streetId!))).map((r) => r.id);
  }
  if (q.streetId) staff ||= !!user && (await canManageStreet(db, user, q.streetId));
  return readHotTopics(db, { complexIds: ids, fromDay: q.fromDay, toDay: q.toDay, includePrivate: staff });
}

