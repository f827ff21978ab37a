import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import type { DbOrTx } from '../../db/client';
import { auditLogs, familyLinks, users } from '../../db/schema';
import type { FamilyLink } from './linking';

/** The reads behind the family routes (亲情代办). */

/** The other side of a link as shown to the viewer: id, nickname, masked phone. */
export async function linkPartyOf(db: DbOrTx, userId: number) {
  const [o] = await db.select({ id: users.id, nickname: users.nickname, phoneMasked: users.phoneMasked }).from(users).where(eq(users.id, userId));
  return o;
}

/** The account with this phone hash, if any. */
export async function userIdByPhoneHash(db: DbOrTx, phoneHash: string): Promise<number | null> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.phoneHash, phoneHash));
  return u?.id ?? null;
}

/** A link by id only when `seniorId` is its senior. */
export async function seniorsLink(db: DbOrTx, linkId: number, seniorId: number): Promise<FamilyLink | null> {
  const [link] = await db.select().from(familyLinks).where(and(eq(familyLinks.id, linkId), eq(familyLinks.seniorId, seniorId)));
  return link ?? null;
}

/** The caller's links, newest first: as the senior pending and active ones, as family active ones only. */
export async function linksOf(db: DbOrTx, userId: number): Promise<FamilyLink[]> {
  return db
    .select()
    .from(familyLinks)
    .where(or(and(eq(familyLinks.seniorId, userId), inArray(familyLinks.status, ['pending', 'active'])), and(eq(familyLinks.familyId, userId), eq(familyLinks.status, 'active'))))
    .orderBy(desc(familyLinks.id));
}

/** What family members did for the senior (audit entries on their behalf), newest first before `before`; `limit` + 1 rows. */
export async function proxyActionsFor(db: DbOrTx, seniorId: number, before: number | null | undefined, limit: number) {
  const actor = alias(users, 'actor');
  return db
    .select({ log: auditLogs, nickname: actor.nickname })
    .from(auditLogs)
    .innerJoin(actor, eq(actor.id, auditLogs.actorId))
    .where(and(eq(auditLogs.onBehalfOf, seniorId), before ? lt(auditLogs.id, before) : undefined))
    .orderBy(desc(auditLogs.id))
    .limit(limit + 1);
}
