import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { branchComplexes, branchMembers, complexes, staffComplexes, users } from '../../db/schema';
import { forbidden } from '../../errors';
import type { AuthUser } from './actor';

/** Complexes a worker works for. */
export async function workerComplexIds(db: DbOrTx, userId: number): Promise<number[]> {
  const rows = await db.select({ id: staffComplexes.complexId }).from(staffComplexes).where(eq(staffComplexes.userId, userId));
  return rows.map((r) => r.id);
}

/** The 镇街 a street admin works for (null for anyone else, or a street admin not yet assigned). */
export async function streetIdOf(db: DbOrTx, user: AuthUser): Promise<number | null> {
  if (user.role !== 'street_admin') return null;
  const [row] = await db.select({ streetId: users.streetId }).from(users).where(eq(users.id, user.id)).limit(1);
  return row?.streetId ?? null;
}

/**
 * The complexes the user runs: a worker's own, every complex of a street admin's street;
 * `'all'` for district admins; none for anyone else.
 * @public the access door for lists scoped to a user's complexes (new domains call it)
 */
export async function managedComplexIds(db: DbOrTx, user: AuthUser): Promise<number[] | 'all'> {
  if (user.role === 'district_admin') return 'all';
  if (user.role === 'worker') return workerComplexIds(db, user.id);
  if (user.role === 'street_admin') {
    const streetId = await streetIdOf(db, user);
    if (!streetId) return [];
    const rows = await db.select({ id: complexes.id }).from(complexes).where(eq(complexes.streetId, streetId));
    return rows.map((r) => r.id);
  }
  return [];
}

/**
 * Whether the user may run this complex: its workers, the admin of its street, and district
 * admins everywhere.
 */
export async function canManageComplex(db: DbOrTx, user: AuthUser, complexId: number): Promise<boolean> {
  if (user.role === 'district_admin') return true;
  if (user.role === 'street_admin') {
    const [row] = await db
      .select({ id: complexes.id })
      .from(complexes)
      .innerJoin(users, eq(users.streetId, complexes.streetId))
      .where(and(eq(users.id, user.id), eq(complexes.id, complexId)))
      .limit(1);
    return !!row;
  }
  if (user.role !== 'worker') return false;
  const [row] = await db
    .select({ id: staffComplexes.complexId })
    .from(staffComplexes)
    .where(and(eq(staffComplexes.userId, user.id), eq(staffComplexes.complexId, complexId)))
    .limit(1);
  return !!row;
}

export async function assertCanManageComplex(db: DbOrTx, user: AuthUser, complexId: number): Promise<void> {
  if (!(await canManageComplex(db, user, complexId))) throw forbidden('您不是该民生综合体的工作人员');
}

/** The branch a branch admin acts for (null for anyone else). */
export async function branchIdOf(db: DbOrTx, user: AuthUser): Promise<number | null> {
  if (user.role !== 'branch_admin') return null;
  const [row] = await db.select({ id: branchMembers.branchId }).from(branchMembers).where(eq(branchMembers.userId, user.id)).limit(1);
  return row?.id ?? null;
}

/** Whether the user may act for the branch: its own accounts, and district admins everywhere. */
export async function isBranchMember(db: DbOrTx, user: AuthUser, branchId: number): Promise<boolean> {
  if (user.role === 'district_admin') return true;
  if (user.role !== 'branch_admin') return false;
  const [row] = await db
    .select({ id: branchMembers.branchId })
    .from(branchMembers)
    .where(and(eq(branchMembers.userId, user.id), eq(branchMembers.branchId, branchId)))
    .limit(1);
  return !!row;
}

export async function assertBranchMember(db: DbOrTx, user: AuthUser, branchId: number): Promise<void> {
  if (!(await isBranchMember(db, user, branchId))) throw forbidden('您不是该党支部的成员');
}

export async function isBranchPairedWith(db: DbOrTx, branchId: number, complexId: number): Promise<boolean> {
  const [row] = await db
    .select({ b: branchComplexes.branchId })
    .from(branchComplexes)
    .where(and(eq(branchComplexes.branchId, branchId), eq(branchComplexes.complexId, complexId)))
    .limit(1);
  return !!row;
}

/**
 * The complexes a staff list or inbox covers: null for a district admin (no filter), else the
 * complexes the user runs (a worker's own, a street admin's street; none for anyone else).
 */
export async function complexScope(db: DbOrTx, user: AuthUser): Promise<number[] | null> {
  const ids = await managedComplexIds(db, user);
  return ids === 'all' ? null : ids;
}

/**
 * Whether the user runs the places and staff of this 镇街: district admins everywhere, a street
 * admin only their own street. Workers never do (they run the complexes, not their structure).
 */
export async function canManageStreet(db: DbOrTx, user: AuthUser, streetId: number): Promise<boolean> {
  if (user.role === 'district_admin') return true;
  return user.role === 'street_admin' && (await streetIdOf(db, user)) === streetId;
}

export async function assertCanManageStreet(db: DbOrTx, user: AuthUser, streetId: number): Promise<void> {
  if (!(await canManageStreet(db, user, streetId))) throw forbidden('只有区级管理员或本街道管理员可以管理本街道的场所和人员');
}
