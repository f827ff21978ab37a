import { z } from 'zod';
import { withTx } from '../../db/client';
import { forbidden, notFound } from '../../errors';
import { IdParams, decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import { auditDetailOf, withAuditDetail } from '../../http/auditDetail';
import { canManageComplex, complexScope } from '../../domain/access/scope';
import { decide, register, registrationOf } from '../../domain/volunteer/registration';
import { applicationsAt } from '../../domain/volunteer/queries';
import { volunteerTotals } from '../../domain/volunteer/summary';
import { VOLUNTEER_AGREEMENT_VERSION } from '../../../../shared/volunteer';
import { ApplicationsQuery, DecisionBody, RegistrationBody } from './schema';
import { ApplicationDecision, MyVolunteering, Registration, StaffApplication } from '../../../../shared/api/volunteer';

export default [
  route({
    method: 'get',
    path: '/api/v1/me/volunteer',
    summary: '我的志愿服务：注册状态、累计时长、今年时长',
    description: 'Hours count approved sign-ups only; "this year" is the Asia/Shanghai calendar year of the post start.',
    tags: ['volunteer'],
    response: MyVolunteering,
    handler: async ({ user, deps }) => {
      const registration = await registrationOf(deps.db, user.id);
      const totals = await volunteerTotals(deps.db, user.id, deps.clock.now());
      return {
        registration,
        isVolunteer: !!registration?.complexes.some((c) => c.status === 'approved'),
        agreementVersion: VOLUNTEER_AGREEMENT_VERSION,
        ...totals,
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/volunteer/registrations',
    quota: 'content',
    summary: '注册成为志愿者（或更新注册信息）',
    description:
      'Real name, skills from the fixed list (`shared/volunteer.ts`), the complexes to serve and consent to the agreement. Each complex starts `pending` until a worker decides; declined complexes go back to pending.',
    tags: ['volunteer'],
    body: RegistrationBody,
    status: 201,
    idempotent: true,
    response: Registration,
    handler: async ({ user, body, deps }) => {
      await withTx(deps.db, (tx) => register(tx, user.id, { ...body, agreementVersion: body.agreementVersion }, deps.clock.now()));
      const registration = await registrationOf(deps.db, user.id);
      if (!registration) throw notFound('志愿者登记不存在');
      return registration;
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/volunteer/applications',
    summary: '志愿者注册申请（工作人员）',
    description: 'Applications at the complexes the caller runs (district admins: all, or one `complexId`).',
    tags: ['volunteer'],
    auth: ['worker', 'street_admin', 'district_admin'],
    query: ApplicationsQuery,
    response: pageOf(StaffApplication),
    pii: {
      fields: ['realName'],
      purpose: 'volunteer_review',
      subjects: ({ result }) => (result as { items: Array<{ userId: number; complexId: number }> }).items.map((i) => ({ userId: i.userId, complexId: i.complexId })),
    },
    handler: async ({ user, query, deps }) => {
      let scope: number[] | null = null;
      if (query.complexId) {
        if (!(await canManageComplex(deps.db, user, query.complexId))) throw forbidden('您不是该民生综合体的工作人员');
        scope = [query.complexId];
      } else {
        scope = await complexScope(deps.db, user);
      }
      if (scope && scope.length === 0) return { items: [], nextCursor: null };
      const after = decodeCursor(query.cursor, z.number().int().positive());
      const rows = await applicationsAt(deps.db, { status: query.status, scope, before: after }, query.limit);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map((r) => ({
          id: r.a.id,
          complexId: r.a.complexId,
          complexName: r.complexName,
          userId: r.userId,
          realName: r.realName,
          phoneMasked: r.phoneMasked,
          skills: r.skills,
          status: r.a.status,
          reason: r.a.decisionReason,
          createdAt: r.a.createdAt.toISOString(),
        })),
        nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].a.id) : null,
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/volunteer/applications/:id/decision',
    summary: '审核志愿者注册（通过 / 不通过并说明原因）',
    description: 'Only a worker of that complex (or a district admin). Declining needs a reason. 409 `already_decided` when decided before.',
    tags: ['volunteer'],
    auth: ['worker', 'street_admin', 'district_admin'],
    params: IdParams,
    body: DecisionBody,
    idempotent: true,
    response: ApplicationDecision,
    transaction: true,
    audit: ({ body, result }) => ({
      action: body.approve ? 'volunteer.approve' : 'volunteer.decline',
      targetType: 'volunteer_application',
      targetId: (result as { id: number }).id,
      detail: { ...auditDetailOf(result), reason: body.reason ?? null },
    }),
    handler: async ({ user, params, body, deps, tx }) => {
      const d = await decide(tx, user, params.id, body.approve, body.reason, deps.clock.now());
      return withAuditDetail({ id: d.id, status: d.status, reason: d.decisionReason }, { volunteerUserId: d.userId, complexId: d.complexId });
    },
  }),
];
