import { z } from 'zod';
import type { Config } from '../../config';
import { validationFailed } from '../../errors';
import { route } from '../../http/route';
import { Subscriptions } from '../../../../shared/api/me';
import { recordSubscriptions, subscriptionsOf } from '../../domain/notifications/subscribe';

/** The templates the server sends, with what each tells (empty ids: not configured). */
const templates = (c: Config) =>
  [
    { templateId: c.WECHAT_TPL_BOOKING, topic: '活动和场地预约提醒' },
    { templateId: c.WECHAT_TPL_OPINION, topic: '意见办理进展' },
    { templateId: c.WECHAT_TPL_MEETING, topic: '议事会通知' },
    { templateId: c.WECHAT_TPL_PROJECT, topic: '民生项目进展' },
    { templateId: c.WECHAT_TPL_IOT_ALERT, topic: '设备告警' },
  ].filter((t) => t.templateId);

export default [
  route({
    method: 'get',
    path: '/api/v1/me/subscriptions',
    summary: '我的订阅消息',
    description: 'The WeChat subscribe-message templates this server sends, each with how many more messages the user has allowed (one per "allow" in wx.requestSubscribeMessage). In-app notices (消息中心) come regardless.',
    tags: ['me'],
    response: Subscriptions,
    handler: async ({ user, deps }) => {
      const list = templates(deps.config);
      const left = await subscriptionsOf(deps.db, user.id, list.map((t) => t.templateId));
      return { items: list.map((t) => ({ ...t, remaining: left.get(t.templateId) ?? 0 })) };
    },
  }),
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
      const known = new Set(templates(deps.config).map((t) => t.templateId));
      const unknown = body.templateIds.filter((t) => !known.has(t));
      if (unknown.length) throw validationFailed({ templateIds: `未知的消息模板：${unknown.join('、')}` });
      await recordSubscriptions(deps, user.id, body.templateIds);
    },
  }),
];
