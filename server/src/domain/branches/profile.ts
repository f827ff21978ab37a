import { and, asc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { isDuplicateKey } from '../../db/client';
import { branchComplexes, branchMembers, branches, complexes, users } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { hashPhone } from '../auth/phone';

/**
 * A branch's profile (department, name, secretary, contact), its paired complexes and the
 * accounts that act for it. Members are shown only to the branch itself and district admins.
 */

export type BranchRow = typeof branches.$inferSelect;

/**
 * The branch list in id order after `after`, each with its paired complex ids (ascending):
 * `limit` rows and whether there are more, or every branch without a limit.
 */
export async function branchList(db: DbOrTx, after: number, limit?: number) {
  const base = db
    .select({ id: branches.id, name: branches.name, department: branches.department })
    .from(branches)
    .where(gt(branches.id, after))
    .orderBy(asc(branches.id))
    .$dynamic();
  const rows = limit ? await base.limit(limit + 1) : await base;
  const page = limit ? rows.slice(0, limit) : rows;
  const pairs = page.length ? await db.select().from(branchComplexes).where(inArray(branchComplexes.branchId, page.map((b) => b.id))) : [];
  return {
    items: page.map((b) => ({ ...b, complexIds: pairs.filter((p) => p.branchId === b.id).map((p) => p.complexId).sort((a, c) => a - c) })),
    more: !!limit && rows.length > limit,
  };
}

export async function findBranch(db: DbOrTx, branchId: number): Promise<BranchRow> {
  const [b] = await db.select().from(branches).where(eq(branches.id, branchId)).limit(1);
  if (!b) throw notFound('党支部不存在');
  return b;
}

export async function pairedComplexes(db: DbOrTx, branchId: number) {
  return db
    .select({ id: complexes.id, name: complexes.name, streetId: complexes.streetId, address: complexes.address })
    .from(branchComplexes)
    .innerJoin(complexes, eq(complexes.id, branchComplexes.complexId))
    .where(eq(branchComplexes.branchId, branchId))
    .orderBy(asc(complexes.id));
}

export async function branchMemberList(db: DbOrTx, branchId: number) {
  return db
    .select({ id: users.id, nickname: users.nickname, realName: users.realName, phoneMasked: users.phoneMasked, joinedAt: branchMembers.createdAt })
    .from(branchMembers)
    .innerJoin(users, eq(users.id, branchMembers.userId))
    .where(eq(branchMembers.branchId, branchId))
    .orderBy(asc(branchMembers.createdAt), asc(users.id));
}

export interface BranchPatch {
  name?: string;
  department?: string;
  secretary?: string;
  contact?: string;
}

export async function updateBranch(tx: Tx, branchId: number, patch: BranchPatch): Promise<BranchRow> {
  await findBranch(tx, branchId);
  if (Object.keys(patch).length > 0) {
    try {
      await tx.update(branches).set(patch).where(eq(branches.id, branchId));
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('duplicate_name', `已有名为「${patch.name}」的党支部`);
      throw e;
    }
  }
  return findBranch(tx, branchId);
}

export async function createBranch(tx: Tx, v: Required<Pick<BranchPatch, 'name' | 'department'>> & BranchPatch): Promise<BranchRow> {
  try {
    const [{ id }] = await tx
      .insert(branches)
      .values({ name: v.name, department: v.department, secretary: v.secretary ?? '', contact: v.contact ?? '' })
      .$returningId();
    return findBranch(tx, id);
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('duplicate_name', `已有名为「${v.name}」的党支部`);
    throw e;
  }
}

/** The user a district admin names by id or by phone (looked up by its keyed hash). */
export async function findMemberCandidate(db: DbOrTx, who: { userId?: number; phone?: string }, piiKey: string) {
  const cond = who.userId !== undefined ? eq(users.id, who.userId) : eq(users.phoneHash, hashPhone(who.phone!, piiKey));
  const [u] = await db.select({ id: users.id, role: users.role, disabled: users.disabled }).from(users).where(cond).limit(1);
  if (!u) throw notFound(who.userId !== undefined ? '用户不存在' : '该手机号尚未注册，请对方先登录一次小程序');
  return u;
}

/**
 * Makes the user an account of the branch; their role becomes branch_admin (it shows in their
 * next token). Staff of other kinds keep their role: one account has one role, so a worker or a
 * district admin cannot also act for a branch.
 */
export async function addMember(tx: Tx, branchId: number, user: { id: number; role: string }): Promise<void> {
  await findBranch(tx, branchId);
  // The user row is locked first so two admins adding the same person to two branches at once
  // cannot both pass the one-branch check.
  await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update');
  if (user.role === 'worker' || user.role === 'street_admin' || user.role === 'district_admin') {
    throw conflict('role_conflict', '该用户是社区工作者或区级管理员，不能同时担任党支部管理员');
  }
  const [other] = await tx
    .select({ branchId: branchMembers.branchId })
    .from(branchMembers)
    .where(and(eq(branchMembers.userId, user.id), ne(branchMembers.branchId, branchId)))
    .limit(1)
    // a locking read sees what a concurrent add committed, not this transaction's snapshot
    .for('update');
  if (other) throw conflict('member_of_other_branch', '该用户已是其他党支部的管理员，请先从原支部移除');
  try {
    await tx.insert(branchMembers).values({ userId: user.id, branchId });
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('already_member', '该用户已是本支部的管理员');
    throw e;
  }
  await tx.update(users).set({ role: 'branch_admin' }).where(eq(users.id, user.id));
}

/** Removes the account from the branch; with no branch left it is a resident again. */
export async function removeMember(tx: Tx, branchId: number, userId: number): Promise<void> {
  const [res] = await tx.delete(branchMembers).where(and(eq(branchMembers.branchId, branchId), eq(branchMembers.userId, userId)));
  if ((res as { affectedRows: number }).affectedRows === 0) throw notFound('该用户不是本支部的管理员');
  const [left] = await tx.select({ b: branchMembers.branchId }).from(branchMembers).where(eq(branchMembers.userId, userId)).limit(1);
  if (!left) await tx.update(users).set({ role: 'resident' }).where(and(eq(users.id, userId), eq(users.role, 'branch_admin')));
}
