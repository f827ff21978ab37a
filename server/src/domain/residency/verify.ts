import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { complexes, residencies, users } from '../../db/schema';
import { conflict, forbidden, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { assertCanManageComplex } from '../access/scope';
import { notify } from '../notifications/notify';
import { grantWelcome } from '../points/transfers';
import { WELCOME_POINTS } from '../../../../shared/helping';
import { HOW_TO_VERIFY } from './status';

export interface Decision {
  userId: number;
  complexId: number;
  status: 'verified' | 'claimed';
  verifiedAt: Date | null;
  /** false when the call changed nothing (already verified): no audit entry, no message */
  changed: boolean;
}

/** Locks the resident's row and their claim; the claim must be on this complex. */
async function lockClaim(tx: Tx, complexId: number, userId: number) {
  const [u] = await tx.select({ id: users.id, home: users.homeComplexId }).from(users).where(eq(users.id, userId)).for('update');
  if (!u) throw notFound('找不到该居民');
  const [row] = await tx.select().from(residencies).where(eq(residencies.userId, userId)).for('update');
  if (u.home !== complexId || !row || row.complexId !== complexId) throw conflict('not_claimed', '该居民没有把本综合体设为“我的综合体”，无法认证');
  const [c] = await tx.select({ name: complexes.name }).from(complexes).where(eq(complexes.id, complexId));
  return { row, complexName: c?.name ?? '' };
}

/**
 * A worker of the complex, its street admin or a district admin confirms that the resident lives
 * there. Staff cannot verify themselves. Verifying twice is harmless.
 */
export async function verifyResident(tx: Tx, actor: AuthUser, complexId: number, userId: number, now: Date): Promise<Decision> {
  await assertCanManageComplex(tx, actor, complexId);
  if (actor.id === userId) throw forbidden('不能认证自己，请由其他工作人员认证');
  const { row, complexName } = await lockClaim(tx, complexId, userId);
  if (row.verifiedAt) return { userId, complexId, status: 'verified', verifiedAt: row.verifiedAt, changed: false };
  await tx.update(residencies).set({ verifiedAt: now, verifiedBy: actor.id }).where(eq(residencies.userId, userId));
  // the welcome balance, once per person ever (a second verification elsewhere pays nothing)
  const welcomed = await grantWelcome(tx, userId, complexId, now);
  await notify(tx, userId, {
    kind: 'residency_verified',
    title: '您的综合体已认证',
    body: `工作人员已确认您是「${complexName}」的居民，现在可以参加本社区、本街道的投票和综合体评价${welcomed ? `，并获得 ${WELCOME_POINTS} 积分新人积分，可在「邻里互助」请邻居帮忙` : ''}。`,
    link: '/pages/me/index',
  });
  return { userId, complexId, status: 'verified', verifiedAt: now, changed: true };
}

/** Takes a verification back (e.g. a mistaken one): the home stays claimed and must be verified again. */
export async function revokeResident(tx: Tx, actor: AuthUser, complexId: number, userId: number, reason: string | undefined): Promise<Decision> {
  await assertCanManageComplex(tx, actor, complexId);
  const { row, complexName } = await lockClaim(tx, complexId, userId);
  if (!row.verifiedAt) throw conflict('not_verified', '该居民尚未认证，无需撤销');
  await tx.update(residencies).set({ verifiedAt: null, verifiedBy: null }).where(eq(residencies.userId, userId));
  await notify(tx, userId, {
    kind: 'residency_revoked',
    title: '您的综合体认证已撤销',
    body: `「${complexName}」撤销了您的居民认证${reason ? `（${reason}）` : ''}。${HOW_TO_VERIFY}`,
    link: '/pages/me/index',
  });
  return { userId, complexId, status: 'claimed', verifiedAt: null, changed: true };
}

export const presentDecision = (d: Decision) => ({ userId: d.userId, complexId: d.complexId, status: d.status, verifiedAt: d.verifiedAt?.toISOString() ?? null });
