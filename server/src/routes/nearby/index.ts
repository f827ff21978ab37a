import { z } from 'zod';
import { route } from '../../http/route';
import { ServiceCircle } from '../../../../shared/api/nearby';
import { serviceCircle } from '../../domain/nearby/circle';
import { consentWithdrawn } from '../../domain/privacy/consentLog';
import { appError } from '../../errors';

const NearbyQuery = z.object({
  lat: z.coerce.number({ error: '请提供纬度' }).min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
  lng: z.coerce.number({ error: '请提供经度' }).min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
  minutes: z.coerce.number().int('步行分钟数应为整数').min(1, '至少 1 分钟').max(30, '最多 30 分钟').default(10),
  limit: z.coerce.number().int().min(1).max(100, '每类最多 100 条').default(50),
});

export default [
  route({
    method: 'get',
    path: '/api/v1/nearby',
    summary: '十分钟服务圈：步行可达的设施、空间与今日活动',
    description:
      'A signed-in resident who withdrew location consent in 设置 → 403 consent_withdrawn. Facilities, their "7+X" spaces and today’s (Asia/Shanghai) published activities within `minutes` on foot at 80 m/min, nearest first, each with distanceM and walkMinutes. An indexed lat/lng bounding box is read first, then the exact distance. At most `limit` of each.',
    tags: ['places'],
    auth: 'public',
    query: NearbyQuery,
    response: ServiceCircle,
    handler: async ({ query, deps, user }) => {
      if (user && (await consentWithdrawn(deps.db, user.id, 'location'))) throw appError(403, 'consent_withdrawn', '您已在“我的 → 设置”中关闭位置信息授权，重新开启后才能查看附近的服务');
      return serviceCircle(deps.db, { ...query, now: deps.clock.now() });
    },
  }),
];
