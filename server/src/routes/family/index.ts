import { z } from 'zod';
import { withTx, type DbOrTx } from '../../db/client';
import { appError, notFound } from '../../errors';

const SENT_MESSAGE = '申请已发出。如果这个手机号的长辈用过幸福荟，TA 会收到您的申请。请当面或打电话请长辈在自己的手机上打开「亲情代办」同意，再把显示的 6 位确认码告诉您。';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zId } from '../../http/route';
import { audit } from '../../domain/audit/log';
import { requestFacts } from '../../http/facts';
import { hashPhone } from '../../domain/auth/phone';
import { assertCanActFor } from '../../domain/family/access';
import { pointsStatement } from '../../domain/points/queries';
import { issueCode } from '../../domain/family/codes';
import { linkPartyOf, linksOf, proxyActionsFor, seniorsLink, userIdByPhoneHash } from '../../domain/family/queries';
import { confirmLink, endLink, linkWithCode, recordBadCode, requestLink, type FamilyLink as LinkRow } from '../../domain/family/linking';
import { ConfirmBody, IssueCodeBody, RequestLinkBody } from './schema';
import { FamilyLink, FamilyLinks, IssuedCode, LinkRequestAnswer, ProxyAction, SeniorPoints } from '../../../../shared/api/family';

const TAGS = ['family'];

/** A link as one side sees it. */
async function presentLink(db: DbOrTx, link: LinkRow, viewerId: number) {
  const as = link.seniorId === viewerId ? 'senior' : 'family';
  const otherId = as === 'senior' ? link.familyId : link.seniorId;
  const o = await linkPartyOf(db, otherId);
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
    quota: 'content',
    summary: '亲情代办：申请关联长辈',
    description:
      'A family member asks to act for the senior with this phone number. The answer is the same whether or not the phone is registered (202 `{status: "sent"}`) and shows nothing about the senior. A registered senior is told once per pending request (repeats while it is pending send nothing); the notice names the requester by phone tail, never a nickname that imitates staff, and says that staff never ask for the code. If the senior agrees, their own device shows a 6-digit code (POST /family/link-codes) that the family member sends here with the same phone as `code`: then `{status: "linked", link}`. Wrong or expired code, or a phone nobody uses → 422 code_invalid; already linked → 409 already_linked. Limits per requester, whatever the phone: 5 requests and 5 wrong codes an hour → 429 with Retry-After. `relation` is one of FAMILY_RELATIONS.',
    tags: TAGS,
    body: RequestLinkBody,
    status: 202,
    response: LinkRequestAnswer,
    handler: async ({ body, user, deps, ctx }) => {
      const seniorId = await userIdByPhoneHash(deps.db, hashPhone(body.seniorPhone, deps.config.PII_KEY));
      const now = deps.clock.now();
      const out = await withTx(deps.db, async (tx) => {
        if (!body.code) {
          await requestLink(tx, { familyId: user.id, seniorId, relation: body.relation, now });
          await audit(tx, { actorId: user.id, action: 'family.request_link', targetType: 'user', targetId: seniorId ?? undefined, ...requestFacts(ctx) });
          return 'sent' as const;
        }
        const done = await linkWithCode(tx, { familyId: user.id, seniorId, relation: body.relation, code: body.code, now, secret: deps.config.JWT_SECRET });
        if (done === 'bad_code') await recordBadCode(tx, user.id, now);
        await audit(tx, {
          actorId: user.id,
          action: done === 'bad_code' ? 'family.code_failed' : 'family.confirm_link',
          targetType: 'family_link',
          targetId: done === 'bad_code' ? undefined : done.id,
          ...requestFacts(ctx),
        });
        return done;
      });
      if (out === 'bad_code') throw badCode();
      if (out === 'sent') return { status: 'sent' as const, message: SENT_MESSAGE, link: null };
      return { status: 'linked' as const, message: '已关联，您现在可以为长辈代办', link: await presentLink(deps.db, out, user.id) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/family/links/:id/confirm',
    summary: '亲情代办：输入长辈手机上的确认码',
    description:
      'Confirms a pending link by id with the 6-digit code shown on the senior’s own device (the usual way is POST /family/links with the phone and `code`). Codes live 10 minutes and are used once. Wrong → 422 code_invalid, counted against the caller (5 an hour → 429), never against the senior’s code; not your request → 404.',
    tags: TAGS,
    params: IdParams,
    body: ConfirmBody,
    response: FamilyLink,
    handler: async ({ params, body, user, deps, ctx }) => {
      const now = deps.clock.now();
      const out = await withTx(deps.db, async (tx) => {
        const done = await confirmLink(tx, { linkId: params.id, familyId: user.id, code: body.code, now, secret: deps.config.JWT_SECRET });
        if (done === 'bad_code') await recordBadCode(tx, user.id, now);
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
          const link = await seniorsLink(tx, body.linkId, user.id);
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
    description: 'Links where the caller is the senior (`as: senior`: pending requests and family who may act for me) or the family member (`as: family`: seniors I may act for — active only: a pending request shows nothing about the senior until they agree).',
    tags: TAGS,
    response: FamilyLinks,
    handler: async ({ user, deps }) => {
      const rows = await linksOf(deps.db, user.id);
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
    response: SeniorPoints,
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
      const rows = await proxyActionsFor(deps.db, user.id, before, query.limit);
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
