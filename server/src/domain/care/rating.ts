import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { careRequests } from '../../db/schema';
import { conflict, forbidden } from '../../errors';
import type { AuthUser } from '../access/actor';
import { CARE_KIND_LABELS, CARE_RATING_POINTS } from '../../../../shared/constants';
import { credit } from '../points/ledger';
import { loadForUpdate } from './steps';
import type { CareRow } from './present';

/**
 * The senior rates a completed service once (1–5 and a comment) and earns evaluation points once,
 * source `care:<id>` (the ledger's daily cap for evaluations applies).
 */
export async function rateCare(tx: Tx, o: { requestId: number; user: AuthUser; rating: number; comment: string; now: Date }) {
  const { row } = await loadForUpdate(tx, o.user, o.requestId);
  if (row.seniorId !== o.user.id) throw forbidden('只有长辈本人可以评价');
  if (row.status !== 'completed') throw conflict('not_completed', '服务完成后才能评价');
  if (row.rating !== null) throw conflict('already_rated', '您已经评价过了');
  await tx.update(careRequests).set({ rating: o.rating, ratingComment: o.comment, ratedAt: o.now }).where(eq(careRequests.id, row.id));
  const points = await credit(tx, {
    userId: row.seniorId,
    delta: CARE_RATING_POINTS,
    reason: 'evaluation',
    source: `care:${row.id}`,
    description: `评价${CARE_KIND_LABELS[row.kind]}服务`,
    now: o.now,
  });
  const [after] = await tx.select().from(careRequests).where(eq(careRequests.id, row.id));
  return { row: after as CareRow, pointsEarned: points.entry && !points.duplicate ? points.entry.delta : 0 };
}
