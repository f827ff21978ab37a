import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { familyLinks } from '../../db/schema';
import { notFound } from '../../errors';

/**
 * Whether `actorId` may act for `seniorId` (亲情代办): the senior themselves, or a family member
 * with an active link. Other domains (booking for a senior) call `assertCanActFor` before acting
 * and record the action with `onBehalfOf` in the audit log.
 */
export async function canActFor(db: DbOrTx, actorId: number, seniorId: number): Promise<boolean> {
  if (actorId === seniorId) return true;
  const [row] = await db
    .select({ id: familyLinks.id })
    .from(familyLinks)
    .where(and(eq(familyLinks.seniorId, seniorId), eq(familyLinks.familyId, actorId), eq(familyLinks.status, 'active')))
    .limit(1);
  return !!row;
}

/** Throws 404 (the senior's data does not exist for this caller) unless `actorId` may act for `seniorId`. */
export async function assertCanActFor(db: DbOrTx, actorId: number, seniorId: number): Promise<void> {
  if (!(await canActFor(db, actorId, seniorId))) throw notFound('找不到这位长辈，或您还不是TA的亲情代办家人');
}

/** Family members with an active link to the senior (they are told about the senior's care requests). */
export async function linkedFamilyIds(db: DbOrTx, seniorId: number): Promise<number[]> {
  const rows = await db
    .select({ id: familyLinks.familyId })
    .from(familyLinks)
    .where(and(eq(familyLinks.seniorId, seniorId), eq(familyLinks.status, 'active')));
  return rows.map((r) => r.id);
}
