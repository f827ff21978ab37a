import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { branchMembers } from '../../db/schema';
import type { AuthUser } from '../../http/route';

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
