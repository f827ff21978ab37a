import { z } from 'zod';
import { validationFailed } from '../../errors';
import { route } from '../../http/route';
import { recordSubscriptions } from '../../domain/notifications/subscribe';

export default [
  route({
    method: 'post',
    path: '/api/v1/me/subscriptions',
    summary: '记录订阅消息授权',
    description:
      'Call after wx.requestSubscribeMessage with the template ids the user allowed ("accept"). Each allowance lets the server send one subscribe message of that template (WeChat one-time subscriptions). Only the templates the server uses are accepted (GET /api/v1/opinions/meta).',
    tags: ['me'],
    body: z.object({ templateIds: z.array(z.string().trim().min(1).max(64)).min(1, '至少一个模板').max(10) }).strict(),
    status: 204,
    handler: async ({ user, body, deps }) => {
      const known = new Set([deps.config.WECHAT_TPL_OPINION, deps.config.WECHAT_TPL_MEETING, deps.config.WECHAT_TPL_PROJECT, deps.config.WECHAT_TPL_BOOKING].filter(Boolean));
      const unknown = body.templateIds.filter((t) => !known.has(t));
      if (unknown.length) throw validationFailed({ templateIds: `未知的消息模板：${unknown.join('、')}` });
      await recordSubscriptions(deps, user.id, body.templateIds);
    },
  }),
];
