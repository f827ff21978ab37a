import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { isDuplicateKey } from '../../db/client';
import { rewards } from '../../db/schema';
import { conflict, validationFailed } from '../../errors';
import type { RewardKind } from '../../../../shared/volunteer';

export type RewardRow = typeof rewards.$inferSelect;

export interface RewardInput {
  complexId: number;
  kind: RewardKind;
  name: string;
  description?: string;
  pointsCost: number;
  stock: number;
  perUserLimit?: number;
  validFrom?: Date | null;
  validUntil?: Date | null;
}

export interface RewardPatch {
  name?: string;
  description?: string;
  pointsCost?: number;
  /** stock to add (negative takes stock away, never below 0); absolute values would race redemptions */
  addStock?: number;
  perUserLimit?: number;
  validFrom?: Date | null;
  validUntil?: Date | null;
  status?: 'active' | 'archived';
}

const affected = (r: unknown) => (r as [{ affectedRows: number }])[0].affectedRows;

function checkPeriod(from: Date | null | undefined, until: Date | null | undefined) {
  if (from && until && until <= from) throw validationFailed({ validUntil: '截止时间须晚于开始时间' });
}

/** Adds a reward to a complex's catalogue (the caller checked the worker runs the complex). */
export async function createReward(tx: Tx, actorId: number, input: RewardInput): Promise<number> {
  checkPeriod(input.validFrom, input.validUntil);
  try {
    const [{ id }] = await tx
      .insert(rewards)
      .values({ ...input, description: input.description ?? '', perUserLimit: input.perUserLimit ?? 1, validFrom: input.validFrom ?? null, validUntil: input.validUntil ?? null, createdBy: actorId })
      .$returningId();
    return id;
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('reward_exists', '该综合体已有同名兑换项');
    throw e;
  }
}

export async function updateReward(tx: Tx, reward: RewardRow, patch: RewardPatch): Promise<void> {
  const { addStock, ...rest } = patch;
  checkPeriod(rest.validFrom === undefined ? reward.validFrom : rest.validFrom, rest.validUntil === undefined ? reward.validUntil : rest.validUntil);
  if (Object.keys(rest).length > 0) {
    try {
      await tx.update(rewards).set(rest).where(eq(rewards.id, reward.id));
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('reward_exists', '该综合体已有同名兑换项');
      throw e;
    }
  }
  if (addStock) {
    const res = await tx
      .update(rewards)
      .set({ stock: sql`${rewards.stock} + ${addStock}` })
      .where(and(eq(rewards.id, reward.id), sql`${rewards.stock} + ${addStock} >= 0`));
    if (affected(res) === 0) throw conflict('stock_negative', '减少的数量超过现有库存');
  }
}

export async function loadReward(db: DbOrTx, id: number): Promise<RewardRow | null> {
  const [r] = await db.select().from(rewards).where(eq(rewards.id, id)).limit(1);
  return r ?? null;
}

/** Whether the reward can be redeemed at `now` (ignoring stock). */
export function isAvailable(r: RewardRow, now: Date): boolean {
  return r.status === 'active' && (!r.validFrom || r.validFrom <= now) && (!r.validUntil || r.validUntil > now);
}
