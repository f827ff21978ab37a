import { randomInt } from 'node:crypto';
import { and, eq, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { Db, Tx } from '../../db/client';
import { isDuplicateKey, withTx } from '../../db/client';
import { complexes, redemptions, rewards } from '../../db/schema';
import { conflict, forbidden, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { canManageComplex } from '../access/scope';
import { personalCode, verifyPersonalCode } from '../checkin/venueCode';
import { adjust, debit, lockAccount } from './ledger';
import { isAvailable, loadReward } from './rewards';

export type RedemptionRow = typeof redemptions.$inferSelect;

const affected = (r: unknown) => (r as [{ affectedRows: number }])[0].affectedRows;

/**
 * Redeems one unit of a reward for points. One transaction, locks in a fixed order:
 * 1. the user's points account (the ledger's lock) — serialises this user's redemptions, so the
 *    per-user limit and the balance check cannot be raced;
 * 2. one unit of stock with ONE conditional UPDATE (`stock > 0`);
 * 3. the redemption row, then the ledger debit (source `redemption:<id>`).
 * Any failure rolls back the stock together with the points.
 */
export async function redeem(db: Db, userId: number, rewardId: number, now: Date): Promise<RedemptionRow> {
  const reward = await loadReward(db, rewardId);
  if (!reward || reward.status !== 'active') throw notFound('找不到该兑换项');
  if (!isAvailable(reward, now)) throw conflict('reward_not_available', '该兑换项不在兑换期内');

  const id = await withTx(db, async (tx) => {
    const balance = await lockAccount(tx, userId);
    if (balance < reward.pointsCost) {
      throw conflict('insufficient_points', `积分不足：需要 ${reward.pointsCost} 分，当前余额 ${balance} 分`, { balance, required: reward.pointsCost });
    }
    if (reward.perUserLimit > 0) {
      const [{ n }] = await tx
        .select({ n: sql<number>`COUNT(*)` })
        .from(redemptions)
        .where(and(eq(redemptions.userId, userId), eq(redemptions.rewardId, rewardId), ne(redemptions.status, 'cancelled')));
      if (Number(n) >= reward.perUserLimit) throw conflict('redemption_limit_reached', `每人限兑 ${reward.perUserLimit} 次`, { limit: reward.perUserLimit });
    }
    const res = await tx
      .update(rewards)
      .set({ stock: sql`${rewards.stock} - 1` })
      .where(
        and(
          eq(rewards.id, rewardId),
          gt(rewards.stock, 0),
          eq(rewards.status, 'active'),
          or(isNull(rewards.validFrom), lte(rewards.validFrom, now)),
          or(isNull(rewards.validUntil), gt(rewards.validUntil, now)),
        ),
      );
    if (affected(res) === 0) throw conflict('out_of_stock', '该兑换项已兑完');
    // The row is ours now: charge what it costs at this moment, not what it cost when first read
    // (the debit checks the balance again and rolls the stock back if it falls short).
    const [current] = await tx.select({ pointsCost: rewards.pointsCost, name: rewards.name }).from(rewards).where(eq(rewards.id, rewardId));
    const redemptionId = await insertWithCode(tx, { rewardId, userId, complexId: reward.complexId, pointsCost: current.pointsCost, createdAt: now });
    await debit(tx, {
      userId,
      amount: current.pointsCost,
      reason: 'redemption',
      source: `redemption:${redemptionId}`,
      description: `兑换「${current.name}」`,
      complexId: reward.complexId,
      now,
    });
    return redemptionId;
  });
  return (await loadRedemption(db, id))!;
}

/** 8 random digits a worker can type; a collision (1 in 10^8 per pair) just draws again. */
async function insertWithCode(tx: Tx, values: Omit<typeof redemptions.$inferInsert, 'shortCode'>): Promise<number> {
  for (let i = 0; ; i++) {
    const shortCode = String(randomInt(0, 100_000_000)).padStart(8, '0');
    try {
      const [{ id }] = await tx.insert(redemptions).values({ ...values, shortCode }).$returningId();
      return id;
    } catch (e) {
      if (!isDuplicateKey(e) || i >= 5) throw e;
    }
  }
}

export async function loadRedemption(db: Db | Tx, id: number): Promise<RedemptionRow | null> {
  const [r] = await db.select().from(redemptions).where(eq(redemptions.id, id)).limit(1);
  return r ?? null;
}

/**
 * Cancels a redemption before fulfilment: the points come back once (`redemption_refund`,
 * same source) and the unit returns to stock. Cancelling again returns the cancelled redemption.
 * The resident cancels their own; a worker of the complex may cancel at the counter.
 */
export async function cancelRedemption(db: Db, user: AuthUser, redemptionId: number, now: Date): Promise<RedemptionRow> {
  const found = await loadRedemption(db, redemptionId);
  const own = found?.userId === user.id;
  if (!found || (!own && !(await canManageComplex(db, user, found.complexId)))) throw notFound('找不到该兑换记录');
  await withTx(db, async (tx) => {
    await lockAccount(tx, found.userId); // same lock order as redeem: account, then the rest
    const [r] = await tx.select().from(redemptions).where(eq(redemptions.id, redemptionId)).for('update');
    if (r.status === 'cancelled') return;
    if (r.status === 'fulfilled') throw conflict('already_fulfilled', '已核销的兑换不能取消');
    await tx.update(redemptions).set({ status: 'cancelled', cancelledAt: now, cancelledBy: user.id }).where(eq(redemptions.id, r.id));
    const [reward] = await tx.select({ name: rewards.name }).from(rewards).where(eq(rewards.id, r.rewardId));
    await adjust(tx, {
      userId: r.userId,
      delta: r.pointsCost,
      reason: 'redemption_refund',
      source: `redemption:${r.id}`,
      description: `取消兑换「${reward.name}」退回`,
      actorId: user.id,
      complexId: r.complexId,
      now,
    });
    await tx.update(rewards).set({ stock: sql`${rewards.stock} + 1` }).where(eq(rewards.id, r.rewardId));
  });
  return (await loadRedemption(db, redemptionId))!;
}

/** The QR payload (signed, not guessable) for a redemption. */
export const redemptionCode = (secret: string, id: number) => personalCode(secret, 'redemption', id);

export const redemptionQr = (secret: string, id: number) => QRCode.toDataURL(redemptionCode(secret, id), { margin: 1, width: 280 });

/** Finds the redemption a code names: the QR payload or the 8-digit short code. */
export async function findByCode(db: Db | Tx, secret: string, code: string): Promise<RedemptionRow | null> {
  const trimmed = code.trim();
  if (/^\d{8}$/.test(trimmed)) {
    const [r] = await db.select().from(redemptions).where(eq(redemptions.shortCode, trimmed)).limit(1);
    return r ?? null;
  }
  const parsed = verifyPersonalCode(secret, trimmed);
  if (!parsed || parsed.kind !== 'redemption') return null;
  return loadRedemption(db, parsed.id);
}

/** Only workers of the redemption's complex (and district admins) verify it at the counter. */
export async function assertCounterStaff(db: Db | Tx, user: AuthUser, r: RedemptionRow) {
  if (!(await canManageComplex(db, user, r.complexId))) throw forbidden('该兑换需在所属综合体核销');
}

/** Marks a pending redemption fulfilled (the counter handed it over). */
export async function fulfil(tx: Tx, user: AuthUser, redemptionId: number, now: Date): Promise<RedemptionRow> {
  const [r] = await tx.select().from(redemptions).where(eq(redemptions.id, redemptionId)).for('update');
  if (r.status === 'cancelled') throw conflict('redemption_cancelled', '该兑换已取消，积分已退回');
  if (r.status === 'fulfilled') {
    throw conflict('already_fulfilled', `该兑换已于 ${r.fulfilledAt!.toISOString()} 核销`, { fulfilledAt: r.fulfilledAt!.toISOString() });
  }
  await tx.update(redemptions).set({ status: 'fulfilled', fulfilledAt: now, fulfilledBy: user.id }).where(eq(redemptions.id, r.id));
  return { ...r, status: 'fulfilled', fulfilledAt: now, fulfilledBy: user.id };
}

/** Reward and complex names for presenting redemptions. */
export async function redemptionDetails(db: Db | Tx, rows: RedemptionRow[]) {
  if (rows.length === 0) return new Map<number, { rewardName: string; kind: string; complexName: string }>();
  const ids = [...new Set(rows.map((r) => r.rewardId))];
  const found = await db
    .select({ id: rewards.id, name: rewards.name, kind: rewards.kind, complexName: complexes.name })
    .from(rewards)
    .innerJoin(complexes, eq(complexes.id, rewards.complexId))
    .where(sql`${rewards.id} IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  return new Map(found.map((f) => [f.id, { rewardName: f.name, kind: f.kind, complexName: f.complexName }]));
}
