import { z } from 'zod';
import { DELETION_OPINION_CHOICES } from '../../../../shared/constants';
import { appError, forbidden, rateLimited } from '../../errors';
import { route, zDate } from '../../http/route';
import { sendXlsx } from '../../http/rawBody';
import { EXPORTS_PER_HOUR, retryPhrase } from '../../middleware/rateLimit';
import { audit } from '../../domain/audit/log';
import { cancelDeletion, deletionBlockers, pendingDeletion, requestDeletion } from '../../domain/privacy/deletion';
import { collectMyData, myDataWorkbook } from '../../domain/privacy/export';
import { accessLogBetween, accessLogOf, accessLogWorkbook } from '../../domain/privacy/piiAccess';
import { CHANGEABLE_CONSENTS, changeConsent, consentsOf } from '../../domain/privacy/consents';
import { AccessLog, Consents, DeletionCancelled, DeletionRequested, DeletionState } from '../../../../shared/api/privacy';
import { RETENTION } from '../../domain/privacy/retention';
import { addDays, shanghaiDay, shanghaiInstant } from '../../domain/time/shanghai';

const TAGS = ['privacy'];

/** What 注销账号 removes and what it keeps, and why: the screen shows these lines as they are. */
const DELETION_EXPLAINED = {
  removed: [
    '昵称、真实姓名、手机号（含加密副本）、出生日期、住址、所属综合体',
    '微信绑定（openid），之后用同一微信登录会是一个全新的空账号',
    '意见的照片（文件一并删除）、亲情代办关系、订阅消息授权、亲情守护授权与设备关联',
    '消息中心、授权记录、志愿者注册信息、项目关注',
  ],
  kept: [
    '积分流水与兑换记录（余额清零并记一笔“注销账号清零”），保证账目可核对',
    '投票与评价（计入结果，不再与任何人关联）',
    '活动预约、志愿服务与养老服务记录（去除地址、电话和备注，不再与任何人关联）',
    '公开的意见：以“已注销用户”署名保留，或按您的选择删除正文',
    '操作日志与查阅记录按规定保存 180 天后删除',
  ],
};

