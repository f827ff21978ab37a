import { z } from 'zod';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zInstant, zId } from '../../http/route';
import { HELP_CATEGORIES, HELP_POINTS_MAX, HELP_POINTS_MIN, HELP_STATUSES } from '../../../../shared/helping';
import { HelpRating, HelpRequestView } from '../../../../shared/api/helping';
import { listHelp, loadHelp, myHelp, presentHelp } from '../../domain/helping/queries';
import {
  cancelHelpRequest,
  confirmMatch,
  declineMatch,
  decideDispute,
  disputeHelpRequest,
  markDone,
  postHelpRequest,
  rateHelpRequest,
  takeHelpRequest,
  type HelpRow,
} from '../../domain/helping/requests';
import type { AuthUser, PiiSpec } from '../../http/route';
import type { Deps } from '../../deps';
import type { DbOrTx } from '../../db/client';

const TAGS = ['helping'];
/** Who decides disputes: the complex's workers, its street admin, district admins. */
const STAFF = ['worker', 'street_admin', 'district_admin'] as const;

const PostBody = z.object({
  complexId: zId,
  category: z.enum(HELP_CATEGORIES),
  title: z.string().trim().min(2, '请写一句话说明需要什么帮助').max(40, '标题最多 40 个字'),
  detail: z.string().trim().max(500, '说明最多 500 个字').default(''),
  from: zInstant,
  to: zInstant,
  points: z.number().int().min(HELP_POINTS_MIN).max(HELP_POINTS_MAX, `最多 ${HELP_POINTS_MAX} 分`),
  /** what everyone sees before the match (default: "<complex>附近") */
  roughPlace: z.string().trim().max(60).optional(),
  /** the exact place (default: the requester's saved address, else the complex's) */
  address: z.string().trim().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  forUserId: zId.optional(),
});

/** Staff of the complex see the requester's exact address: one PII access entry per request shown. */
const staffSaw = (views: HelpRequestView[]) => views.filter((v) => v.side === 'staff' && v.address).map((v) => ({ userId: v.requester.id, complexId: v.complexId }));
const HELP_PII = { fields: ['address'], purpose: 'help_request', subjects: ({ result }) => staffSaw([result as HelpRequestView]) } satisfies PiiSpec;
const HELP_LIST_PII = { fields: ['address'], purpose: 'help_request', subjects: ({ result }) => staffSaw((result as { items: HelpRequestView[] }).items) } satisfies PiiSpec;

/** Presented after the write (in the request's transaction when there is one, so it sees the write). */
const one = async (deps: Deps, user: AuthUser, row: HelpRow, tx?: DbOrTx) => (await presentHelp(tx ?? deps.db, user, [row], deps.clock.now()))[0];

/** A write on one request: audited; when a family member acted for the senior, on the senior's proxy-action list. */
const auditHelp =
  (action: string, summary: (v: HelpRequestView) => string) =>
  ({ user, result }: { user: AuthUser; result: unknown }) => {
    const v = result as HelpRequestView;
    const proxy = v.side === 'requester' && v.requester.id !== user.id;
    return {
      action: proxy ? `${action}.proxy` : action,
      targetType: 'help_request',
      targetId: v.id,
      onBehalfOf: proxy ? v.requester.id : null,
      detail: { status: v.status, summary: `${proxy ? '代为' : ''}${summary(v)}` },
    };
  };

const ActionParams = IdParams;

