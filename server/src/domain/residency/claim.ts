import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { residencies, users } from '../../db/schema';
import { validationFailed } from '../../errors';
import { findComplex } from '../places/queries';
import { residencyOf, type Residency } from './status';

/**
 * PATCH /me {homeComplexId}: the resident *claims* a home. Claiming the home they already have
 * changes nothing (a verified home stays verified); any other complex replaces the claim, so the
 * status is `claimed` again and a worker there has to verify it. Ballots already cast stay.
 */
export async function claimHome(tx: Tx, userId: number, complexId: number | null, now: Date): Promise<Residency> {
  // Lock order: the user row first, before any plain read. Every change of a residency (claim,
  // verify, revoke) holds this lock, so the plain reads below — whose snapshot starts after it —
  // see the latest state. (A FOR UPDATE on the missing residencies row would take a gap lock, and
  // many new residents claiming at once then deadlock on the insert.)
  const [u] = await tx.select({ home: users.homeComplexId }).from(users).where(eq(users.id, userId)).for('update');
  if (complexId !== null) {
    const c = await findComplex(tx, complexId);
    if (!c || c.archivedAt) throw validationFailed({ homeComplexId: '该民生综合体不存在' });
  }
  const [row] = await tx.select().from(residencies).where(eq(residencies.userId, userId));
  if (complexId === null) {
    await tx.update(users).set({ homeComplexId: null }).where(eq(users.id, userId));
    if (row) await tx.delete(residencies).where(eq(residencies.userId, userId));
  } else if (u?.home !== complexId || !row || row.complexId !== complexId) {
    await tx.update(users).set({ homeComplexId: complexId }).where(eq(users.id, userId));
    await tx
      .insert(residencies)
      .values({ userId, complexId, claimedAt: now, verifiedAt: null, verifiedBy: null })
      .onDuplicateKeyUpdate({ set: { complexId, claimedAt: now, verifiedAt: null, verifiedBy: null } });
  }
  return residencyOf(tx, userId);
}
