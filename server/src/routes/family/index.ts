import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/mysql-core';
import { z } from 'zod';
import { withTx, type DbOrTx } from '../../db/client';
import { auditLogs, familyLinks, users } from '../../db/schema';
import { appError, notFound } from '../../errors';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zId } from '../../http/route';
import { audit } from '../../domain/audit/log';
import { requestFacts } from '../../http/facts';
import { hashPhone } from '../../domain/auth/phone';
import { assertCanActFor } from '../../domain/family/access';
import { pointsStatement } from '../../domain/points/queries';
import { issueCode } from '../../domain/family/codes';
import { confirmLink, endLink, requestLink, type FamilyLink as LinkRow } from '../../domain/family/linking';
import { ConfirmBody, FamilyLink, IssueCodeBody, IssuedCode, ProxyAction, RequestLinkBody } from './schema';

const TAGS = ['family'];

/** A link as one side sees it. */
async function presentLink(db: DbOrTx, link: LinkRow, viewerId: number) {
  const as = link.seniorId === viewerId ? 'senior' : 'family';
  const otherId = as === 'senior' ? link.familyId : link.seniorId;
  const [o] = await db.select({ id: users.id, nickname: users.nickname, phoneMasked: users.phoneMasked }).from(users).where(eq(users.id, otherId));
  return {
    id: link.id,
    as,
    other: o,
    seniorId: link.seniorId,
    familyId: link.familyId,
    relation: link.relation,
    status: link.status,
    requestedAt: link.requestedAt.toISOString(),
    confirmedAt: link.confirmedAt?.toISOString() ?? null,
  } as const;
}

const badCode = () => appError(422, 'code_invalid', '确认码不正确或已过期，请让长辈在自己的手机上重新获取', { fields: { code: '确认码不正确或已过期' } });

