import { and, asc, between, eq, gte, isNull, lt, lte, sql, type Placeholder } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inList, preparedFor } from '../../db/prepared';
import { activities, complexes, facilities, spaces } from '../../db/schema';
import { SPACE_TYPE_LABELS, WALK_METERS_PER_MINUTE } from '../../../../shared/constants';
import { boundingBox, distanceSql } from '../places/geo';
import { shanghaiDay, shanghaiDayStart } from '../time/shanghai';

/** Walking minutes for a distance at WALK_METERS_PER_MINUTE, at least 1. */
export const walkMinutes = (distanceM: number) => Math.max(1, Math.ceil(distanceM / WALK_METERS_PER_MINUTE));

const tenth = (m: number) => Math.round(m * 10) / 10;

type Value = number | Placeholder;
interface Within {
  lat: Value;
  lng: Value;
  minLat: Value;
  maxLat: Value;
  minLng: Value;
  maxLng: Value;
  radiusM: Value;
  limit: Value;
}

function facilitiesSelect(db: DbOrTx, v: Within) {
  const dist = distanceSql(facilities.lat, facilities.lng, v.lat, v.lng);
  return db
    .select({
      id: facilities.id,
      complexId: facilities.complexId,
      name: facilities.name,
      address: facilities.address,
      lat: facilities.lat,
      lng: facilities.lng,
      isMain: facilities.isMain,
      distanceM: dist,
    })
    .from(facilities)
    .where(and(between(facilities.lat, v.minLat, v.maxLat), between(facilities.lng, v.minLng, v.maxLng), lte(dist, v.radiusM), isNull(facilities.archivedAt)))
    .orderBy(asc(dist), asc(facilities.id))
    .limit(v.limit);
}

/**
 * Facilities within `radiusM` of a point, nearest first. The lat/lng box goes first so MariaDB
 * reads a range of facilities_lat_lng_idx (lat as the range, lng checked inside the index) and
 * computes the exact great-circle distance only for rows in the box. Exported so tests and the
 * benchmark EXPLAIN exactly this statement.
 */
export function facilitiesWithin(db: DbOrTx, lat: number, lng: number, radiusM: number, limit: number) {
  return facilitiesSelect(db, { lat, lng, ...boundingBox(lat, lng, radiusM), radiusM, limit });
}

// The circle's statements, built once (db/prepared.ts): the same SQL with the values bound at run time.
const P = (name: string) => sql.placeholder(name);
const facilitiesNear = preparedFor((db) =>
  facilitiesSelect(db, { lat: P('lat'), lng: P('lng'), minLat: P('minLat'), maxLat: P('maxLat'), minLng: P('minLng'), maxLng: P('maxLng'), radiusM: P('radiusM'), limit: P('limit') }).prepare(),
);
const liveComplexNames = preparedFor((db) =>
  db
    .select({ id: complexes.id, name: complexes.name })
    .from(complexes)
    .where(and(inList(complexes.id, 'ids'), isNull(complexes.archivedAt)))
    .prepare(),
);
const spacesOf = preparedFor((db) =>
  db
    .select({ id: spaces.id, name: spaces.name, type: spaces.type, bookable: spaces.bookable, capacity: spaces.capacity, facilityId: spaces.facilityId, complexId: spaces.complexId })
    .from(spaces)
    .where(and(inList(spaces.facilityId, 'ids'), isNull(spaces.archivedAt)))
    .prepare(),
);
const activitiesOfDay = preparedFor((db) =>
  db
    .select({
      id: activities.id,
      title: activities.title,
      complexId: activities.complexId,
      spaceId: activities.spaceId,
      location: activities.location,
      startAt: activities.startAt,
      endAt: activities.endAt,
      capacity: activities.capacity,
      bookedCount: activities.bookedCount,
      elderFriendly: activities.elderFriendly,
      facilityId: spaces.facilityId,
    })
    .from(activities)
    .leftJoin(spaces, eq(spaces.id, activities.spaceId))
    .where(and(inList(activities.complexId, 'ids'), gte(activities.startAt, P('from')), lt(activities.startAt, P('to')), eq(activities.status, 'published')))
    .orderBy(asc(activities.startAt), asc(activities.id))
    .limit(P('limit'))
    .prepare(),
);

