import { z } from 'zod';
import { withTx } from '../../db/client';
import { notFound } from '../../errors';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zId, type AuthUser } from '../../http/route';
import type { Deps } from '../../deps';
import { CARE_EMERGENCY_ACCEPT_MINUTES, CARE_KINDS, CARE_KIND_LABELS, type CareStatus } from '../../../../shared/constants';
import { assertCanManageComplex, complexScope } from '../../domain/access/scope';
import { audit } from '../../domain/audit/log';
import { requestFacts } from '../../http/facts';
import { careAssignees } from '../../domain/care/assignees';
import { createCareRequest } from '../../domain/care/create';
import { OPEN_STATUSES, SENIOR_CANCELLABLE, canStep, type CareStep } from '../../domain/care/lifecycle';
import { careProfileOf, careQueue, careRequestById, overdueEmergencyCount, seniorCareRequests } from '../../domain/care/queries';
import { careTimeline, jobView, presentCare, type CareRow } from '../../domain/care/present';
import { rateCare } from '../../domain/care/rating';
import { applyStep, relationTo } from '../../domain/care/steps';
import { assertCanActFor } from '../../domain/family/access';
import type { PiiSpec } from '../../http/route';
import type { PiiSubject } from '../../domain/privacy/piiAccess';
import { AssignBody, CancelBody, CreateCareBody, QueueQuery, RateBody, StepBody } from './schema';
import { Assignees, CareDetail, CareProfile, CareQueue, CareRated, CareRequest } from '../../../../shared/api/care';

const TAGS = ['care'];

interface ShownCare {
  senior: { id: number };
  complexId: number;
  status: string;
  assignee: { id: number } | null;
}

/**
 * Who a care detail showed the senior's PII to: staff of the complex see the phone, address, real
 * name and note; a volunteer assignee the address and the note while the job is open. The senior
 * and linked family are not accesses.
 */
function careViewer(user: AuthUser, d: ShownCare): PiiSubject[] {
  if (d.senior.id === user.id) return [];
  if (user.role !== 'resident') return [{ userId: d.senior.id, complexId: d.complexId }];
  if (d.assignee?.id === user.id && (d.status === 'dispatched' || d.status === 'in_service')) return [{ userId: d.senior.id, complexId: d.complexId, asRole: 'volunteer', fields: ['address', 'careNote'] }];
  return [];
}

const CARE_PII = { fields: ['phone', 'address', 'realName', 'careNote'], purpose: 'care_dispatch', subjects: ({ user, result }) => careViewer(user, result as ShownCare) } satisfies PiiSpec;

async function present(deps: Deps, row: CareRow, showPhone: boolean) {
  const [out] = await presentCare(deps.db, [row], { now: deps.clock.now(), showPhone, piiKey: deps.config.PII_KEY });
  return out;
}

/** One request with its timeline and what the caller may do next. */
async function detail(deps: Deps, user: AuthUser, id: number) {
  const row = await careRequestById(deps.db, id);
  const rel = row ? await relationTo(deps.db, user, row) : null;
  if (!row || !rel) throw notFound('养老服务申请不存在');
  const s = row.status;
  const full = { ...(await present(deps, row, rel.staff)), timeline: await careTimeline(deps.db, id) };
  // a volunteer assignee sees what the visit needs, nothing more
  const shown = rel.assignee && !rel.staff && !rel.seniorSide ? jobView(full, row) : full;
  return {
    ...shown,
    can: {
      accept: rel.staff && canStep('accept', s),
      assign: rel.staff && canStep('assign', s),
      start: (rel.staff || rel.assignee) && canStep('start', s),
      complete: (rel.staff || rel.assignee) && canStep('complete', s),
      cancel: rel.staff ? canStep('cancel', s) : rel.seniorSide && SENIOR_CANCELLABLE.includes(s),
      rate: row.seniorId === user.id && s === 'completed' && row.rating === null,
    },
  };
}

/** A senior's requests, newest first (keyset on id). */
async function seniorRequests(deps: Deps, seniorId: number, q: z.output<typeof PageQuery>) {
  const before = decodeCursor(q.cursor, z.number().int().positive());
  const rows = await seniorCareRequests(deps.db, seniorId, before, q.limit);
  const page = rows.slice(0, q.limit);
  return {
    items: await presentCare(deps.db, page, { now: deps.clock.now(), showPhone: false, piiKey: deps.config.PII_KEY }),
    nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1].id) : null,
  };
}

