import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, complexes, pointsAccounts, pointsEntries, redemptions, rewards, streets } from '../../db/schema';
import type { RedemptionRow } from './redemptions';
import type { RewardRow } from './rewards';

/** The reward catalogue: one complex or all, active only unless `all` (staff view); at most 500. */
export function listRewards(db: DbOrTx, o: { complexId?: number; all: boolean }): Promise<RewardRow[]> {
  return db
    .select()
    .from(rewards)
    .where(and(o.complexId ? eq(rewards.complexId, o.complexId) : undefined, o.all ? undefined : eq(rewards.status, 'active')))
    .orderBy(rewards.complexId, rewards.pointsCost, rewards.id)
    .limit(500);
}

/** Complex names by id. */
export async function complexNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: complexes.id, name: complexes.name }).from(complexes).where(inArray(complexes.id, [...new Set(ids)]));
  return new Map(rows.map((c) => [c.id, c.name]));
}

/** How often the user has redeemed each reward (cancelled ones not counted). */
export async function redeemedCounts(db: DbOrTx, userId: number, rewardIds: number[]): Promise<Map<number, number>> {
  if (rewardIds.length === 0) return new Map();
  const rows = await db
    .select({ rewardId: redemptions.rewardId, n: sql<number>`COUNT(*)` })
    .from(redemptions)
    .where(and(eq(redemptions.userId, userId), inArray(redemptions.rewardId, rewardIds), ne(redemptions.status, 'cancelled')))
    .groupBy(redemptions.rewardId);
  return new Map(rows.map((m) => [m.rewardId, Number(m.n)]));
}

/** One page (newest first, keyset on id) of the user's redemptions; one row more than `limit` says there is a next page. */
export function redemptionsPage(db: DbOrTx, userId: number, before: number | undefined, limit: number): Promise<RedemptionRow[]> {
  return db
    .select()
    .from(redemptions)
    .where(and(eq(redemptions.userId, userId), before ? lt(redemptions.id, before) : undefined))
    .orderBy(desc(redemptions.id))
    .limit(limit + 1);
}

/** The user's own redemption, or undefined (someone else's is not found). */
export async function ownRedemption(db: DbOrTx, userId: number, id: number): Promise<RedemptionRow | undefined> {
  const [r] = await db.select().from(redemptions).where(and(eq(redemptions.id, id), eq(redemptions.userId, userId)));
  return r;
}

/**
 * The user's balance and one page of their ledger (newest first, keyset on id), read in one
 * snapshot by the caller's transaction so the page agrees with the balance.
 */
export async function pointsStatement(db: DbOrTx, userId: number, before: number | undefined, limit: number) {
  const [acc] = await db.select({ balance: pointsAccounts.balance, held: pointsAccounts.held }).from(pointsAccounts).where(eq(pointsAccounts.userId, userId));
  const rows = await db
    .select()
    .from(pointsEntries)
    .where(and(eq(pointsEntries.userId, userId), before ? lt(pointsEntries.id, before) : undefined))
    .orderBy(desc(pointsEntries.id))
    .limit(limit + 1);
  return { balance: acc?.balance ?? 0, held: acc?.held ?? 0, rows };
}

/** The community and street a complex belongs to, or undefined for an unknown complex. */
export async function areasOfComplex(db: DbOrTx, complexId: number) {
  const [c] = await db.select({ streetId: complexes.streetId, communityId: complexes.communityId }).from(complexes).where(eq(complexes.id, complexId)).limit(1);
  return c;
}

/** The name of a community or street, or undefined. */
export async function areaName(db: DbOrTx, scope: 'community' | 'street', id: number): Promise<string | undefined> {
  const [area] =
    scope === 'community'
      ? await db.select({ name: communities.name }).from(communities).where(eq(communities.id, id)).limit(1)
      : await db.select({ name: streets.name }).from(streets).where(eq(streets.id, id)).limit(1);
  return area?.name;
}
