import { and, desc, eq, isNotNull, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { residencies, users } from '../../db/schema';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * 居民认证: the residents who claimed this complex, waiting (`claimed`) or done (`verified`), newest
 * first; `q` matches the name or the masked phone (e.g. its last four digits).
 */
export async function listClaims(db: DbOrTx, complexId: number, q: { status: 'claimed' | 'verified'; search?: string; before?: number; limit: number }) {
  const conds: SQL[] = [eq(users.homeComplexId, complexId), q.status === 'verified' ? isNotNull(residencies.verifiedAt) : isNull(residencies.verifiedAt)];
  if (q.search) {
    const p = `%${escapeLike(q.search)}%`;
    conds.push(or(like(users.nickname, p), like(users.realName, p), like(users.phoneMasked, p))!);
  }
  if (q.before) conds.push(lt(users.id, q.before));
  const rows = await db
    .select({ userId: users.id, nickname: users.nickname, realName: users.realName, phoneMasked: users.phoneMasked, claimedAt: residencies.claimedAt, verifiedAt: residencies.verifiedAt })
    .from(users)
    .leftJoin(residencies, and(eq(residencies.userId, users.id), eq(residencies.complexId, complexId)))
    .where(and(...conds))
    .orderBy(desc(users.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      userId: r.userId,
      name: r.realName || r.nickname || `居民 #${r.userId}`,
      phoneMasked: r.phoneMasked,
      status: (r.verifiedAt ? 'verified' : 'claimed') as 'verified' | 'claimed',
      claimedAt: r.claimedAt?.toISOString() ?? null,
      verifiedAt: r.verifiedAt?.toISOString() ?? null,
    })),
    nextBefore: rows.length > q.limit ? page[page.length - 1].userId : null,
  };
}
