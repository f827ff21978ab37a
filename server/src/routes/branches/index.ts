import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { assertBranchMember, isBranchMember } from '../../domain/access/scope';
import { auditDetailOf, withAuditDetail } from '../../http/auditDetail';
import { addPairing, removePairing } from '../../domain/branches/pairing';
import {
  addMember,
  branchList,
  branchMemberList,
  createBranch,
  findBranch,
  findMemberCandidate,
  pairedComplexes,
  removeMember,
  updateBranch,
} from '../../domain/branches/profile';
import { IdParams, decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import type { AuthUser } from '../../http/route';
import type { Deps } from '../../deps';
import { BranchCreate, BranchPatch, MemberAdd, MemberParams, PairAdd, PairParams } from './schema';
import { BranchDetail, BranchMembers, BranchPairs, BranchSummary } from '../../../../shared/api/branches';

async function detail(deps: Deps, user: AuthUser | null, branchId: number, db: DbOrTx = deps.db) {
  const b = await findBranch(db, branchId);
  const cxs = await pairedComplexes(db, branchId);
  const canManage = !!user && (await isBranchMember(db, user, branchId));
  const members = canManage ? (await branchMemberList(db, branchId)).map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })) : null;
  return {
    id: b.id,
    name: b.name,
    department: b.department,
    secretary: b.secretary,
    contact: b.contact,
    complexIds: cxs.map((c) => c.id),
    complexes: cxs,
    members,
    canManage,
  };
}

export default [
  route({
    method: 'get',
    path: '/api/v1/branches',
    summary: '机关党支部列表（含结对综合体）',
    description: 'Without `limit` the whole list (149) is returned.',
    tags: ['branches'],
    auth: 'public',
    reference: 'cache',
    query: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100, '每页最多 100 条').optional() }),
    response: pageOf(BranchSummary),
    handler: async ({ query, deps }) => {
      const after = decodeCursor(query.cursor, z.number().int().min(0)) ?? 0;
      const { items, more } = await branchList(deps.db, after, query.limit);
      return { items, nextCursor: more ? encodeCursor(items[items.length - 1].id) : null };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/branches',
    pii: { none: 'party-branch staff accounts (their own work identity), not residents' },
    summary: '新增机关党支部',
    tags: ['branches'],
    auth: ['district_admin'],
    body: BranchCreate,
    status: 201,
    idempotent: true,
    response: BranchDetail,
    transaction: true,
    audit: ({ body, result }) => ({ action: 'branch.create', targetType: 'branch', targetId: (result as { id: number }).id, detail: body }),
    handler: async ({ body, user, deps, tx }) => {
      const b = await createBranch(tx, body);
      return detail(deps, user, b.id, tx);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/branches/:id',
    summary: '党支部主页（部门、书记、联系方式、结对综合体）',
    description: 'Public. `members` (the accounts acting for the branch, phones masked) only for the branch itself and district admins.',
    tags: ['branches'],
    auth: 'public',
    params: IdParams,
    response: BranchDetail,
    handler: ({ params, user, deps }) => detail(deps, user, params.id),
  }),
  route({
    method: 'patch',
    path: '/api/v1/branches/:id',
    pii: { none: 'party-branch staff accounts (their own work identity), not residents' },
    summary: '修改党支部资料',
    description: 'By an account of this branch or a district admin.',
    tags: ['branches'],
    auth: ['branch_admin', 'district_admin'],
    params: IdParams,
    body: BranchPatch,
    response: BranchDetail,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'branch.update', targetType: 'branch', targetId: params.id, detail: body }),
    handler: async ({ params, body, user, deps, tx }) => {
      await findBranch(tx, params.id);
      await assertBranchMember(tx, user, params.id);
      await updateBranch(tx, params.id, body);
      return detail(deps, user, params.id, tx);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/branches/:id/members',
    pii: { none: 'party-branch staff accounts (their own work identity), not residents' },
    summary: '添加党支部管理员账号（按用户编号或手机号）',
    description:
      'The account becomes `branch_admin` (its next token carries the role). 404 when no account has that phone; 409 `already_member`, `member_of_other_branch`, `role_conflict` (a worker or district admin).',
    tags: ['branches'],
    auth: ['district_admin'],
    params: IdParams,
    body: MemberAdd,
    status: 201,
    response: BranchMembers,
    transaction: true,
    audit: ({ params, body, result }) => ({ action: 'branch.member_add', targetType: 'branch', targetId: params.id, detail: { userId: auditDetailOf(result).userId, by: body.phone ? 'phone' : 'id' } }),
    handler: async ({ params, body, deps, tx }) => {
      await findBranch(tx, params.id);
      const who = await findMemberCandidate(tx, body, deps.config.PII_KEY);
      await addMember(tx, params.id, who);
      const members = (await branchMemberList(tx, params.id)).map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }));
      return withAuditDetail({ members }, { userId: who.id });
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/branches/:id/members/:userId',
    summary: '移除党支部管理员账号',
    description: 'An account left without a branch becomes a resident again.',
    tags: ['branches'],
    auth: ['district_admin'],
    params: MemberParams,
    status: 204,
    transaction: true,
    audit: ({ params }) => ({ action: 'branch.member_remove', targetType: 'branch', targetId: params.id, detail: { userId: params.userId } }),
    handler: async ({ params, tx }) => {
      await findBranch(tx, params.id);
      await removeMember(tx, params.id, params.userId);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/branches/:id/complexes',
    summary: '新增结对（党支部 ↔ 民生综合体）',
    tags: ['branches', 'pairings'],
    auth: ['district_admin'],
    params: IdParams,
    body: PairAdd,
    status: 201,
    response: BranchPairs,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'pairing.add', targetType: 'branch', targetId: params.id, detail: { complexId: body.complexId } }),
    handler: async ({ params, body, tx }) => {
      await addPairing(tx, params.id, body.complexId);
      return { branchId: params.id, complexIds: (await pairedComplexes(tx, params.id)).map((c) => c.id) };
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/branches/:id/complexes/:complexId',
    summary: '解除结对',
    description: 'Offerings already published at that complex stay as they are.',
    tags: ['branches', 'pairings'],
    auth: ['district_admin'],
    params: PairParams,
    status: 204,
    transaction: true,
    audit: ({ params }) => ({ action: 'pairing.remove', targetType: 'branch', targetId: params.id, detail: { complexId: params.complexId } }),
    handler: async ({ params, tx }) => {
      await findBranch(tx, params.id);
      await removePairing(tx, params.id, params.complexId);
    },
  }),
];
