import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { users } from '../../db/schema';
import { notFound } from '../../errors';
import { adjust } from './ledger';

/** A district admin's signed adjustment of one resident's points, with the written reason (never below zero). */
export async function adminAdjust(tx: Tx, actorId: number, input: { userId: number; delta: number; reason: string }, now: Date) {
  const [target] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).limit(1);
  if (!target) throw notFound('找不到该用户');
  const r = await adjust(tx, {
    userId: input.userId,
    delta: input.delta,
    reason: 'admin_adjustment',
    source: `admin:${randomUUID()}`,
    description: `管理员调整：${input.reason}`,
    actorId,
    now,
  });
  return { entryId: r.entry!.id, userId: input.userId, delta: input.delta, balance: r.balance, description: r.entry!.description };
}