export default [
  route({
    method: 'post',
    path: '/api/v1/family/links',
    summary: '亲情代办：申请关联长辈',
    description:
      'A family member asks to act for the senior with this phone number. The senior is notified and, if they agree, their own device shows a 6-digit code (POST /family/link-codes) that you enter (POST /family/links/:id/confirm). With `code` (one the senior already showed you) the link is confirmed at once. Unknown phone → 404; already linked → 409 already_linked; wrong or expired code → 422 code_invalid; more than 5 new requests an hour → 429.',
    tags: TAGS,
    body: RequestLinkBody,
    status: 201,
    response: FamilyLink,
    handler: async ({ body, user, deps, ctx }) => {
      const [senior] = await deps.db.select({ id: users.id }).from(users).where(eq(users.phoneHash, hashPhone(body.seniorPhone, deps.config.PII_KEY)));
      if (!senior) throw notFound('没有找到使用这个手机号的用户，请先让长辈登录一次幸福荟');
      const now = deps.clock.now();
      const out = await withTx(deps.db, async (tx) => {
        const link = await requestLink(tx, { familyId: user.id, seniorId: senior.id, relation: body.relation, now });
        await audit(tx, { actorId: user.id, action: 'family.request_link', targetType: 'family_link', targetId: link.id, detail: { seniorId: senior.id }, ...requestFacts(ctx) });
        if (!body.code) return link;
        const done = await confirmLink(tx, { linkId: link.id, familyId: user.id, code: body.code, now, secret: deps.config.JWT_SECRET });
        if (done !== 'bad_code') {
          await audit(tx, { actorId: user.id, action: 'family.confirm_link', targetType: 'family_link', targetId: link.id, detail: { seniorId: senior.id }, ...requestFacts(ctx) });
        }
        return done;
      });
      if (out === 'bad_code') throw badCode();
      return presentLink(deps.db, out, user.id);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/family/links/:id/confirm',
    summary: '亲情代办：输入长辈手机上的确认码',
    description:
      'The family member enters the 6-digit code shown on the senior’s own device. Codes live 10 minutes, are used once and are void after 5 wrong guesses (counted across all the senior’s live codes). Wrong → 422 code_invalid; not your request → 404.',
    tags: TAGS,
    params: IdParams,
    body: ConfirmBody,
    response: FamilyLink,
    handler: async ({ params, body, user, deps, ctx }) => {
      const out = await withTx(deps.db, async (tx) => {
        const done = await confirmLink(tx, { linkId: params.id, familyId: user.id, code: body.code, now: deps.clock.now(), secret: deps.config.JWT_SECRET });
        await audit(tx, {
          actorId: user.id,
          action: done === 'bad_code' ? 'family.code_failed' : 'family.confirm_link',
          targetType: 'family_link',
          targetId: params.id,
          ...requestFacts(ctx),
        });
        return done;
      });
      if (out === 'bad_code') throw badCode();
      return presentLink(deps.db, out, user.id);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/family/link-codes',
    summary: '亲情代办：长辈获取确认码',
    description:
      'Only on the senior’s own signed-in device: issues a 6-digit code valid 10 minutes, for one pending request (`linkId`) or for whoever the senior tells it to (they enter it with the senior’s phone). At most 5 live codes → 429.',
    tags: TAGS,
    body: IssueCodeBody,
    status: 201,
    response: IssuedCode,
    handler: async ({ body, user, deps, ctx }) => {
      return withTx(deps.db, async (tx) => {
        if (body.linkId) {
          const [link] = await tx.select().from(familyLinks).where(and(eq(familyLinks.id, body.linkId), eq(familyLinks.seniorId, user.id)));
          if (!link) throw notFound('关联申请不存在');
          if (link.status !== 'pending') throw appError(409, 'link_not_pending', '这个申请已经处理过了');
        }
        const issued = await issueCode(tx, { seniorId: user.id, linkId: body.linkId ?? null, now: deps.clock.now(), secret: deps.config.JWT_SECRET });
        await audit(tx, { actorId: user.id, action: 'family.issue_code', targetType: 'family_link', targetId: body.linkId, ...requestFacts(ctx) });
        return { code: issued.code, expiresAt: issued.expiresAt.toISOString(), linkId: body.linkId ?? null };
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/family/links',
    summary: '亲情代办：我的关联',
    description: 'Pending and active links where the caller is the senior (`as: senior`: family who may act for me) or the family member (`as: family`: seniors I may act for).',
    tags: TAGS,
    response: z.object({ items: z.array(FamilyLink) }),
    handler: async ({ user, deps }) => {
      const rows = await deps.db
        .select()
        .from(familyLinks)
        .where(and(or(eq(familyLinks.seniorId, user.id), eq(familyLinks.familyId, user.id)), inArray(familyLinks.status, ['pending', 'active'])))
        .orderBy(desc(familyLinks.id));
      return { items: await Promise.all(rows.map((r) => presentLink(deps.db, r, user.id))) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/family/links/:id/unlink',
    summary: '亲情代办：解除关联（或拒绝申请）',
    description: 'Either side, any time. The senior ending a pending request declines it. From then on the family member gets 404 on the senior’s data.',
    tags: TAGS,
    params: IdParams,
    response: FamilyLink,
    handler: async ({ params, user, deps, ctx }) => {
      const link = await withTx(deps.db, async (tx) => {
        const l = await endLink(tx, { linkId: params.id, actorId: user.id, now: deps.clock.now() });
        await audit(tx, { actorId: user.id, action: 'family.unlink', targetType: 'family_link', targetId: l.id, detail: { status: l.status }, ...requestFacts(ctx) });
        return l;
      });
      return presentLink(deps.db, link, user.id);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/family/:seniorId/points',
    summary: '亲情代办：查看长辈的积分',
    description: 'Same shape as /me/points, for a linked senior. The view is a proxy action the senior can see. Not linked → 404.',
    tags: TAGS,
    params: z.object({ seniorId: zId }),
    query: PageQuery,
    response: z.object({
      balance: z.number().int(),
      items: z.array(z.object({ id: z.number().int(), delta: z.number().int(), reason: z.string(), description: z.string(), balanceAfter: z.number().int(), createdAt: z.string() })),
      nextCursor: z.string().nullable(),
    }),
    handler: async ({ params, query, user, deps, ctx }) => {
      await assertCanActFor(deps.db, user.id, params.seniorId);
      if (user.id !== params.seniorId) {
        await audit(deps.db, { actorId: user.id, onBehalfOf: params.seniorId, action: 'points.view', targetType: 'user', targetId: params.seniorId, detail: { summary: '查看积分' }, ...requestFacts(ctx) });
      }
      const before = decodeCursor(query.cursor, z.number().int().positive());
      const { balance, rows } = await pointsStatement(deps.db, params.seniorId, before, query.limit);
      const page = rows.slice(0, query.limit);
      return {
        balance,
        items: page.map((r) => ({ id: r.id, delta: r.delta, reason: r.reason, description: r.description, balanceAfter: r.balanceAfter, createdAt: r.createdAt.toISOString() })),
        nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/proxy-actions',
    summary: '家人为我代办的记录',
    description: 'Every action a family member took for the caller (亲情代办), from the audit log, newest first.',
    tags: TAGS,
    query: PageQuery,
    response: pageOf(ProxyAction),
    handler: async ({ query, user, deps }) => {
      const before = decodeCursor(query.cursor, z.number().int().positive());
      const actor = alias(users, 'actor');
      const rows = await deps.db
        .select({ log: auditLogs, nickname: actor.nickname })
        .from(auditLogs)
        .innerJoin(actor, eq(actor.id, auditLogs.actorId))
        .where(and(eq(auditLogs.onBehalfOf, user.id), before ? lt(auditLogs.id, before) : undefined))
        .orderBy(desc(auditLogs.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(({ log, nickname }) => ({
          id: log.id,
          action: log.action,
          summary: typeof log.detail?.summary === 'string' ? log.detail.summary : log.action,
          actor: { id: log.actorId!, nickname },
          targetType: log.targetType,
          targetId: log.targetId,
          createdAt: log.createdAt.toISOString(),
        })),
        nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].log.id) : null,
      };
    },
  }),
];