const stepRoute = (step: Exclude<CareStep, 'assign' | 'cancel'>, summary: string, who: string) =>
  route({
    method: 'post',
    path: `/api/v1/care-requests/:id/${step}`,
    summary,
    description: `${who} Illegal from the current status → 409 invalid_transition. The senior and linked family are notified; staff actions are audited.`,
    tags: TAGS,
    params: IdParams,
    body: StepBody,
    response: CareDetail,
    pii: CARE_PII,
    handler: async ({ params, body, user, deps, ctx }) => {
      await withTx(deps.db, (tx) => applyStep(tx, { requestId: params.id, step, user, note: body.note, now: deps.clock.now(), requestFacts: requestFacts(ctx) }));
      return detail(deps, user, params.id);
    },
  });

export default [
  route({
    method: 'get',
    path: '/api/v1/care/profile',
    summary: '一键养老：服务地址、电话与所属综合体',
    description: 'What a one-tap request will carry: the saved address, the masked phone and the home complex with its hotline. `seniorId` for a linked senior (亲情代办); unlinked → 404.',
    tags: TAGS,
    query: z.object({ seniorId: zId.optional() }),
    response: CareProfile,
    pii: { none: 'the caller\'s own address, or a linked senior\'s (亲情代办), never staff' },
    handler: async ({ query, user, deps }) => {
      const seniorId = query.seniorId ?? user.id;
      await assertCanActFor(deps.db, user.id, seniorId);
      const u = await careProfileOf(deps.db, seniorId);
      if (!u) throw notFound('用户不存在');
      return {
        senior: { id: u.id, nickname: u.nickname },
        address: u.address,
        phoneMasked: u.phoneMasked,
        complex: u.complexId ? { id: u.complexId, name: u.complexName!, hotline: u.hotline! } : null,
        kinds: CARE_KINDS.map((kind) => ({ kind, label: CARE_KIND_LABELS[kind] })),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/care-requests',
    quota: 'content',
    summary: '一键养老：提交服务申请',
    description:
      'Creates a request for the senior (yourself, or a linked senior via `seniorId`) with the saved address and phone, for the home complex. `emergency` gets priority 1; the client also calls the complex hotline. A second open request of the same kind → 409 care_request_open. No home complex or address saved → 422 naming `complexId`/`address`.',
    tags: TAGS,
    body: CreateCareBody,
    status: 201,
    idempotent: true,
    response: CareDetail,
    pii: { none: 'answers the senior or the family member who asked, never staff' },
    handler: async ({ body, user, deps, ctx }) => {
      const { id } = await withTx(deps.db, (tx) =>
        createCareRequest(tx, {
          actorId: user.id,
          seniorId: body.seniorId ?? user.id,
          kind: body.kind,
          note: body.note,
          complexId: body.complexId,
          address: body.address,
          now: deps.clock.now(),
          requestFacts: requestFacts(ctx),
        }),
      );
      return detail(deps, user, id);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/care-requests',
    summary: '我的养老服务申请',
    description: 'Requests for the caller as the senior (including those family members made for them), newest first.',
    tags: TAGS,
    query: PageQuery,
    response: pageOf(CareRequest),
    pii: { none: 'the senior\'s own requests (phone masked)' },
    handler: ({ query, user, deps }) => seniorRequests(deps, user.id, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/family/:seniorId/care-requests',
    summary: '亲情代办：长辈的养老服务申请',
    description: 'For a linked family member; the view is recorded as a proxy action the senior can see. Not linked → 404.',
    tags: TAGS,
    params: z.object({ seniorId: zId }),
    query: PageQuery,
    response: pageOf(CareRequest),
    pii: { none: 'linked family (亲情代办): the view is recorded as a proxy action the senior sees' },
    handler: async ({ params, query, user, deps, ctx }) => {
      await assertCanActFor(deps.db, user.id, params.seniorId);
      if (user.id !== params.seniorId) {
        await audit(deps.db, { actorId: user.id, onBehalfOf: params.seniorId, action: 'care.view', targetType: 'user', targetId: params.seniorId, detail: { summary: '查看养老服务记录' }, ...requestFacts(ctx) });
      }
      return seniorRequests(deps, params.seniorId, query);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/care-requests/:id',
    summary: '养老服务申请详情（含进度）',
    description: 'Visible to the senior, linked family, the assignee and the staff of the complex; anyone else → 404. `can` says which steps the caller may take now.',
    tags: TAGS,
    params: IdParams,
    response: CareDetail,
    pii: CARE_PII,
    handler: ({ params, user, deps }) => detail(deps, user, params.id),
  }),
  stepRoute('accept', '受理养老服务申请', 'Staff of the complex: submitted → accepted.'),
  route({
    method: 'post',
    path: '/api/v1/care-requests/:id/assign',
    summary: '派单给工作人员或志愿者',
    description:
      'Staff of the complex: accepted → dispatched (or hand a dispatched job to someone else). `assigneeId` is a worker of this complex or a volunteer whose registration at this complex was approved (anyone else → 422). A volunteer sees only what the visit needs, and the address only while the job is open. Illegal → 409 invalid_transition.',
    tags: TAGS,
    params: IdParams,
    body: AssignBody,
    response: CareDetail,
    pii: CARE_PII,
    handler: async ({ params, body, user, deps, ctx }) => {
      await withTx(deps.db, (tx) =>
        applyStep(tx, { requestId: params.id, step: 'assign', user, assigneeId: body.assigneeId, note: body.note, now: deps.clock.now(), requestFacts: requestFacts(ctx) }),
      );
      return detail(deps, user, params.id);
    },
  }),
  stepRoute('start', '开始上门服务', 'Staff of the complex or the assignee: dispatched → in_service.'),
  stepRoute('complete', '服务完成', 'Staff of the complex or the assignee: in_service → completed.'),
  route({
    method: 'post',
    path: '/api/v1/care-requests/:id/cancel',
    summary: '取消养老服务申请',
    description: 'The senior or a linked family member before the service starts; staff of the complex any time before completion. A reason is required. Illegal → 409 invalid_transition.',
    tags: TAGS,
    params: IdParams,
    body: CancelBody,
    response: CareDetail,
    pii: CARE_PII,
    handler: async ({ params, body, user, deps, ctx }) => {
      await withTx(deps.db, (tx) => applyStep(tx, { requestId: params.id, step: 'cancel', user, reason: body.reason, now: deps.clock.now(), requestFacts: requestFacts(ctx) }));
      return detail(deps, user, params.id);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/care-requests/:id/rating',
    summary: '评价已完成的养老服务',
    description: 'The senior only, once (409 already_rated), after completion (409 not_completed). Earns evaluation points once (source care:<id>).',
    tags: TAGS,
    params: IdParams,
    body: RateBody,
    idempotent: true,
    response: CareRated,
    pii: { none: 'only the senior rates' },
    handler: async ({ params, body, user, deps }) => {
      const { pointsEarned } = await withTx(deps.db, (tx) => rateCare(tx, { requestId: params.id, user, rating: body.rating, comment: body.comment, now: deps.clock.now() }));
      return { ...(await detail(deps, user, params.id)), pointsEarned };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/care/queue',
    summary: '养老服务派单队列',
    description:
      'Workers see the complexes they work for (or one of them with `complexId`); district admins any. Emergencies first, then oldest first. `flagged` marks an emergency not accepted within 5 minutes; the phone is shown in full here for calling back.',
    tags: TAGS,
    auth: ['worker', 'street_admin', 'district_admin'],
    query: QueueQuery,
    response: CareQueue,
    pii: {
      fields: ['phone', 'address', 'realName', 'careNote'],
      purpose: 'care_dispatch',
      subjects: ({ result }) => (result as { items: ShownCare[] }).items.map((i) => ({ userId: i.senior.id, complexId: i.complexId })),
    },
    handler: async ({ query, user, deps }) => {
      let complexIds: number[] | null;
      if (query.complexId) {
        await assertCanManageComplex(deps.db, user, query.complexId);
        complexIds = [query.complexId];
      } else {
        complexIds = await complexScope(deps.db, user);
      }
      if (complexIds && complexIds.length === 0) return { items: [], nextCursor: null, flaggedCount: 0 };
      const statuses: CareStatus[] | null = query.status === 'all' ? null : query.status === 'open' ? [...OPEN_STATUSES] : [query.status];
      // keyset on the queue order (priority desc, createdAt asc, id asc): stable while requests come in
      const after = decodeCursor(query.cursor, z.tuple([z.number().int(), z.iso.datetime(), z.number().int().positive()]));
      const rows = await careQueue(deps.db, { complexIds, statuses, after: after ? { priority: after[0], createdAt: new Date(after[1]), id: after[2] } : null }, query.limit);
      const page = rows.slice(0, query.limit);
      const items = await presentCare(deps.db, page, { now: deps.clock.now(), showPhone: true, piiKey: deps.config.PII_KEY });
      const overdueBefore = new Date(deps.clock.now().getTime() - CARE_EMERGENCY_ACCEPT_MINUTES * 60_000);
      const flaggedCount = await overdueEmergencyCount(deps.db, complexIds, overdueBefore);
      const last = page[page.length - 1];
      return { items, nextCursor: rows.length > query.limit ? encodeCursor([last.priority, last.createdAt.toISOString(), last.id]) : null, flaggedCount };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/care/assignees',
    summary: '可派单的工作人员和志愿者',
    description: 'Workers of the complex, then the volunteers approved there (`kind`), each with their open care tasks, for the dispatch picker.',
    tags: TAGS,
    auth: ['worker', 'street_admin', 'district_admin'],
    query: z.object({ complexId: zId }),
    response: Assignees,
    handler: async ({ query, user, deps }) => {
      await assertCanManageComplex(deps.db, user, query.complexId);
      return { items: await careAssignees(deps.db, query.complexId) };
    },
  }),
];