export default [
  route({
    method: 'get',
    path: '/api/v1/me/deletion',
    summary: '注销账号：当前状态、需先处理的事项、删除与保留的内容',
    tags: TAGS,
    response: DeletionState,
    handler: async ({ user, deps }) => {
      const now = deps.clock.now();
      const d = await pendingDeletion(deps.db, user.id);
      return {
        status: d ? ('pending' as const) : ('none' as const),
        requestedAt: d?.requestedAt.toISOString() ?? null,
        scheduledFor: d?.scheduledFor.toISOString() ?? null,
        opinions: d?.opinions ?? null,
        coolingOffDays: RETENTION.deletionCoolingOffDays,
        blockers: await deletionBlockers(deps.db, user.id, now),
        ...DELETION_EXPLAINED,
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/deletion',
    summary: '申请注销账号（7 天冷静期）',
    description:
      'Only for the caller\'s own account: a family member cannot delete a senior\'s (a `seniorId`/`forUserId` → 403). Open obligations (an active care request, an unredeemed code, an upcoming booking or volunteer post) → 409 `deletion_blocked` with `details.blockers` (each with a link where it can be cancelled). Otherwise 202 `{scheduledFor}`, 7 days on; asking again keeps the date. `opinions`: `anonymise` (default: public opinions stay as 已注销用户) or `remove`. Signing in again, or DELETE, cancels.',
    tags: TAGS,
    body: z.object({ opinions: z.enum(DELETION_OPINION_CHOICES).default('anonymise'), seniorId: z.unknown().optional(), forUserId: z.unknown().optional() }).strict(),
    status: 202,
    response: DeletionRequested,
    transaction: true,
    audit: ({ body }) => ({ action: 'account.deletion_request', targetType: 'user', detail: { opinions: body.opinions } }),
    handler: async ({ user, body, deps, tx }) => {
      if (body.seniorId !== undefined || body.forUserId !== undefined) throw forbidden('亲情代办不能注销长辈的账号，请长辈本人在自己的手机上操作');
      const d = await requestDeletion(tx, user.id, body.opinions, deps.clock.now());
      return { status: 'pending' as const, requestedAt: d.requestedAt.toISOString(), scheduledFor: d.scheduledFor.toISOString(), opinions: d.opinions };
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/me/deletion',
    summary: '撤销注销申请',
    description: 'Cancels a pending deletion. `cancelled: false` when there was none.',
    tags: TAGS,
    response: DeletionCancelled,
    transaction: true,
    audit: ({ result }) => ((result as { cancelled: boolean }).cancelled ? { action: 'account.deletion_cancel', targetType: 'user', detail: { by: 'user' } } : null),
    handler: async ({ user, deps, tx }) => ({ cancelled: await cancelDeletion(tx, user.id, 'user', deps.clock.now()) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/export',
    summary: '下载个人信息副本（xlsx 或 json）',
    description: `Everything held about the caller — profile, bookings, volunteering, ledger, redemptions, opinions, co-signs, ratings, care requests, family links, proxy actions and consents — and nothing about anyone else beyond a masked nickname. At most ${EXPORTS_PER_HOUR} per hour per account (429 rate_limited with Retry-After). The download is audited.`,
    tags: TAGS,
    query: z.object({ format: z.enum(['xlsx', 'json']).default('xlsx') }),
    raw: true,
    handler: async ({ user, query, deps, ctx, facts }) => {
      const taken = await deps.limits.take('export', { address: ctx.ip, userId: user.id });
      if (!taken.ok) {
        ctx.set('Retry-After', String(taken.retryAfterS));
        throw rateLimited(`下载太频繁，${retryPhrase(taken.retryAfterS)}`);
      }
      const now = deps.clock.now();
      const data = await collectMyData(deps.db, user.id, deps.config.PII_KEY, now);
      await audit(deps.db, { actorId: user.id, action: 'me.export', targetType: 'user', targetId: user.id, detail: { format: query.format }, ...facts });
      const name = `幸福荟个人信息副本-${shanghaiDay(now)}`;
      if (query.format === 'json') {
        ctx.status = 200;
        ctx.type = 'application/json; charset=utf-8';
        ctx.set('Content-Disposition', `attachment; filename="export.json"; filename*=UTF-8''${encodeURIComponent(`${name}.json`)}`);
        ctx.set('Cache-Control', 'no-store');
        ctx.body = JSON.stringify({ exportedAt: now.toISOString(), ...data }, null, 2);
        return;
      }
      sendXlsx(ctx, await myDataWorkbook(data), `${name}.xlsx`);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/access-log',
    summary: '谁查看了我的信息（近 180 天）',
    description: 'Each time staff (or a volunteer on a visit) were shown the caller\'s full phone, address, real name or care note: when, their role and complex (never their name), which fields and why.',
    tags: TAGS,
    response: AccessLog,
    handler: async ({ user, deps }) => ({ items: await accessLogOf(deps.db, user.id, deps.clock.now()) }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/consents',
    summary: '我的授权（隐私政策、位置、订阅消息、亲情守护）及变更记录',
    tags: TAGS,
    response: Consents,
    handler: ({ user, deps }) => consentsOf(deps.db, user.id),
  }),
  route({
    method: 'put',
    path: '/api/v1/me/consents/:kind',
    summary: '开启或撤回一项授权',
    description:
      'Recorded with its time. A withdrawal stops the feature at once: `location` — /nearby answers 403 consent_withdrawn and /complexes ignores coordinates; `subscribe` — no subscribe message is sent and new allowances are not recorded; `quiet_home` — 亲情守护 is turned off (the senior\'s revocation).',
    tags: TAGS,
    params: z.object({ kind: z.enum(CHANGEABLE_CONSENTS) }),
    body: z.object({ granted: z.boolean() }).strict(),
    response: Consents,
    transaction: true,
    audit: { none: 'changeConsent writes its own entry (setQuietHome for quiet_home)' },
    handler: async ({ user, params, body, deps, tx, facts }) => {
      await changeConsent(tx, user, params.kind, body.granted, deps.clock.now(), facts);
      return consentsOf(tx, user.id);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/pii-access-log.xlsx',
    summary: '导出个人信息查阅记录（区级管理员）',
    description: 'Every entry between `from` and `to` (Shanghai dates, inclusive; at most 366 days): time, viewer id and role, person id, complex, fields, purpose, endpoint. Ids, not names. The download itself is audited.',
    tags: TAGS,
    auth: ['district_admin'],
    query: z.object({ from: zDate, to: zDate }),
    raw: true,
    handler: async ({ user, query, deps, ctx, facts }) => {
      if (query.from > query.to) throw appError(422, 'validation_failed', '开始日期不能晚于结束日期', { fields: { from: '开始日期不能晚于结束日期' } });
      const from = shanghaiInstant(query.from);
      const to = shanghaiInstant(addDays(query.to, 1));
      if (to.getTime() - from.getTime() > 366 * 86_400_000) throw appError(422, 'validation_failed', '一次最多导出 366 天', { fields: { to: '一次最多导出 366 天' } });
      const rows = await accessLogBetween(deps.db, from, to);
      const file = await accessLogWorkbook(rows);
      await audit(deps.db, { actorId: user.id, action: 'pii_access_log.export', targetType: 'pii_access_log', detail: { from: query.from, to: query.to, rows: rows.length }, ...facts });
      sendXlsx(ctx, file, `个人信息查阅记录-${query.from}-${query.to}.xlsx`);
    },
  }),
];
