import { z } from 'zod';
import { notFound } from '../../errors';
import { IdParams, PageQuery, decodeIdCursor, encodeCursor, route, zDate, zNickname } from '../../http/route';
import { presentMe } from '../../domain/users/accounts';
import { updateProfile } from '../../domain/users/profile';
import { acceptPrivacy } from '../../domain/privacy/consents';
import { markAllRead, markRead, notificationsPage } from '../../domain/notifications/queries';
import { Me, Notifications, NotificationsMarked, PrivacyConsentAccepted } from '../../../../shared/api/me';
import { PRIVACY_VERSION } from '../../../../shared/constants';
import { AVATAR_KEYS } from '../../../../shared/avatars';

const MePatch = z
  .object({
    elderMode: z.boolean().optional(),
    elderModeOffered: z.boolean().optional(),
    nickname: zNickname.optional(),
    birthDate: zDate.optional(),
    address: z.string().trim().max(200, '地址最多 200 个字').optional(),
    avatar: z.enum(AVATAR_KEYS).nullable().optional(),
    homeComplexId: z.number().int().positive().nullable().optional(),
  })
  .strict();


export default [
  route({
    method: 'get',
    path: '/api/v1/me',
    summary: '我的资料',
    tags: ['me'],
    response: Me,
    handler: async ({ user, deps }) => {
      const me = await presentMe(deps, user.id);
      if (!me) throw notFound('用户不存在');
      return me;
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/me',
    summary: '修改我的资料（长辈模式、昵称、头像、出生日期、地址；homeComplexId 申请“我的综合体”）',
    description: '`homeComplexId` only *claims* a home (residency status `claimed`): a worker of that complex verifies it. Claiming the same home again changes nothing; another complex makes a verified home `claimed` again (ballots already cast stay). A complex that does not exist → 422.',
    tags: ['me'],
    body: MePatch,
    response: Me,
    transaction: true,
    handler: ({ user, body, deps, tx }) => updateProfile(deps, tx, user.id, body),
  }),
  route({
    method: 'post',
    path: '/api/v1/me/privacy-consent',
    summary: '同意隐私政策',
    description: `Records that the user accepted this version of the privacy notice (current: ${PRIVACY_VERSION}).`,
    tags: ['me'],
    body: z.object({ version: z.string().trim().min(1).max(16) }),
    status: 201,
    response: PrivacyConsentAccepted,
    handler: ({ user, body, deps }) => acceptPrivacy(deps.db, user.id, body.version, deps.clock.now()),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/notifications',
    summary: '消息中心',
    tags: ['me'],
    query: PageQuery.extend({ unread: z.enum(['1', '0']).optional() }),
    response: Notifications,
    handler: async ({ user, query, deps }) => {
      const page = await notificationsPage(deps.db, user.id, { cursor: decodeIdCursor(query.cursor), limit: query.limit, unreadOnly: query.unread === '1' });
      return { ...page, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/notifications/read-all',
    summary: '全部消息标为已读',
    tags: ['me'],
    response: NotificationsMarked,
    handler: async ({ user, deps }) => ({ marked: await markAllRead(deps.db, user.id, deps.clock.now()) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/me/notifications/:id/read',
    summary: '标记消息已读',
    tags: ['me'],
    params: IdParams,
    status: 204,
    handler: ({ user, params, deps }) => markRead(deps.db, user.id, params.id, deps.clock.now()),
  }),
];
