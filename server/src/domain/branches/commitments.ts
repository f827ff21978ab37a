import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { activities, branchCommitmentItems, branchCommitments, branchComplexes, branches, complexes, evaluations, offeringRecords, serviceItems } from '../../db/schema';
import { conflict, notFound, validationFailed } from '../../errors';
import { monthRange } from '../time/shanghai';

/**
 * 承诺–践诺–评诺: a branch files its yearly list of promises (catalogue items with targets at its
 * paired complexes); the district admin approves it. Delivery is counted, never typed in: a
 * session counts when the offering (an activity of the branch, of that catalogue item, at that
 * complex, starting in the year) has its record (offering_records) — i.e. it was actually held —
 * and residents counted are the people served it records. The rating (评诺) is residents'
 * `branch_service` evaluations of those sessions.
 */

export interface CommitmentItemInput {
  catalogItemId: number;
  complexId: number;
  target: { sessions: number; residents?: number };
}

const yearRange = (year: number) => ({ from: monthRange(`${year}-01`).from, to: monthRange(`${year + 1}-01`).from });

/**
 * How far through the year `now` is (0–1), by Shanghai time; the share of each target that should
 * be delivered by now.
 */
export function yearElapsed(year: number, now: Date): number {
  const { from, to } = yearRange(year);
  return Math.min(1, Math.max(0, (now.getTime() - from.getTime()) / (to.getTime() - from.getTime())));
}

/** Behind: fewer sessions delivered than the whole-number share of the target due by now. */
export function isBehind(targetSessions: number, deliveredSessions: number, elapsed: number): boolean {
  return deliveredSessions < Math.floor(targetSessions * elapsed);
}

export async function fileCommitments(tx: Tx, branchId: number, year: number, items: CommitmentItemInput[], actorId: number): Promise<{ id: number }> {
  const [b] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, branchId));
  if (!b) throw notFound('党支部不存在');
  const paired = new Set((await tx.select({ c: branchComplexes.complexId }).from(branchComplexes).where(eq(branchComplexes.branchId, branchId))).map((r) => r.c));
  const catalog = new Set((await tx.select({ id: serviceItems.id }).from(serviceItems)).map((r) => r.id));
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (!catalog.has(it.catalogItemId)) fields[`items.${i}.catalogItemId`] = '服务目录中没有这一项';
    if (!paired.has(it.complexId)) fields[`items.${i}.complexId`] = '只能承诺在结对的综合体开展服务';
    const k = `${it.catalogItemId}:${it.complexId}`;
    if (seen.has(k)) fields[`items.${i}`] = '同一综合体的同一服务项目只能承诺一次';
    seen.add(k);
  });
  if (Object.keys(fields).length) throw validationFailed(fields);
  const [existing] = await tx.select().from(branchCommitments).where(and(eq(branchCommitments.branchId, branchId), eq(branchCommitments.year, year))).for('update');
  if (existing?.status === 'approved') throw conflict('commitments_approved', '本年度承诺清单已经批准，不能再修改');
  let id: number;
  if (existing) {
    id = existing.id;
    await tx.delete(branchCommitmentItems).where(eq(branchCommitmentItems.commitmentId, id));
    await tx.update(branchCommitments).set({ filedBy: actorId }).where(eq(branchCommitments.id, id));
  } else {
    [{ id }] = await tx.insert(branchCommitments).values({ branchId, year, filedBy: actorId, status: 'submitted' }).$returningId();
  }
  await tx.insert(branchCommitmentItems).values(items.map((it) => ({ commitmentId: id, catalogItemId: it.catalogItemId, complexId: it.complexId, targetSessions: it.target.sessions, targetResidents: it.target.residents ?? 0 })));
  return { id };
}

export async function approveCommitments(tx: Tx, branchId: number, year: number, actorId: number, now: Date): Promise<void> {
  const [c] = await tx.select().from(branchCommitments).where(and(eq(branchCommitments.branchId, branchId), eq(branchCommitments.year, year))).for('update');
  if (!c) throw notFound('该党支部还没有提交本年度承诺清单');
  if (c.status === 'approved') throw conflict('already_approved', '承诺清单已经批准');
  await tx.update(branchCommitments).set({ status: 'approved', approvedBy: actorId, approvedAt: now }).where(eq(branchCommitments.id, c.id));
}