export interface NearbyInput {
  lat: number;
  lng: number;
  minutes: number;
  limit: number;
  now: Date;
}

/**
 * The 10-minute service circle (十分钟服务圈): facilities, their "7+X" spaces and today's published
 * activities within `minutes` on foot, each with its distance and walking minutes, nearest first.
 */
export async function serviceCircle(db: DbOrTx, o: NearbyInput) {
  const radiusM = o.minutes * WALK_METERS_PER_MINUTE;
  const near = await facilitiesNear(db).execute({ lat: o.lat, lng: o.lng, ...boundingBox(o.lat, o.lng, radiusM), radiusM, limit: o.limit });
  const found = near.map((f) => ({ ...f, distanceM: Number(f.distanceM) }));
  const foundComplexIds = [...new Set(found.map((f) => f.complexId))];
  // archived complexes (场所管理) leave the circle with their sites
  const names = new Map(
    foundComplexIds.length
      ? (await liveComplexNames(db).execute({ ids: foundComplexIds })).map((c) => [c.id, c.name])
      : [],
  );
  const facs = found.filter((f) => names.has(f.complexId));
  const complexIds = [...new Set(facs.map((f) => f.complexId))];
  const facById = new Map(facs.map((f) => [f.id, f]));
  // nearest reachable facility of each complex (facs is nearest-first)
  const nearestOfComplex = new Map<number, (typeof facs)[number]>();
  for (const f of facs) if (!nearestOfComplex.has(f.complexId)) nearestOfComplex.set(f.complexId, f);

  const spaceRows = facs.length ? await spacesOf(db).execute({ ids: facs.map((f) => f.id) }) : [];

  const dayStart = shanghaiDayStart(o.now);
  const dayEnd = new Date(dayStart.getTime() + 24 * 3600_000);
  const activityRows = complexIds.length
    ? await activitiesOfDay(db).execute({ ids: complexIds, from: activities.startAt.mapToDriverValue(dayStart), to: activities.startAt.mapToDriverValue(dayEnd), limit: o.limit })
    : [];

  const place = (f: (typeof facs)[number]) => ({
    facilityId: f.id,
    facilityName: f.name,
    complexId: f.complexId,
    complexName: names.get(f.complexId) ?? '',
    lat: f.lat,
    lng: f.lng,
    distanceM: tenth(f.distanceM),
    walkMinutes: walkMinutes(f.distanceM),
  });
  const byDistance = <T extends { distanceM: number; id: number }>(a: T, b: T) => a.distanceM - b.distanceM || a.id - b.id;

  return {
    center: { lat: o.lat, lng: o.lng },
    minutes: o.minutes,
    radiusM,
    walkMetersPerMinute: WALK_METERS_PER_MINUTE,
    date: shanghaiDay(dayStart),
    facilities: facs.map((f) => ({ id: f.id, name: f.name, address: f.address, isMain: f.isMain, ...place(f) })),
    spaces: spaceRows
      .map((s) => ({ id: s.id, name: s.name, type: s.type, typeLabel: SPACE_TYPE_LABELS[s.type], bookable: s.bookable, capacity: s.capacity, ...place(facById.get(s.facilityId!)!) }))
      .sort(byDistance),
    activities: activityRows
      .map((a) => {
        const f = (a.facilityId !== null ? facById.get(a.facilityId) : undefined) ?? nearestOfComplex.get(a.complexId)!;
        return {
          id: a.id,
          title: a.title,
          location: a.location,
          startAt: a.startAt.toISOString(),
          endAt: a.endAt.toISOString(),
          capacity: a.capacity,
          bookedCount: a.bookedCount,
          elderFriendly: a.elderFriendly,
          ...place(f),
        };
      })
      .sort(byDistance),
  };
}
