import { eq } from 'drizzle-orm';
import { branchMembers, staffComplexes, users } from '../../src/db/schema';
import type { Role } from '../../../shared/constants';
import type { TestServer } from './harness';
import { uniquePhone } from './harness';

/**
 * Creates a user through the real dev login, then gives it a role and scope directly in the
 * database (what a district admin would do), and signs in again so the token carries the role.
 */
export async function buildUser(
  t: TestServer,
  o: { role?: Role; complexIds?: number[]; branchId?: number; streetId?: number; phone?: string; birthDate?: string } = {},
): Promise<{ id: number; token: string; refreshToken: string; phone: string }> {
  const phone = o.phone ?? uniquePhone();
  const first = await t.login(phone);
  const id = first.user.id as number;
  const role = o.role ?? 'resident';
  if (role !== 'resident' || o.birthDate) {
    await t.deps.db.update(users).set({ role, ...(o.birthDate ? { birthDate: o.birthDate } : {}), ...(o.streetId ? { streetId: o.streetId } : {}) }).where(eq(users.id, id));
  }
  for (const complexId of o.complexIds ?? []) {
    await t.deps.db.insert(staffComplexes).values({ userId: id, complexId }).onDuplicateKeyUpdate({ set: { complexId } });
  }
  if (o.branchId) {
    await t.deps.db.insert(branchMembers).values({ userId: id, branchId: o.branchId }).onDuplicateKeyUpdate({ set: { branchId: o.branchId } });
  }
  if (role === 'resident') return { id, token: first.token, refreshToken: first.refreshToken, phone };
  const again = await t.login(phone);
  return { id, token: again.token, refreshToken: again.refreshToken, phone };
}

export const buildResident = (t: TestServer) => buildUser(t, { role: 'resident' });
export const buildWorker = (t: TestServer, complexIds: number[] = [1]) => buildUser(t, { role: 'worker', complexIds });
export const buildDistrictAdmin = (t: TestServer) => buildUser(t, { role: 'district_admin' });
export const buildBranchAdmin = (t: TestServer, branchId = 1) => buildUser(t, { role: 'branch_admin', branchId });
/** A 镇街 admin of `streetId` (street 1 = 文新街道: complexes 1 and 2). */
export const buildStreetAdmin = (t: TestServer, streetId = 1) => buildUser(t, { role: 'street_admin', streetId });