/** Sessions actually held (with a record), people served and ratings, per branch × item × complex. */
async function deliveredIn(db: DbOrTx, year: number, until: Date, branchIds?: number[]) {
  const { from } = yearRange(year);
  const to = new Date(Math.min(until.getTime(), yearRange(year).to.getTime()));
  const where = and(
    isNotNull(activities.organizerBranchId),
    inArray(activities.status, ['published', 'finished']),
    gte(activities.startAt, from),
    lt(activities.startAt, to),
    ...(branchIds ? [inArray(activities.organizerBranchId, branchIds.length ? branchIds : [0])] : []),
  );
  const held = await db
    .select({ branchId: activities.organizerBranchId, itemId: activities.serviceItemId, complexId: activities.complexId, n: sql<number>`COUNT(*)`, people: sql<number>`COALESCE(SUM(${offeringRecords.peopleServed}), 0)` })
    .from(activities)
    .innerJoin(offeringRecords, eq(offeringRecords.activityId, activities.id))
    .where(where)
    .groupBy(activities.organizerBranchId, activities.serviceItemId, activities.complexId);
  const rated = await db
    .select({ branchId: activities.organizerBranchId, itemId: activities.serviceItemId, complexId: activities.complexId, n: sql<number>`COUNT(*)`, stars: sql<number>`SUM(${evaluations.stars})` })
    .from(evaluations)
    .innerJoin(activities, and(eq(evaluations.targetType, 'branch_service'), eq(activities.id, evaluations.targetId)))
    .innerJoin(offeringRecords, eq(offeringRecords.activityId, activities.id))
    .where(where)
    .groupBy(activities.organizerBranchId, activities.serviceItemId, activities.complexId);
  const key = (b: number | null, i: number | null, c: number) => `${b}:${i}:${c}`;
  const out = new Map<string, { sessions: number; residents: number; ratingN: number; ratingStars: number }>();
  for (const h of held) out.set(key(h.branchId, h.itemId, h.complexId), { sessions: Number(h.n), residents: Number(h.people), ratingN: 0, ratingStars: 0 });
  for (const r of rated) {
    const k = key(r.branchId, r.itemId, r.complexId);
    const cur = out.get(k) ?? { sessions: 0, residents: 0, ratingN: 0, ratingStars: 0 };
    out.set(k, { ...cur, ratingN: Number(r.n), ratingStars: Number(r.stars) });
  }
  return { get: (b: number, i: number, c: number) => out.get(key(b, i, c)) ?? { sessions: 0, residents: 0, ratingN: 0, ratingStars: 0 } };
}

const avg = (stars: number, n: number) => (n ? Math.round((stars / n) * 10) / 10 : null);

/** A branch's list for the year with what was delivered up to `now`. */
export async function commitmentReport(db: DbOrTx, branchId: number, year: number, now: Date) {
  const [c] = await db.select().from(branchCommitments).where(and(eq(branchCommitments.branchId, branchId), eq(branchCommitments.year, year)));
  const rows = c
    ? await db
        .select({ i: branchCommitmentItems, itemName: serviceItems.name, complexName: complexes.name })
        .from(branchCommitmentItems)
        .innerJoin(serviceItems, eq(serviceItems.id, branchCommitmentItems.catalogItemId))
        .innerJoin(complexes, eq(complexes.id, branchCommitmentItems.complexId))
        .where(eq(branchCommitmentItems.commitmentId, c.id))
        .orderBy(asc(branchCommitmentItems.id))
    : [];
  const d = await deliveredIn(db, year, now, [branchId]);
  const elapsed = yearElapsed(year, now);
  const items = rows.map(({ i, itemName, complexName }) => {
    const x = d.get(branchId, i.catalogItemId, i.complexId);
    return {
      catalogItemId: i.catalogItemId,
      catalogItemName: itemName,
      complexId: i.complexId,
      complexName,
      target: { sessions: i.targetSessions, residents: i.targetResidents },
      delivered: { sessions: x.sessions, residents: x.residents },
      rating: { average: avg(x.ratingStars, x.ratingN), count: x.ratingN },
      behind: isBehind(i.targetSessions, x.sessions, elapsed),
    };
  });
  const n = items.reduce((a, it) => a + it.rating.count, 0);
  const stars = items.reduce((a, it) => a + (it.rating.average ?? 0) * it.rating.count, 0);
  return {
    branchId,
    year,
    status: c?.status ?? null,
    approvedAt: c?.approvedAt ? c.approvedAt.toISOString() : null,
    items,
    totals: {
      target: { sessions: items.reduce((a, it) => a + it.target.sessions, 0), residents: items.reduce((a, it) => a + it.target.residents, 0) },
      delivered: { sessions: items.reduce((a, it) => a + it.delivered.sessions, 0), residents: items.reduce((a, it) => a + it.delivered.residents, 0) },
      rating: { average: n ? Math.round((stars / n) * 10) / 10 : null, count: n },
    },
    behind: items.some((it) => it.behind),
  };
}

/**
 * Every branch that filed a list for the year: promised against delivered up to `until`, with the
 * rating; behind ones flagged. Ordered by share delivered, best first.
 */
export async function commitmentRanking(db: DbOrTx, year: number, until: Date) {
  const lists = await db
    .select({ c: branchCommitments, name: branches.name, department: branches.department })
    .from(branchCommitments)
    .innerJoin(branches, eq(branches.id, branchCommitments.branchId))
    .where(eq(branchCommitments.year, year))
    .orderBy(asc(branchCommitments.branchId));
  const out = [];
  for (const l of lists) {
    const r = await commitmentReport(db, l.c.branchId, year, until);
    const t = r.totals;
    out.push({
      branchId: l.c.branchId,
      name: l.name,
      department: l.department,
      status: l.c.status,
      promisedSessions: t.target.sessions,
      deliveredSessions: t.delivered.sessions,
      promisedResidents: t.target.residents,
      deliveredResidents: t.delivered.residents,
      averageRating: t.rating.average,
      ratingCount: t.rating.count,
      behind: r.behind,
      behindItems: r.items.filter((it) => it.behind).map((it) => `${it.complexName}·${it.catalogItemName} ${it.delivered.sessions}/${it.target.sessions}`),
    });
  }
  const share = (x: { promisedSessions: number; deliveredSessions: number }) => (x.promisedSessions ? x.deliveredSessions / x.promisedSessions : 0);
  return out.sort((a, b) => share(b) - share(a) || a.branchId - b.branchId);
}
