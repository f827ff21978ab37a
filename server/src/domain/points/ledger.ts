import { and, eq, gte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { pointsAccounts, pointsEntries } from '../../db/schema';
import { conflict } from '../../errors';
import type { PointsReason } from '../../../../shared/constants';
import { dailyCapFor } from './caps';
import { shanghaiDayStart } from '../time/shanghai';

export { DAILY_EARN_CAPS } from './caps';

/**
 * The points ledger (幸福荟积分): one append-only table for everything, with a balance row that
 * changes in the same transaction as its entry. Every call must run inside the caller's
 * transaction (`withTx`): the account row is locked first, so concurrent earns and spends of one
 * user serialise and a balance can neither drift from its entries nor go negative.
 *
 * Lock order for callers that also take stock (rewards): the points account first, then the
 * stock row — the same order everywhere, so the two never deadlock against each other.
 */

export type LedgerEntry = typeof pointsEntries.$inferSelect;

interface EntryInput {
  userId: number;
  /** what pays, e.g. "booking:42"; (reason, source, user) pays once */
  source: string;
  /** what the person reads, e.g. 参加「太极拳入门」签到 (the sign and amount are added when shown) */
  description: string;
  actorId?: number | null;
  /** where it was earned or spent; feeds the community/street leaderboards */
  complexId?: number | null;
  now: Date;
}

export interface CreditInput extends EntryInput {
  delta: number;
  reason: PointsReason;
  /** overrides the configured daily cap for this call (null = no cap); tests use it */
  dailyCap?: number | null;
}

export interface PostResult {
  entry: LedgerEntry | null;
  /** true when this source had already been posted: nothing changed */
  duplicate: boolean;
  /** points not credited because of the daily cap */
  cappedBy: number;
  balance: number;
}

/**
 * Locks (creating if needed) the user's account row and returns its balance. Callers that must
 * serialise a user's actions beyond the ledger (e.g. a per-user redemption limit) call it first.
 */
export async function lockAccount(tx: Tx, userId: number): Promise<number> {
  return (await lockAccountState(tx, userId)).balance;
}

/**
 * As `lockAccount`, with the held part: `available` = balance − held is what may be spent,
 * held or transferred. Two accounts in one use case are locked in ascending user id.
 */
export async function lockAccountState(tx: Tx, userId: number): Promise<{ balance: number; held: number; available: number }> {
  await tx.insert(pointsAccounts).values({ userId, balance: 0 }).onDuplicateKeyUpdate({ set: { userId: sql`user_id` } });
  const [row] = await tx.select({ balance: pointsAccounts.balance, held: pointsAccounts.held }).from(pointsAccounts).where(eq(pointsAccounts.userId, userId)).for('update');
  return { balance: row.balance, held: row.held, available: row.balance - row.held };
}

export async function existingEntry(tx: Tx, userId: number, reason: string, source: string) {
  const [row] = await tx
    .select()
    .from(pointsEntries)
    .where(and(eq(pointsEntries.reason, reason), eq(pointsEntries.source, source), eq(pointsEntries.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** Appends one entry and moves the (already locked) account's balance with it. Points-domain use cases only. */
export async function appendEntry(tx: Tx, e: EntryInput & { delta: number; reason: PointsReason }, balanceBefore: number): Promise<LedgerEntry> {
  const row = {
    userId: e.userId,
    delta: e.delta,
    reason: e.reason,
    source: e.source,
    description: e.description,
    balanceAfter: balanceBefore + e.delta,
    actorId: e.actorId ?? null,
    complexId: e.complexId ?? null,
    createdAt: e.now,
  };
  const [{ id }] = await tx.insert(pointsEntries).values(row).$returningId();
  await tx.update(pointsAccounts).set({ balance: row.balanceAfter }).where(eq(pointsAccounts.userId, e.userId));
  return { id, ...row };
}

/** Earns points once per (reason, source, user), clipped to the reason's daily cap. */
export async function credit(tx: Tx, c: CreditInput): Promise<PostResult> {
  if (!Number.isInteger(c.delta) || c.delta <= 0) throw new Error('credit needs a positive integer delta');
  const balance = await lockAccount(tx, c.userId);
  const dup = await existingEntry(tx, c.userId, c.reason, c.source);
  if (dup) return { entry: dup, duplicate: true, cappedBy: 0, balance };
  let delta = c.delta;
  const cap = c.dailyCap === undefined ? await dailyCapFor(tx, c.reason) : c.dailyCap;
  if (cap != null) {
    const [{ earned }] = await tx
      .select({ earned: sql<number>`COALESCE(SUM(${pointsEntries.delta}), 0)` })
      .from(pointsEntries)
      .where(and(eq(pointsEntries.userId, c.userId), eq(pointsEntries.reason, c.reason), gte(pointsEntries.createdAt, shanghaiDayStart(c.now))));
    delta = Math.max(0, Math.min(delta, cap - Number(earned)));
  }
  if (delta === 0) return { entry: null, duplicate: false, cappedBy: c.delta, balance };
  const entry = await appendEntry(tx, { ...c, delta }, balance);
  return { entry, duplicate: false, cappedBy: c.delta - delta, balance: entry.balanceAfter };
}

export interface DebitInput extends EntryInput {
  amount: number;
  reason: Extract<PointsReason, 'redemption' | 'admin_adjustment'>;
}

/**
 * Spends points once per source; 409 insufficient_points when the available points (the balance
 * less what help requests hold) would go negative.
 */
export async function debit(tx: Tx, d: DebitInput): Promise<PostResult> {
  if (!Number.isInteger(d.amount) || d.amount <= 0) throw new Error('debit needs a positive integer amount');
  const { balance, held, available } = await lockAccountState(tx, d.userId);
  const dup = await existingEntry(tx, d.userId, d.reason, d.source);
  if (dup) return { entry: dup, duplicate: true, cappedBy: 0, balance };
  if (available < d.amount) {
    const why = held > 0 ? `当前可用 ${available} 分（另有 ${held} 分被互助求助占用）` : `当前余额 ${balance} 分`;
    throw conflict('insufficient_points', `积分不足：需要 ${d.amount} 分，${why}`, { balance, held, required: d.amount });
  }
  const entry = await appendEntry(tx, { ...d, delta: -d.amount }, balance);
  return { entry, duplicate: false, cappedBy: 0, balance: entry.balanceAfter };
}

export interface AdjustInput extends EntryInput {
  delta: number;
  reason: Extract<PointsReason, 'admin_adjustment' | 'redemption_refund' | 'account_deleted'>;
}

/**
 * A signed adjustment by a district admin (audited by the caller) or a refund: no daily cap
 * (it is not earning), never below zero. `reason` decides the unique source space.
 */
export async function adjust(tx: Tx, a: AdjustInput): Promise<PostResult> {
  if (!Number.isInteger(a.delta) || a.delta === 0) throw new Error('adjust needs a non-zero integer delta');
  const { balance, held } = await lockAccountState(tx, a.userId);
  const dup = await existingEntry(tx, a.userId, a.reason, a.source);
  if (dup) return { entry: dup, duplicate: true, cappedBy: 0, balance };
  // held points stay covered: an adjustment may not take the balance below what is held
  if (balance + a.delta < held) {
    throw conflict('insufficient_points', held > 0 ? `调整后积分将低于被互助求助占用的 ${held} 分（当前余额 ${balance} 分）` : `调整后积分将为负数（当前余额 ${balance} 分）`, { balance, held, delta: a.delta });
  }
  const entry = await appendEntry(tx, a, balance);
  return { entry, duplicate: false, cappedBy: 0, balance: entry.balanceAfter };
}
