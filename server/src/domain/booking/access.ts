import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { activities } from '../../db/schema';
import { forbidden } from '../../errors';
import type { AuthUser } from '../access/actor';
import { branchIdOf, canManageComplex } from '../access/scope';

type ActivityScope = Pick<typeof activities.$inferSelect, 'complexId' | 'organizerBranchId'>;

/**
 * Who runs an activity: the complex's workers and district admins; for a party-branch offering
 * also the organizing branch's admins.
 */
export async function canManageActivity(db: DbOrTx, user: AuthUser, a: ActivityScope): Promise<boolean> {
  if (user.role === 'resident') return false;
  if (await canManageComplex(db, user, a.complexId)) return true;
  if (user.role === 'branch_admin' && a.organizerBranchId !== null) return (await branchIdOf(db, user)) === a.organizerBranchId;
  return false;
}

export async function assertCanManageActivity(db: DbOrTx, user: AuthUser, a: ActivityScope): Promise<void> {
  if (!(await canManageActivity(db, user, a))) throw forbidden('您不是该活动的组织方');
}

export async function activityById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(activities).where(eq(activities.id, id)).limit(1);
  return row ?? null;
}
