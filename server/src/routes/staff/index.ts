import { z } from 'zod';
import { IdParams, pageOf, route, zId } from '../../http/route';
import { assertCanManageComplex } from '../../domain/access/scope';
import { addStaff, changeStaff, removeStaff, staffOfComplex } from '../../domain/staff/manage';
import { StaffAdd, StaffChange, StaffMember, StaffRemoved } from '../../../../shared/api/residency';

/** Who manages staff: district admins, and a street admin within their street. */
const ADMINS = ['street_admin', 'district_admin'] as const;
const UserParams = z.object({ userId: zId });
const TAGS = ['staff'];

export default [
  route({
    method: 'get',
    path: '/api/v1/complexes/:id/staff',
    summary: '人员：综合体的工作人员与所在街道的管理员',
    tags: TAGS,
    auth: ['worker', 'street_admin', 'district_admin'],
    params: IdParams,
    response: pageOf(StaffMember),
    handler: async ({ user, params, deps }) => {
      await assertCanManageComplex(deps.db, user, params.id);
      return staffOfComplex(deps.db, params.id);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/staff',
    summary: '添加工作人员（按手机号）',
    description: 'Makes the person with this phone (an account is created if they never signed in) a `worker` of `complexIds` or the `street_admin` of `streetId`. District admins anywhere; a street admin only within their street (403 otherwise). A worker added again gains the complexes; another staff role → 409 role_conflict. The role shows in their next token. Audited.',
    tags: TAGS,
    auth: ADMINS,
    body: StaffAdd,
    status: 201,
    idempotent: true,
    response: StaffMember,
    transaction: true,
    audit: ({ body, result }) => {
      const r = result as { userId: number; complexIds: number[]; streetId: number | null };
      return { action: 'staff.add', targetType: 'user', targetId: r.userId, detail: { role: body.role, complexIds: r.complexIds, streetId: r.streetId } };
    },
    handler: ({ user, body, deps, tx }) => addStaff(tx, user, body, deps.config.PII_KEY),
  }),
  route({
    method: 'patch',
    path: '/api/v1/staff/:userId',
    summary: '调整工作人员的综合体（或镇街管理员的街道）',
    description: 'A worker\'s complexes are replaced — by a street admin only those of their street, the others stay; a street admin\'s street is moved by a district admin. Takes effect on the next request. Audited.',
    tags: TAGS,
    auth: ADMINS,
    params: UserParams,
    body: StaffChange,
    response: StaffMember,
    transaction: true,
    audit: ({ params, result }) => {
      const r = result as { complexIds: number[]; streetId: number | null };
      return { action: 'staff.change', targetType: 'user', targetId: params.userId, detail: { complexIds: r.complexIds, streetId: r.streetId } };
    },
    handler: ({ user, params, body, tx }) => changeStaff(tx, user, params.userId, body),
  }),
  route({
    method: 'delete',
    path: '/api/v1/staff/:userId',
    summary: '移除工作人员',
    description: 'A street admin removes a worker from their street\'s complexes. Someone left with no complex, and a removed street admin, is a resident again and every login of theirs is revoked: their next request → 401. Audited.',
    tags: TAGS,
    auth: ADMINS,
    params: UserParams,
    response: StaffRemoved,
    transaction: true,
    audit: ({ params, result }) => {
      const r = result as { role: string; removedComplexIds: number[]; sessionsRevoked: boolean };
      return { action: 'staff.remove', targetType: 'user', targetId: params.userId, detail: r };
    },
    handler: ({ user, params, deps, tx }) => removeStaff(tx, user, params.userId, deps.sessions, deps.clock.now()),
  }),
];
