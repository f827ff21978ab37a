import { and, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { complexes, residencies, users } from '../../db/schema';
import type { ResidencyStatus } from '../../../../shared/api/residency';

/** How a resident gets verified — the steps the 我的 screen really offers. Shown in every refusal. */
export const HOW_TO_VERIFY = '请在「我的 → 我的综合体」选择您居住的民生综合体，然后到综合体服务台出示认证码，或等待工作人员认证。';

export interface Residency {
  complexId: number | null;
  complexName: string | null;
  status: ResidencyStatus;
  verifiedAt: Date | null;
}

/** The status follows from the claimed home and the verification row of that same complex. */
export function statusOf(homeComplexId: number | null, row: { complexId: number; verifiedAt: Date | null } | undefined | null): Omit<Residency, 'complexName'> & { complexName: null } {
  if (homeComplexId === null) return { complexId: null, complexName: null, status: 'none', verifiedAt: null };
  const verified = !!row && row.complexId === homeComplexId && row.verifiedAt !== null;
  return { complexId: homeComplexId, complexName: null, status: verified ? 'verified' : 'claimed', verifiedAt: verified ? row!.verifiedAt : null };
}

export async function residencyOf(db: DbOrTx, userId: number): Promise<Residency> {
  const [r] = await db
    .select({ home: users.homeComplexId, homeName: complexes.name, complexId: residencies.complexId, verifiedAt: residencies.verifiedAt })
    .from(users)
    .leftJoin(residencies, eq(residencies.userId, users.id))
    .leftJoin(complexes, eq(complexes.id, users.homeComplexId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!r) return { complexId: null, complexName: null, status: 'none', verifiedAt: null };
  return { ...statusOf(r.home, r.complexId === null ? null : { complexId: r.complexId, verifiedAt: r.verifiedAt }), complexName: r.homeName ?? null };
}

/**
 * The caller's verified home with its community and street, or null: what community- and
 * street-electorate votes and complex ratings count.
 */
export async function verifiedHome(db: DbOrTx, userId: number): Promise<{ complexId: number; communityId: number | null; streetId: number } | null> {
  const [r] = await db
    .select({ complexId: complexes.id, communityId: complexes.communityId, streetId: complexes.streetId })
    .from(users)
    .innerJoin(residencies, and(eq(residencies.userId, users.id), eq(residencies.complexId, users.homeComplexId), isNotNull(residencies.verifiedAt)))
    .innerJoin(complexes, eq(complexes.id, residencies.complexId))
    .where(eq(users.id, userId))
    .limit(1);
  return r ?? null;
}
