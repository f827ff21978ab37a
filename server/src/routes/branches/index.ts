import { asc, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { branchComplexes, branches } from '../../db/schema';
import { withTx } from '../../db/client';
import { assertBranchMember, isBranchMember } from '../../domain/access/scope';
import { audit } from '../../domain/audit/log';
import { requestFacts } from '../../http/facts';
import { addPairing, removePairing } from '../../domain/branches/pairing';
import {
  addMember,
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
import { BranchCreate, BranchDetail, BranchMember, BranchPatch, BranchSummary, MemberAdd, MemberParams, PairAdd, PairParams } from './schema';

async function detail(deps: Deps, user: AuthUser | null, branchId: number) {
  const b = await findBranch(deps.db, branchId);
  const cxs = await pairedComplexes(deps.db, branchId);
  const canManage = !!user && (await isBranchMember(deps.db, user, branchId));
  const members = canManage ? (await branchMemberList(deps.db, branchId)).map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })) : null;
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
    query: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100, '每页最多 100 条').optional() }),
    response: pageOf(BranchSummary),
    handler: async ({ query, deps }) => {
      const after = decodeCursor(query.cursor, z.number().int().min(0)) ?? 0;
      const base = deps.db
        .select({ id: branches.id, name: branches.name, department: branches.department })
        .from(branches)
        .where(gt(branches.id, after))
        .orderBy(asc(branches.id))
        .$dynamic();
      const rows = query.limit ? await base.limit(query.limit + 1) : await base;
      const page = query.limit ? rows.slice(0, query.limit) : rows;
      const pairs = page.length
        ? await deps.db.select().from(branchComplexes).where(inArray(branchComplexes.branchId, page.map((b) => b.id)))
        : [];
      return {
        items: page.map((b) => ({ ...b, complexIds: pairs.filter((p) => p.branchId === b.id).map((p) => p.complexId).sort((a, c) => a - c) })),
        nextCursor: query.limit && rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/branches',
    summary: '新增机关党支部',
    tags: ['branches'],
    auth: ['district_admin'],
    body: BranchCreate,
    status: 201,
    idempotent: true,
    response: BranchDetail,
    handler: async ({ body, user, deps, ctx }) => {
      const b = await withTx(deps.db, async (tx) => {
        const created = await createBranch(tx, body);
        await audit(tx, { actorId: user.id, action: 'branch.create', targetType: 'branch', targetId: created.id, detail: body, ...requestFacts(ctx) });
        return created;
      });
      return detail(deps, user, b.id);
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
    summary: '修改党支部资料',
    description: 'By an account of this branch or a district admin.',
    tags: ['branches'],
    auth: ['branch_admin', 'district_admin'],
    params: IdParams,
    body: BranchPatch,
    response: BranchDetail,
    handler: async ({ params, body, user, deps, ctx }) => {
      await findBranch(deps.db, params.id);
      await assertBranchMember(deps.db, user, params.id);
      await withTx(deps.db, async (tx) => {
        await updateBranch(tx, params.id, body);
        await audit(tx, { actorId: user.id, action: 'branch.update', targetType: 'branch', targetId: params.id, detail: body, ...requestFacts(ctx) });
      });
      return detail(deps, user, params.id);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/branches/:id/members',
    summary: '添加党支部管理员账号（按用户编号或手机号）',
    description:
      'The account becomes `branch_admin` (its next token carries the role). 404 when no account has that phone; 409 `already_member`, `member_of_other_branch`, `role_conflict` (a worker or district admin).',
    tags: ['branches'],
    auth: ['district_admin'],
    params: IdParams,
    body: MemberAdd,
    status: 201,
    response: z.object({ members: z.array(BranchMember) }),
    handler: async ({ params, body, user, deps, ctx }) => {
      await withTx(deps.db, async (tx) => {
        await findBranch(tx, params.id);
        const who = await findMemberCandidate(tx, body, deps.config.PII_KEY);
        await addMember(tx, params.id, who);
        await audit(tx, { actorId: user.id, action: 'branch.member_add', targetType: 'branch', targetId: params.id, detail: { userId: who.id, by: body.phone ? 'phone' : 'id' }, ...requestFacts(ctx) });
      });
      return { members: (await branchMemberList(deps.db, params.id)).map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })) };
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
    handler: async ({ params, user, deps, ctx }) => {
      await withTx(deps.db, async (tx) => {
        await findBranch(tx, params.id);
        await removeMember(tx, params.id, params.userId);
        await audit(tx, { actorId: user.id, action: 'branch.member_remove', targetType: 'branch', targetId: params.id, detail: { userId: params.userId }, ...requestFacts(ctx) });
      });
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
    response: z.object({ branchId: z.number().int(), complexIds: z.array(z.number().int()) }),
    handler: async ({ params, body, user, deps, ctx }) => {
      await withTx(deps.db, async (tx) => {
        await addPairing(tx, params.id, body.complexId);
        await audit(tx, { actorId: user.id, action: 'pairing.add', targetType: 'branch', targetId: params.id, detail: { complexId: body.complexId }, ...requestFacts(ctx) });
      });
      return { branchId: params.id, complexIds: (await pairedComplexes(deps.db, params.id)).map((c) => c.id) };
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
    handler: async ({ params, user, deps, ctx }) => {
      await withTx(deps.db, async (tx) => {
        await findBranch(tx, params.id);
        await removePairing(tx, params.id, params.complexId);
        await audit(tx, { actorId: user.id, action: 'pairing.remove', targetType: 'branch', targetId: params.id, detail: { complexId: params.complexId }, ...requestFacts(ctx) });
      });
    },
  }),
];
