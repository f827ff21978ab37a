import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { careRequests, complexes, users } from '../../db/schema';
import type { CareStatus } from '../../../../shared/constants';
import type { CareRow } from './present';

/** The reads behind the care routes (一键养老 and the dispatch queue). */

export async function careRequestById(db: DbOrTx, id: number): Promise<CareRow | null> {
  const [row] = await db.select().from(careRequests).where(eq(careRequests.id, id));
  return row ?? null;
}

/** A senior's requests, newest first, before the id `before` (keyset); `limit` + 1 rows to tell whether there are more. */
export async function seniorCareRequests(db: DbOrTx, seniorId: number, before: number | null | undefined, limit: number): Promise<CareRow[]> {
  return db
    .select()
    .from(careRequests)
    .where(and(eq(careRequests.seniorId, seniorId), before ? lt(careRequests.id, before) : undefined))
    .orderBy(desc(careRequests.id))
    .limit(limit + 1);
}

/** What a one-tap request carries: the senior's saved address and masked phone, and the home complex. */
export async function careProfileOf(db: DbOrTx, seniorId: number) {
  const [u] = await db
    .select({ id: users.id, nickname: users.nickname, address: users.address, phoneMasked: users.phoneMasked, complexId: complexes.id, complexName: complexes.name, hotline: complexes.hotline })
    .from(users)
    .leftJoin(complexes, eq(complexes.id, users.homeComplexId))
    .where(eq(users.id, seniorId));
  return u ?? null;
}

interface QueueFilter {
  /** null = every complex */
  complexIds: number[] | null;
  /** null = every status */
  statuses: CareStatus[] | null;
  /** keyset position in the queue order: (priority, createdAt, id) of the last row seen */
  after: { priority: number; createdAt: Date; id: number } | null;
}

/** The dispatch queue: emergencies first, then oldest first (priority desc, createdAt asc, id asc); `limit` + 1 rows. */
export async function careQueue(db: DbOrTx, f: QueueFilter, limit: number): Promise<CareRow[]> {
  const conds: SQL[] = [];
  if (f.complexIds) conds.push(inArray(careRequests.complexId, f.complexIds));
  if (f.statuses) conds.push(inArray(careRequests.status, f.statuses));
  if (f.after) {
    const { priority: p, createdAt: c, id } = f.after;
    conds.push(or(lt(careRequests.priority, p), and(eq(careRequests.priority, p), or(gt(careRequests.createdAt, c), and(eq(careRequests.createdAt, c), gt(careRequests.id, id)))))!);
  }
  return db
    .select()
    .from(careRequests)
    .where(and(...conds))
    .orderBy(desc(careRequests.priority), asc(careRequests.createdAt), asc(careRequests.id))
    .limit(limit + 1);
}

/** Emergencies still waiting to be accepted that were made at or before `overdueBefore`. */
export async function overdueEmergencyCount(db: DbOrTx, complexIds: number[] | null, overdueBefore: Date): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)` })
    .from(careRequests)
    .where(
      and(
        complexIds ? inArray(careRequests.complexId, complexIds) : undefined,
        eq(careRequests.status, 'submitted'),
        eq(careRequests.priority, 1),
        sql`${careRequests.createdAt} <= ${overdueBefore}`,
      ),
    );
  return Number(n);
}
