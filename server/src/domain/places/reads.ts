import { and, asc, eq, isNull, min, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { communities, complexPhotos, complexes, facilities, spaces, staffComplexes, streets, users } from '../../db/schema';
import { haversineM } from './geo';
import { complexPhotoUrl } from './photos';

/** The reads behind the public place pages (streets, the complex list, a complex page). */

export function streetList(db: DbOrTx) {
  return db.select({ id: streets.id, name: streets.name, kind: streets.kind }).from(streets).orderBy(asc(streets.sortOrder), asc(streets.id));
}

/** Every complex that is not archived, by id, with its street and cover photo (reference data: cache it). */
export async function complexRows(db: DbOrTx) {
  const rows = await db
    .select({
      id: complexes.id,
      name: complexes.name,
      mode: complexes.mode,
      streetId: complexes.streetId,
      streetName: streets.name,
      address: complexes.address,
      lat: complexes.lat,
      lng: complexes.lng,
      coverPhotoId: sql<number | null>`(SELECT ${min(complexPhotos.id)} FROM ${complexPhotos} WHERE ${complexPhotos.complexId} = ${complexes.id})`,
    })
    .from(complexes)
    .innerJoin(streets, eq(streets.id, complexes.streetId))
    .where(isNull(complexes.archivedAt))
    .orderBy(asc(complexes.id));
  return rows.map(({ coverPhotoId, ...r }) => ({ ...r, coverPhotoUrl: coverPhotoId ? complexPhotoUrl(Number(coverPhotoId)) : null }));
}
type ComplexRow = Awaited<ReturnType<typeof complexRows>>[number];

/**
 * One page of the complex list from the rows above: filtered by street; with a point the nearest
 * first (ties by id), each with its distance. `offset`/`limit` page it (no limit: the whole list).
 */
export function complexPage(rows: ComplexRow[], q: { streetId?: number; lat?: number; lng?: number; offset: number; limit?: number }) {
  const point = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : null;
  let list: Array<ComplexRow & { distanceM?: number }> = q.streetId ? rows.filter((r) => r.streetId === q.streetId) : rows;
  if (point) {
    const exact = list.map((r) => ({ r, d: haversineM(point.lat, point.lng, r.lat, r.lng) }));
    exact.sort((x, y) => x.d - y.d || x.r.id - y.r.id);
    list = exact.map(({ r, d }) => ({ ...r, distanceM: Math.round(d) }));
  }
  if (!q.limit) return { items: list, more: false };
  return { items: list.slice(q.offset, q.offset + q.limit), more: list.length > q.offset + q.limit };
}

/** What a complex page shows that changes only through the places endpoints (null: no such complex). */
export async function complexStatic(db: Db, id: number) {
  const [c] = await db
    .select({ complex: complexes, streetName: streets.name, communityName: communities.name })
    .from(complexes)
    .innerJoin(streets, eq(streets.id, complexes.streetId))
    .leftJoin(communities, eq(communities.id, complexes.communityId))
    .where(eq(complexes.id, id))
    .limit(1);
  if (!c) return null;
  const facs = await db.select().from(facilities).where(and(eq(facilities.complexId, id), isNull(facilities.archivedAt))).orderBy(asc(facilities.id));
  const sps = await db.select().from(spaces).where(and(eq(spaces.complexId, id), isNull(spaces.archivedAt))).orderBy(asc(spaces.id));
  const photos = await db.select({ id: complexPhotos.id, width: complexPhotos.width, height: complexPhotos.height }).from(complexPhotos).where(eq(complexPhotos.complexId, id)).orderBy(asc(complexPhotos.id));
  const main = facs.find((f) => f.isMain) ?? { lat: c.complex.lat, lng: c.complex.lng };
  const { createdAt: _c, archivedAt, ...complex } = c.complex;
  return {
    ...complex,
    streetName: c.streetName,
    communityName: c.communityName,
    archived: archivedAt !== null,
    photos: photos.map((p) => ({ ...p, url: complexPhotoUrl(p.id) })),
    coverPhotoUrl: photos[0] ? complexPhotoUrl(photos[0].id) : null,
    facilities: facs.map((f) => ({
      id: f.id,
      name: f.name,
      address: f.address,
      lat: f.lat,
      lng: f.lng,
      isMain: f.isMain,
      distanceM: Math.round(haversineM(main.lat, main.lng, f.lat, f.lng)),
    })),
    spaces: sps.map((s) => ({ id: s.id, name: s.name, type: s.type, bookable: s.bookable, capacity: s.capacity, facilityId: s.facilityId, description: s.description })),
  };
}

export async function complexExists(db: DbOrTx, id: number): Promise<boolean> {
  const [c] = await db.select({ id: complexes.id }).from(complexes).where(eq(complexes.id, id));
  return !!c;
}

/** The complex's active workers (names and masked phones), for assigning an opinion. */
export function complexWorkers(db: DbOrTx, complexId: number) {
  return db
    .select({ id: users.id, nickname: users.nickname, realName: users.realName, phoneMasked: users.phoneMasked })
    .from(staffComplexes)
    .innerJoin(users, eq(users.id, staffComplexes.userId))
    .where(and(eq(staffComplexes.complexId, complexId), eq(users.role, 'worker'), eq(users.disabled, false)))
    .orderBy(asc(users.id));
}
