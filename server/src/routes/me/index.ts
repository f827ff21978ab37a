import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notifications, privacyConsents, users } from '../../db/schema';
import { isDuplicateKey } from '../../db/client';
import { notFound, validationFailed } from '../../errors';
import { IdParams, PageQuery, decodeCursor, encodeCursor, route, zDate, zNickname } from '../../http/route';
import { presentMe } from '../../domain/users/accounts';
import { Me, Notifications, NotificationsMarked, PrivacyConsentAccepted } from '../../../../shared/api/me';
import { PRIVACY_VERSION } from '../../../../shared/constants';
import { AVATAR_KEYS } from '../../../../shared/avatars';
import { shanghaiDay } from '../../domain/time/shanghai';
import { claimHome } from '../../domain/residency/claim';
import { recordConsent } from '../../domain/privacy/consentLog';

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
    handler: async ({ user, body, deps, tx }) => {
      if (body.birthDate && body.birthDate > shanghaiDay(deps.clock.now())) {
        throw validationFailed({ birthDate: '出生日期不能晚于今天' });
      }
      const { homeComplexId, ...profile } = body;
      if (homeComplexId !== undefined) await claimHome(tx, user.id, homeComplexId, deps.clock.now());
      if (Object.keys(profile).length > 0) await tx.update(users).set(profile).where(eq(users.id, user.id));
      return presentMe({ ...deps, db: tx as unknown as typeof deps.db }, user.id);
    },
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
    handler: async ({ user, body, deps }) => {
      try {
        await deps.db.insert(privacyConsents).values({ userId: user.id, version: body.version, acceptedAt: deps.clock.now() });
        await recordConsent(deps.db, user.id, 'privacy', true, deps.clock.now(), body.version);
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
      const [row] = await deps.db
        .select()
        .from(privacyConsents)
        .where(and(eq(privacyConsents.userId, user.id), eq(privacyConsents.version, body.version)));
      return { version: row.version, acceptedAt: row.acceptedAt.toISOString() };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/notifications',
    summary: '消息中心',
    tags: ['me'],
    query: PageQuery.extend({ unread: z.enum(['1', '0']).optional() }),
    response: Notifications,
    handler: async ({ user, query, deps }) => {
      const after = decodeCursor(query.cursor, z.number().int().positive());
      const conds = [eq(notifications.userId, user.id)];
      if (after) conds.push(lt(notifications.id, after));
      if (query.unread === '1') conds.push(isNull(notifications.readAt));
      const rows = await deps.db
        .select()
        .from(notifications)
        .where(and(...conds))
        .orderBy(desc(notifications.id))
        .limit(query.limit + 1);
      const [{ n }] = await deps.db
        .select({ n: sql<number>`count(*)` })
        .from(notifications)
        .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, read: r.readAt !== null, createdAt: r.createdAt.toISOString() })),
        nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
        unreadCount: Number(n),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/notifications/read-all',
    summary: '全部消息标为已读',
    tags: ['me'],
    response: NotificationsMarked,
    handler: async ({ user, deps }) => {
      const [res] = await deps.db
        .update(notifications)
        .set({ readAt: deps.clock.now() })
        .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt)));
      return { marked: (res as { affectedRows: number }).affectedRows };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/notifications/:id/read',
    summary: '标记消息已读',
    tags: ['me'],
    params: IdParams,
    status: 204,
    handler: async ({ user, params, deps }) => {
      const [res] = await deps.db
        .update(notifications)
        .set({ readAt: deps.clock.now() })
        .where(and(eq(notifications.id, params.id), eq(notifications.userId, user.id)));
      if ((res as { affectedRows: number }).affectedRows === 0) {
        const [row] = await deps.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.id, params.id), eq(notifications.userId, user.id)));
        if (!row) throw notFound('消息不存在');
      }
    },
  }),
];
