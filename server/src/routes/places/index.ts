import { z } from 'zod';
import { occupancies } from '../../domain/devices/registry';
import { assertCanManageComplex } from '../../domain/access/scope';
import { complexExists, complexPage, complexRows, complexStatic, complexWorkers, streetList } from '../../domain/places/reads';
import { notFound } from '../../errors';
import { IdParams, decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import { ComplexQuery } from './schema';
import { ComplexDetail, ComplexSummary, ComplexWorker, Street } from '../../../../shared/api/places';
import manage from './manage';
import { consentWithdrawn } from '../../domain/privacy/consentLog';

export default [
  route({
    method: 'get',
    path: '/api/v1/streets',
    summary: '镇街列表',
    tags: ['places'],
    auth: 'public',
    reference: 'cache',
    response: pageOf(Street),
    handler: async ({ deps }) => ({ items: await streetList(deps.db), nextCursor: null }),
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes',
    summary: '民生综合体列表',
    description: 'Filter by street; with lat,lng the nearest come first and each has distanceM. Without `limit` the whole list is returned. Reference data: answered with an ETag (304 on If-None-Match).',
    tags: ['places'],
    auth: 'public',
    reference: 'etag',
    query: ComplexQuery,
    response: pageOf(ComplexSummary),
    handler: async ({ query, deps, user }) => {
      const offset = decodeCursor(query.cursor, z.number().int().min(0)) ?? 0;
      const rows = await deps.reference.get('complexes', () => complexRows(deps.db));
      // a resident who withdrew location consent in 设置 gets the plain list, coordinates unused
      const hasPoint = query.lat !== undefined && query.lng !== undefined && !(user && (await consentWithdrawn(deps.db, user.id, 'location')));
      const page = complexPage(rows, { streetId: query.streetId, lat: hasPoint ? query.lat : undefined, lng: hasPoint ? query.lng : undefined, offset, limit: query.limit });
      return { items: page.items, nextCursor: page.more ? encodeCursor(offset + query.limit!) : null };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes/:id',
    summary: '民生综合体详情（设施与“7+X”空间）',
    description: 'Reference data (the occupancy of the spaces is live): answered with an ETag (304 on If-None-Match).',
    tags: ['places'],
    auth: 'public',
    reference: 'etag',
    params: IdParams,
    response: ComplexDetail,
    handler: async ({ params, deps }) => {
      const c = await deps.reference.get(`complex:${params.id}`, () => complexStatic(deps.db, params.id));
      if (!c) throw notFound('民生综合体不存在');
      const occ = await occupancies(deps.db, c.spaces);
      return { ...c, spaces: c.spaces.map((s) => ({ ...s, occupancy: occ.get(s.id) ?? null })) };
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
      if (!(await complexExists(deps.db, params.id))) throw notFound('民生综合体不存在');
      await assertCanManageComplex(deps.db, user, params.id);
      const rows = await complexWorkers(deps.db, params.id);
      return { items: rows.map((r) => ({ id: r.id, name: r.realName || r.nickname || `工作人员 #${r.id}`, phoneMasked: r.phoneMasked })), nextCursor: null };
    },
  }),
  ...manage,
];
