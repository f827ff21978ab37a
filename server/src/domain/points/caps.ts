import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointsCaps } from '../../db/schema';
import type { PointsReason } from '../../../../shared/constants';

/**
 * Daily earning caps per reason (Asia/Shanghai day), so points cannot be farmed.
 *
 * Decision: the caps live in the `points_caps` table, editable by district admins
 * (PUT /api/v1/admin/points/caps/:reason, audited), not in an env variable: every domain that
 * credits points (booking, opinions, volunteering) gets the same caps without plumbing config
 * through, and the district can tighten a cap the day farming shows up without a redeploy.
 * A reason without a row uses the default below; a row with NULL means "no cap".
 */
export const DAILY_EARN_CAPS: Partial<Record<PointsReason, number>> = {
  activity_checkin: 50,
  volunteer_hours: 200,
  evaluation: 20,
  opinion_adopted: 100,
};

/** Reasons that earn points and so may be capped (spending and corrections are never capped). */
export const EARN_REASONS = ['activity_checkin', 'volunteer_hours', 'opinion_adopted', 'evaluation'] as const satisfies readonly PointsReason[];

export async function dailyCapFor(db: DbOrTx, reason: PointsReason): Promise<number | null> {
  const [row] = await db.select({ cap: pointsCaps.dailyCap }).from(pointsCaps).where(eq(pointsCaps.reason, reason)).limit(1);
  if (row) return row.cap;
  return DAILY_EARN_CAPS[reason] ?? null;
}

/** The effective cap of every earning reason, and whether it was configured or is the default. */
export async function listCaps(db: DbOrTx) {
  const rows = await db.select().from(pointsCaps);
  const byReason = new Map(rows.map((r) => [r.reason, r]));
  return EARN_REASONS.map((reason) => {
    const row = byReason.get(reason);
    return {
      reason,
      dailyCap: row ? row.dailyCap : (DAILY_EARN_CAPS[reason] ?? null),
      configured: !!row,
      updatedAt: row ? row.updatedAt.toISOString() : null,
    };
  });
}

export async function setCap(db: DbOrTx, reason: PointsReason, dailyCap: number | null, actorId: number) {
  await db.insert(pointsCaps).values({ reason, dailyCap, updatedBy: actorId }).onDuplicateKeyUpdate({ set: { dailyCap, updatedBy: actorId } });
}

