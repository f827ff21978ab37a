import { z } from 'zod';
import { route, zId } from '../../http/route';
import { EVALUATION_TARGETS } from '../../../../shared/opinions';
import { MyEvaluations, PendingEvaluations, Rated, RatingSummary } from '../../../../shared/api/roundtable';
import { myEvaluations, rate, rateable, ratingSummary } from '../../domain/roundtable/evaluations';

const Target = z.enum(EVALUATION_TARGETS);

export default [
  route({
    method: 'post',
    path: '/api/v1/evaluations',
    summary: '评议（1–5 星）',
    description: 'An activity or branch service the caller checked in to, or a complex they live by or visited (403 not_attended). One per person per thing (409 already_rated); the first earns evaluation points.',
    tags: ['evaluations'],
    body: z
      .object({ targetType: Target, targetId: zId, stars: z.number().int().min(1, '至少 1 星').max(5, '最多 5 星'), comment: z.string().trim().max(500, '最多 500 个字').optional() })
      .strict(),
    status: 201,
    idempotent: true,
    response: Rated,
    handler: ({ user, body, deps }) => rate(deps, user, body),
  }),
  route({
    method: 'get',
    path: '/api/v1/evaluations/summary',
    summary: '评议汇总（平均星级与分布）',
    tags: ['evaluations'],
    auth: 'public',
    query: z.object({ targetType: Target, targetId: zId }),
    response: RatingSummary,
    handler: ({ query, deps }) => ratingSummary(deps.db, query.targetType, query.targetId),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/evaluations',
    summary: '我的评议',
    tags: ['evaluations'],
    response: MyEvaluations,
    handler: ({ user, deps }) => myEvaluations(deps.db, user.id),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/evaluations/pending',
    summary: '待评议（参加过的活动、党支部服务与所在综合体）',
    tags: ['evaluations'],
    response: PendingEvaluations,
    handler: ({ user, deps }) => rateable(deps.db, user.id),
  }),
];
