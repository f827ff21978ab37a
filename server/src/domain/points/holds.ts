import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { pointsAccounts, pointsHolds } from '../../db/schema';
import { conflict } from '../../errors';
import { appendEntry, lockAccountState } from './ledger';

/**
 * Holds (邻里互助): part of a balance set aside for a help request. A hold is not a debit — the
 * points stay in the balance (balance = Σ entries) — but `points_accounts.held` grows by it, and
 * everything that spends or gives points checks `available` = balance − held. A hold ends once:
 * released (expiry, cancel, a refund decision) or settled (the helper is paid: a debit of the
 * requester and a credit of the helper, two entries in the caller's transaction).
 *
 * Lock order: the caller's own row first (the help request), then the accounts in ascending user
 * id, then the hold row.
 */

/** Holds `amount` of the user's available points for `source`; 409 insufficient_points when short. */
export async function placeHold(tx: Tx, h: { userId: number; amount: number; source: string; now: Date }): Promise<number> {
  if (!Number.isInteger(h.amount) || h.amount <= 0) throw new Error('a hold needs a positive integer amount');
  const acc = await lockAccountState(tx, h.userId);
  if (acc.available < h.amount) {
    const why = acc.held > 0 ? `可用 ${acc.available} 分（余额 ${acc.balance} 分，其中 ${acc.held} 分已被其他求助占用）` : `当前余额 ${acc.balance} 分`;
    throw conflict('insufficient_points', `积分不足：这条求助需要 ${h.amount} 分，${why}`, { balance: acc.balance, held: acc.held, required: h.amount });
  }
  const [{ id }] = await tx.insert(pointsHolds).values({ userId: h.userId, amount: h.amount, source: h.source, createdAt: h.now }).$returningId();
  await tx.update(pointsAccounts).set({ held: sql`${pointsAccounts.held} + ${h.amount}` }).where(eq(pointsAccounts.userId, h.userId));
  return id;
}

async function lockedHold(tx: Tx, holdId: number) {
  const [h] = await tx.select().from(pointsHolds).where(eq(pointsHolds.id, holdId)).for('update');
  if (!h) throw new Error(`hold ${holdId} does not exist`);
  return h;
}

/** Gives the held points back to the available part. False when the hold had already ended. */
export async function releaseHold(tx: Tx, holdId: number, userId: number, now: Date): Promise<boolean> {
  await lockAccountState(tx, userId);
  const h = await lockedHold(tx, holdId);
  if (h.userId !== userId) throw new Error('hold of another user');
  if (h.status !== 'held') return false;
  await tx.update(pointsHolds).set({ status: 'released', closedAt: now }).where(and(eq(pointsHolds.id, holdId), eq(pointsHolds.status, 'held')));
  await tx.update(pointsAccounts).set({ held: sql`${pointsAccounts.held} - ${h.amount}` }).where(eq(pointsAccounts.userId, userId));
  return true;
}

export interface Settlement {
  holdId: number;
  fromUserId: number;
  toUserId: number;
  source: string;
  paidDescription: string;
  earnedDescription: string;
  complexId: number | null;
  actorId: number | null;
  now: Date;
}

/**
 * Pays a hold to another user: the requester's `help_paid` debit and the helper's `help_earned`
 * credit, in the caller's transaction. False when the hold had already ended (nothing changes).
 */
export async function settleHold(tx: Tx, s: Settlement): Promise<boolean> {
  const [a, b] = [s.fromUserId, s.toUserId].sort((x, y) => x - y);
  const first = await lockAccountState(tx, a);
  const second = a === b ? first : await lockAccountState(tx, b);
  const from = a === s.fromUserId ? first : second;
  const to = a === s.toUserId ? first : second;
  const h = await lockedHold(tx, s.holdId);
  if (h.userId !== s.fromUserId) throw new Error('hold of another user');
  if (h.status !== 'held') return false;
  await tx.update(pointsHolds).set({ status: 'settled', closedAt: s.now }).where(and(eq(pointsHolds.id, h.id), eq(pointsHolds.status, 'held')));
  await tx.update(pointsAccounts).set({ held: sql`${pointsAccounts.held} - ${h.amount}` }).where(eq(pointsAccounts.userId, s.fromUserId));
  const common = { source: s.source, complexId: s.complexId, actorId: s.actorId, now: s.now };
  await appendEntry(tx, { ...common, userId: s.fromUserId, delta: -h.amount, reason: 'help_paid', description: s.paidDescription }, from.balance);
  await appendEntry(tx, { ...common, userId: s.toUserId, delta: h.amount, reason: 'help_earned', description: s.earnedDescription }, to.balance);
  return true;
}
