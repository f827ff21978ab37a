import { z } from 'zod';
import { areaName, areasOfComplex } from '../../domain/points/queries';
import { notFound, validationFailed } from '../../errors';
import { route, zId } from '../../http/route';
import { Leaderboard } from '../../../../shared/api/points';
import { leaderboard, monthOf } from '../../domain/points/leaderboard';

const Query = z.object({
  scope: z.enum(['community', 'street']),
  /** the community or street id; or give `complexId` to mean that complex's community/street */
  id: zId.optional(),
  complexId: zId.optional(),
  metric: z.enum(['hours', 'points']).default('hours'),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export default [
  route({
    method: 'get',
    path: '/api/v1/leaderboards',
    summary: '月度排行榜（社区 / 街道；志愿时长或获得积分）',
    description:
      '`metric=hours`: approved volunteer hours on posts at the area\'s complexes, by the post\'s month; `metric=points`: points earned (earning reasons only) where they were earned. Month in Asia/Shanghai (default this month). Names are masked (张*英); `isMe` marks the caller.',
    tags: ['points'],
    query: Query,
    response: Leaderboard,
    handler: async ({ user, query, deps }) => {
      let areaId = query.id;
      if (areaId === undefined) {
        if (query.complexId === undefined) throw validationFailed({ id: '请指定社区或街道（或综合体）' });
        const c = await areasOfComplex(deps.db, query.complexId);
        if (!c) throw notFound('找不到该综合体');
        areaId = (query.scope === 'community' ? c.communityId : c.streetId) ?? undefined;
        if (areaId === undefined) throw notFound('该综合体未登记所属社区');
      }
      const name = await areaName(deps.db, query.scope, areaId);
      if (name === undefined) throw notFound(query.scope === 'community' ? '找不到该社区' : '找不到该街道');
      const month = query.month ?? monthOf(deps.clock.now());
      const rows = await leaderboard(deps.db, { scope: query.scope, areaId, metric: query.metric, month, limit: query.limit });
      return {
        scope: query.scope,
        areaId,
        areaName: name,
        month,
        metric: query.metric,
        items: rows.map(({ userId, ...r }) => ({ ...r, isMe: userId === user.id })),
      };
    },
  }),
];
