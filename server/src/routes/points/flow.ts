import { z } from 'zod';
import { IdParams, PageQuery, decodeCursor, encodeCursor, route, zId } from '../../http/route';
import { notFound } from '../../errors';
import { complexNames } from '../../domain/points/queries';
import { grantPoints, poolStatement, spendPool, transferPoints } from '../../domain/points/transfers';
import { PointsGranted, PoolSpent, PoolView, TransferResult } from '../../../../shared/api/helping';
import { TRANSFER_DAILY_CAP, WORKER_GRANT_MAX } from '../../../../shared/helping';

const TAGS = ['points'];
/** Who spends a pool or grants points: the complex's workers, its street admin, district admins. */
const STAFF = ['worker', 'street_admin', 'district_admin'] as const;

const StaffPointsBody = z.object({
  userId: zId,
  points: z.number().int().min(1).max(1000),
  reason: z.string().trim().min(4, '请写明原因（至少 4 个字）').max(100),
});

export default [
  route({
    method: 'post',
    path: '/api/v1/points/transfers',
    summary: '积分转赠：转给家人或捐入至善池',
    description: `Exactly one of \`toUserId\` (a family member with an active 亲情代办 link either way; 403 not_family) or \`poolComplexId\` (that complex's 至善 pool). Only available points (balance − held) move (409 insufficient_points); at most ${TRANSFER_DAILY_CAP} points a Shanghai day (409 transfer_cap_reached). Both sides get an entry naming the other, masked.`,
    tags: TAGS,
    body: z.object({ toUserId: zId.optional(), poolComplexId: zId.optional(), points: z.number().int().min(1).max(TRANSFER_DAILY_CAP), note: z.string().trim().max(100).default('') }),
    status: 201,
    idempotent: true,
    transaction: true,
    audit: ({ body, result }) => ({
      action: 'points.transfer',
      targetType: 'points_transfer',
      targetId: (result as TransferResult).id,
      detail: { points: body.points, toUserId: body.toUserId ?? null, poolComplexId: body.poolComplexId ?? null },
    }),
    response: TransferResult,
    handler: async ({ body, user, deps, tx }) => transferPoints(tx, { fromUserId: user.id, ...body, now: deps.clock.now() }),
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes/:id/pool',
    summary: '至善池：余额与明细',
    description: 'Any signed-in user (the pool is public to its community); donors and beneficiaries are masked. Newest first.',
    tags: TAGS,
    params: IdParams,
    query: PageQuery,
    response: PoolView,
    handler: async ({ params, query, deps }) => {
      const name = (await complexNames(deps.db, [params.id])).get(params.id);
      if (!name) throw notFound('找不到该综合体');
      const before = decodeCursor(query.cursor, z.number().int().positive());
      const { balance, rows } = await poolStatement(deps.db, params.id, before, query.limit);
      const page = rows.slice(0, query.limit);
      return {
        complexId: params.id,
        complexName: name,
        balance,
        items: page.map((r) => ({ id: r.id, delta: r.delta, reason: r.reason, description: r.description, balanceAfter: r.balanceAfter, createdAt: r.createdAt.toISOString() })),
        nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/complexes/:id/pool/spend',
    summary: '至善池：为居民使用',
    description: 'Staff of the complex (403 otherwise) credit a resident of the complex (404 otherwise) from its pool, with a written reason; 409 insufficient_points past the pool balance. Audited; the resident is told.',
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    body: StaffPointsBody,
    status: 201,
    idempotent: true,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'points.pool.spend', targetType: 'user', targetId: body.userId, detail: { complexId: params.id, points: body.points, reason: body.reason } }),
    response: PoolSpent,
    handler: async ({ params, body, user, deps, tx }) => spendPool(tx, { actor: user, complexId: params.id, ...body, now: deps.clock.now() }),
  }),
  route({
    method: 'post',
    path: '/api/v1/complexes/:id/points/grants',
    summary: '赠送积分（孤寡老人等无法自己挣积分的居民）',
    description: `Staff of the complex give a resident of the complex (404 otherwise) points with a written reason, at most ${WORKER_GRANT_MAX} a time (422). Not to themselves (403). Audited; the resident is told.`,
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    body: StaffPointsBody,
    status: 201,
    idempotent: true,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'points.grant', targetType: 'user', targetId: body.userId, detail: { complexId: params.id, points: body.points, reason: body.reason } }),
    response: PointsGranted,
    handler: async ({ params, body, user, deps, tx }) => grantPoints(tx, { actor: user, complexId: params.id, ...body, now: deps.clock.now() }),
  }),
];