export default [
  route({
    method: 'post',
    path: '/api/v1/help-requests',
    summary: '邻里互助：发布求助（积分先占用，不扣除）',
    description:
      'A verified resident of `complexId` (403 residency_unverified / not_resident_here), or a linked family member for them with `forUserId` (亲情代办; 404 without an active link; audited on the senior\'s proxy-action list). The points are held (GET /me/points `held`), not spent; 409 insufficient_points when the available points (balance − held) are short. Title and detail pass the content check (422 content_rejected). The welcome balance is granted first if the requester never had it.',
    tags: TAGS,
    body: PostBody,
    status: 201,
    idempotent: true,
    quota: 'content',
    response: HelpRequestView,
    handler: async ({ body, user, deps, facts }) => {
      const row = await postHelpRequest(deps, { ...body, from: new Date(body.from), to: new Date(body.to), actor: user, now: deps.clock.now(), facts });
      return one(deps, user, row);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/help-requests',
    summary: '邻里互助：求助列表（离我最近的在前）',
    description:
      'Open requests (of one complex or all) for any signed-in user, nearest first to `lat`/`lng` (distances rounded to 100 m), else soonest first; only the rough place. Other statuses: staff of `complexId` see all, others only their own.',
    tags: TAGS,
    query: PageQuery.extend({
      complexId: zId.optional(),
      status: z.enum(HELP_STATUSES).default('open'),
      lat: z.coerce.number().min(-90).max(90).optional(),
      lng: z.coerce.number().min(-180).max(180).optional(),
    }),
    response: pageOf(HelpRequestView),
    pii: HELP_LIST_PII,
    handler: async ({ query, user, deps }) => {
      const offset = decodeCursor(query.cursor, z.number().int().min(0)) ?? 0;
      const { rows, more } = await listHelp(deps.db, user, { ...query, offset });
      return { items: await presentHelp(deps.db, user, rows, deps.clock.now()), nextCursor: more ? encodeCursor(offset + query.limit) : null };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/help-requests',
    summary: '邻里互助：我的求助 / 我的帮忙',
    description: '`as=requester`: requests the caller made or posted for family; `as=helper`: the ones they took. Newest first, at most 100.',
    tags: TAGS,
    query: z.object({ as: z.enum(['requester', 'helper']).default('requester') }),
    response: z.object({ items: z.array(HelpRequestView), nextCursor: z.null() }),
    handler: async ({ query, user, deps }) => ({ items: await presentHelp(deps.db, user, await myHelp(deps.db, user, query.as, 100), deps.clock.now()), nextCursor: null }),
  }),
  route({
    method: 'get',
    path: '/api/v1/help-requests/:id',
    summary: '邻里互助：求助详情',
    description:
      'The exact `address` only to the requester\'s side, the matched helper while the request runs (hidden again once closed) and staff of the complex; before the match everyone else sees the rough place. Contacts only after the match. `actions` says what the caller may do now.',
    tags: TAGS,
    params: IdParams,
    response: HelpRequestView,
    pii: HELP_PII,
    handler: async ({ params, user, deps }) => one(deps, user, await loadHelp(deps.db, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/v1/help-requests/:id/take',
    summary: '邻里互助：我来帮忙（接单）',
    description:
      'A verified resident, or a volunteer approved at the complex (403 residency_unverified); not the requester or their family (409 own_request); not while a no-show suspension runs (403 helping_suspended, `details.until`). Exactly one taker wins; the others get 409 already_taken.',
    tags: TAGS,
    params: ActionParams,
    transaction: true,
    audit: auditHelp('help.take', (v) => `接下互助求助「${v.title}」`),
    response: HelpRequestView,
    handler: async ({ params, user, deps, tx }) => one(deps, user, await takeHelpRequest(tx, user, params.id, deps.clock.now()), tx),
  }),
  route({
    method: 'post',
    path: '/api/v1/help-requests/:id/confirm-match',
    summary: '邻里互助：确认帮手',
    description: 'The requester or their linked family; the request must be taken (409 not_taken). From now on both see each other\'s contact and the helper sees the exact address.',
    tags: TAGS,
    params: ActionParams,
    transaction: true,
    audit: auditHelp('help.confirm_match', (v) => `确认「${v.title}」的帮手`),
    response: HelpRequestView,
    handler: async ({ params, user, deps, tx }) => one(deps, user, await confirmMatch(tx, user, params.id, deps.clock.now()), tx),
  }),
  route({
    method: 'post',
    path: '/api/v1/help-requests/:id/decline-match',
    summary: '邻里互助：换一位帮手',
    description: 'The requester\'s side turns down the helper who took it (409 not_taken otherwise); the request is open again.',
    tags: TAGS,
    params: ActionParams,
    transaction: true,
    audit: auditHelp('help.decline_match', (v) => `为「${v.title}」另找帮手`),
    response: HelpRequestView,
    handler: async ({ params, user, deps, tx }) => one(deps, user, await declineMatch(tx, user, params.id), tx),
  }),
  route({
    method: 'post',
    path: '/api/v1/help-requests/:id/done',
    summary: '邻里互助：确认已完成（积分转给帮手）',
    description: 'The requester or their linked family, after the match (409 not_matched). The held points move to the helper in one transaction with two ledger entries (help_paid, help_earned). Repeating it changes nothing.',
    tags: TAGS,
    params: ActionParams,
    transaction: true,
    audit: auditHelp('help.done', (v) => `确认「${v.title}」已完成，支付 ${v.points} 积分`),
    response: HelpRequestView,
    handler: async ({ params, user, deps, tx }) => one(deps, user, await markDone(tx, user, params.id, deps.clock.now()), tx),
  }),
  route({
    method: 'post',
    path: '/api/v1/help-requests/:id/cancel',
    summary: '邻里互助：取消',
    description:
      'Before the match the requester\'s side cancels alone (the hold is released) and a helper who took it withdraws (open again). After the match both must agree: the first call sets `cancelAsked` and changes nothing else; the other side\'s call cancels and releases the hold.',
    tags: TAGS,
    params: ActionParams,
    transaction: true,
    audit: auditHelp('help.cancel', (v) => (v.status === 'cancelled' ? `取消互助求助「${v.title}」` : `申请取消「${v.title}」`)),
    response: HelpRequestView,
    handler: async ({ params, user, deps, tx }) => one(deps, user, (await cancelHelpRequest(tx, user, params.id, deps.clock.now())).row, tx),
  }),
  route({
    method: 'post',
    path: '/api/v1/help-requests/:id/dispute',
    summary: '邻里互助：申请工作人员处理争议',
    description: 'Either side of a matched request (409 not_matched / already_disputed); the reason passes the content check. The complex\'s workers are told and decide (POST …/decide).',
    tags: TAGS,
    params: ActionParams,
    body: z.object({ reason: z.string().trim().min(4, '请说明发生了什么（至少 4 个字）').max(300) }),
    transaction: true,
    audit: auditHelp('help.dispute', (v) => `就「${v.title}」申请争议处理`),
    response: HelpRequestView,
    handler: async ({ params, body, user, deps, tx }) => one(deps, user, await disputeHelpRequest(deps, tx, user, params.id, body.reason), tx),
  }),
  route({
    method: 'post',
    path: '/api/v1/help-requests/:id/decide',
    summary: '邻里互助：工作人员处理争议',
    description:
      'A worker of the complex, its street admin or a district admin (403 otherwise); the request must be disputed (409 not_disputed). `pay_helper` settles the hold to the helper (done); `refund` releases it (cancelled), and `helperNoShow` counts towards the helper\'s suspension. Audited with the decision and the note.',
    tags: TAGS,
    auth: STAFF,
    params: ActionParams,
    body: z.object({ decision: z.enum(['pay_helper', 'refund']), note: z.string().trim().min(4, '请写明处理理由（至少 4 个字）').max(300), helperNoShow: z.boolean().default(false) }),
    transaction: true,
    audit: ({ params, body, result }) => ({
      action: 'help.decide',
      targetType: 'help_request',
      targetId: params.id,
      detail: { decision: body.decision, note: body.note, helperNoShow: body.helperNoShow, status: (result as HelpRequestView).status, points: (result as HelpRequestView).points },
    }),
    response: HelpRequestView,
    pii: HELP_PII,
    handler: async ({ params, body, user, deps, tx }) => one(deps, user, await decideDispute(tx, user, params.id, body, deps.clock.now()), tx),
  }),
  route({
    method: 'post',
    path: '/api/v1/help-requests/:id/ratings',
    summary: '邻里互助：评价对方',
    description: 'Each side rates the other once after it was done (409 not_done / already_rated); the comment passes the content check.',
    tags: TAGS,
    params: ActionParams,
    body: z.object({ stars: z.number().int().min(1).max(5), comment: z.string().trim().max(200).default('') }),
    status: 201,
    transaction: true,
    response: HelpRating,
    handler: async ({ params, body, user, deps, tx }) => rateHelpRequest(deps, tx, user, params.id, body),
  }),
];
