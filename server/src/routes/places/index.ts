import { and, asc, eq, isNull, min, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { communities, complexPhotos, complexes, facilities, spaces, staffComplexes, streets, users } from '../../db/schema';
import { occupancies } from '../../domain/devices/registry';
import { assertCanManageComplex } from '../../domain/access/scope';
import { notFound } from '../../errors';
import { IdParams, decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import { distanceSql, haversineM } from '../../domain/places/geo';
import { complexPhotoUrl } from '../../domain/places/photos';
import { ComplexDetail, ComplexQuery, ComplexSummary, ComplexWorker, Street } from './schema';
import manage from './manage';
import { consentWithdrawn } from '../../domain/privacy/consentLog';

export default [
  route({
    method: 'get',
    path: '/api/v1/streets',
    summary: '镇街列表',
    tags: ['places'],
    auth: 'public',
    response: pageOf(Street),
    handler: async ({ deps }) => {
      const rows = await deps.db.select({ id: streets.id, name: streets.name, kind: streets.kind }).from(streets).orderBy(asc(streets.sortOrder), asc(streets.id));
      return { items: rows, nextCursor: null };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes',
    summary: '民生综合体列表',
    description: 'Filter by street; with lat,lng the nearest come first and each has distanceM. Without `limit` the whole list is returned.',
    tags: ['places'],
    auth: 'public',
    query: ComplexQuery,
    response: pageOf(ComplexSummary),
    handler: async ({ query, deps, user }) => {
      // a resident who withdrew location consent in 设置 gets the plain list, coordinates unused
      const hasPoint = query.lat !== undefined && query.lng !== undefined && !(user && (await consentWithdrawn(deps.db, user.id, 'location')));
      const offset = decodeCursor(query.cursor, z.number().int().min(0)) ?? 0;
      const conds: SQL[] = [isNull(complexes.archivedAt)];
      if (query.streetId) conds.push(eq(complexes.streetId, query.streetId));
      const dist = hasPoint ? distanceSql(complexes.lat, complexes.lng, query.lat!, query.lng!) : undefined;
      const base = deps.db
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
        .where(and(...conds))
        .orderBy(...(dist ? [asc(dist), asc(complexes.id)] : [asc(complexes.id)]))
        .$dynamic();
      const rows = query.limit ? await base.limit(query.limit + 1).offset(offset) : await base;
      const page = query.limit ? rows.slice(0, query.limit) : rows;
      return {
        items: page.map(({ coverPhotoId, ...r }) => ({
          ...r,
          coverPhotoUrl: coverPhotoId ? complexPhotoUrl(Number(coverPhotoId)) : null,
          ...(hasPoint ? { distanceM: Math.round(haversineM(query.lat!, query.lng!, r.lat, r.lng)) } : {}),
        })),
        nextCursor: query.limit && rows.length > query.limit ? encodeCursor(offset + query.limit) : null,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes/:id',
    summary: '民生综合体详情（设施与“7+X”空间）',
    tags: ['places'],
    auth: 'public',
    params: IdParams,
    response: ComplexDetail,
    handler: async ({ params, deps }) => {
      const [c] = await deps.db
        .select({ complex: complexes, streetName: streets.name, communityName: communities.name })
        .from(complexes)
        .innerJoin(streets, eq(streets.id, complexes.streetId))
        .leftJoin(communities, eq(communities.id, complexes.communityId))
        .where(eq(complexes.id, params.id))
        .limit(1);
      if (!c) throw notFound('民生综合体不存在');
      const facs = await deps.db.select().from(facilities).where(and(eq(facilities.complexId, params.id), isNull(facilities.archivedAt))).orderBy(asc(facilities.id));
      const main = facs.find((f) => f.isMain) ?? { lat: c.complex.lat, lng: c.complex.lng };
      const sps = await deps.db.select().from(spaces).where(and(eq(spaces.complexId, params.id), isNull(spaces.archivedAt))).orderBy(asc(spaces.id));
      const photos = await deps.db.select({ id: complexPhotos.id, width: complexPhotos.width, height: complexPhotos.height }).from(complexPhotos).where(eq(complexPhotos.complexId, params.id)).orderBy(asc(complexPhotos.id));
      const occ = await occupancies(deps.db, sps);
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
        spaces: sps.map((s) => ({ id: s.id, name: s.name, type: s.type, bookable: s.bookable, capacity: s.capacity, facilityId: s.facilityId, description: s.description, occupancy: occ.get(s.id) ?? null })),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes/:id/workers',
    summary: '综合体的工作人员（交办选择用）',
    description: 'Staff of the complex (its workers, district admins) pick whom to assign an opinion to: the complex\'s active workers, names and masked phones only.',
    tags: ['places'],
    auth: ['worker', 'street_admin', 'district_admin'],
    params: IdParams,
    response: pageOf(ComplexWorker),
    handler: async ({ params, user, deps }) => {
      const [c] = await deps.db.select({ id: complexes.id }).from(complexes).where(eq(complexes.id, params.id));
      if (!c) throw notFound('民生综合体不存在');
      await assertCanManageComplex(deps.db, user, params.id);
      const rows = await deps.db
        .select({ id: users.id, nickname: users.nickname, realName: users.realName, phoneMasked: users.phoneMasked })
        .from(staffComplexes)
        .innerJoin(users, eq(users.id, staffComplexes.userId))
        .where(and(eq(staffComplexes.complexId, params.id), eq(users.role, 'worker'), eq(users.disabled, false)))
        .orderBy(asc(users.id));
      return { items: rows.map((r) => ({ id: r.id, name: r.realName || r.nickname || `工作人员 #${r.id}`, phoneMasked: r.phoneMasked })), nextCursor: null };
    },
  }),
  ...manage,
];
