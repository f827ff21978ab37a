import { and, asc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { communities, complexes, facilities, spaces, streets } from '../../db/schema';
import { notFound } from '../../errors';
import { IdParams, decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import { distanceSql, haversineM } from '../../domain/places/geo';
import { ComplexDetail, ComplexQuery, ComplexSummary, Street } from './schema';

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
    handler: async ({ query, deps }) => {
      const hasPoint = query.lat !== undefined && query.lng !== undefined;
      const offset = decodeCursor(query.cursor, z.number().int().min(0)) ?? 0;
      const conds: SQL[] = [];
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
        })
        .from(complexes)
        .innerJoin(streets, eq(streets.id, complexes.streetId))
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(...(dist ? [asc(dist), asc(complexes.id)] : [asc(complexes.id)]))
        .$dynamic();
      const rows = query.limit ? await base.limit(query.limit + 1).offset(offset) : await base;
      const page = query.limit ? rows.slice(0, query.limit) : rows;
      return {
        items: page.map((r) => (hasPoint ? { ...r, distanceM: Math.round(haversineM(query.lat!, query.lng!, r.lat, r.lng)) } : r)),
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
      const facs = await deps.db.select().from(facilities).where(eq(facilities.complexId, params.id)).orderBy(asc(facilities.id));
      const main = facs.find((f) => f.isMain) ?? { lat: c.complex.lat, lng: c.complex.lng };
      const sps = await deps.db.select().from(spaces).where(eq(spaces.complexId, params.id)).orderBy(asc(spaces.id));
      const { createdAt: _c, communityId: _k, ...complex } = c.complex;
      return {
        ...complex,
        streetName: c.streetName,
        communityName: c.communityName,
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
    },
  }),
];

