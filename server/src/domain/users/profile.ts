import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { users } from '../../db/schema';
import type { Deps } from '../../deps';
import { notFound, validationFailed } from '../../errors';
import { claimHome } from '../residency/claim';
import { shanghaiDay } from '../time/shanghai';
import { presentMe } from './accounts';

/** What a resident may change about themselves (PATCH /me); `homeComplexId` only claims a home. */
export type ProfilePatch = Partial<Pick<typeof users.$inferInsert, 'elderMode' | 'elderModeOffered' | 'nickname' | 'birthDate' | 'address' | 'avatar'>> & {
  homeComplexId?: number | null;
};

/** Applies the caller's profile change in the mount's transaction and returns the new /me. */
export async function updateProfile(deps: Deps, tx: Tx, userId: number, patch: ProfilePatch) {
  const now = deps.clock.now();
  if (patch.birthDate && patch.birthDate > shanghaiDay(now)) throw validationFailed({ birthDate: '出生日期不能晚于今天' });
  const { homeComplexId, ...profile } = patch;
  if (homeComplexId !== undefined) await claimHome(tx, userId, homeComplexId, now);
  if (Object.keys(profile).length > 0) await tx.update(users).set(profile).where(eq(users.id, userId));
  const me = await presentMe({ ...deps, db: tx as unknown as Db }, userId);
  if (!me) throw notFound('用户不存在');
  return me;
}
