import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { activities, communities, complexes, facilities, slotBookings, spaces } from '../../db/schema';

export async function findComplex(db: DbOrTx, id: number) {
  const [c] = await db.select().from(complexes).where(eq(complexes.id, id)).limit(1);
  return c ?? null;
}

export async function findCommunity(db: DbOrTx, id: number) {
  const [c] = await db.select().from(communities).where(eq(communities.id, id)).limit(1);
  return c ?? null;
}

export async function findFacility(db: DbOrTx, id: number) {
  const [f] = await db.select().from(facilities).where(eq(facilities.id, id)).limit(1);
  return f ?? null;
}

export async function findSpace(db: DbOrTx, id: number) {
  const [s] = await db.select().from(spaces).where(eq(spaces.id, id)).limit(1);
  return s ?? null;
}

/** The complex's facilities that are not archived, main site first; locked when deciding a write. */
export async function activeFacilities(db: DbOrTx, complexId: number, lock = false) {
  const q = db
    .select()
    .from(facilities)
    .where(and(eq(facilities.complexId, complexId), isNull(facilities.archivedAt)))
    .orderBy(asc(facilities.id))
    .$dynamic();
  const rows = lock ? await q.for('update') : await q;
  return [...rows.filter((f) => f.isMain), ...rows.filter((f) => !f.isMain)];
}

/** Whether anything was ever booked in the space: an activity held there or a slot booking. */
export async function spaceHasBookings(db: DbOrTx, spaceId: number): Promise<boolean> {
  const [a] = await db.select({ id: activities.id }).from(activities).where(eq(activities.spaceId, spaceId)).limit(1);
  if (a) return true;
  const [b] = await db.select({ id: slotBookings.id }).from(slotBookings).where(eq(slotBookings.spaceId, spaceId)).limit(1);
  return !!b;
}

export async function communitiesOf(db: DbOrTx, streetId?: number) {
  return db
    .select({ id: communities.id, streetId: communities.streetId, name: communities.name })
    .from(communities)
    .where(streetId ? eq(communities.streetId, streetId) : undefined)
    .orderBy(asc(communities.streetId), asc(communities.id));
}

