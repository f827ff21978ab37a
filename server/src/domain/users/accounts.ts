import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { isDuplicateKey } from '../../db/client';
import { branchMembers, pointsAccounts, privacyConsents, users } from '../../db/schema';
import { managedComplexIds } from '../access/scope';
import { residencyOf } from '../residency/status';
import type { Deps } from '../../deps';
import { encryptPhone, hashPhone, maskPhone } from '../auth/phone';
import { shanghaiDay } from '../time/shanghai';

export type UserRow = typeof users.$inferSelect;

/** Finds the user with this phone or creates a resident. Safe when two requests race. */
export async function findOrCreateByPhone(deps: Deps, phone: string): Promise<UserRow> {
  const phoneHash = hashPhone(phone, deps.config.PII_KEY);
  const find = async () => (await deps.db.select().from(users).where(eq(users.phoneHash, phoneHash)).limit(1))[0];
  const existing = await find();
  if (existing) return existing;
  try {
    await deps.db.insert(users).values({
      role: 'resident',
      nickname: `居民${phone.slice(-4)}`,
      phoneHash,
      phoneEnc: encryptPhone(phone, deps.config.PII_KEY),
      phoneMasked: maskPhone(phone),
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  return (await find())!;
}

/** Finds the user with this WeChat openid or creates a resident. Safe when two requests race. */
export async function findOrCreateByOpenid(deps: Deps, openid: string, unionid?: string): Promise<UserRow> {
  const find = async () => (await deps.db.select().from(users).where(eq(users.openid, openid)).limit(1))[0];
  const existing = await find();
  if (existing) return existing;
  try {
    await deps.db.insert(users).values({ role: 'resident', nickname: '微信用户', openid, unionid: unionid ?? null });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  return (await find())!;
}

/** Age in whole years on `today` (YYYY-MM-DD), or null when the birth date is unknown. */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Extra facts other domains contribute to /me (e.g. the volunteer domain says isVolunteer).
 * Registered at import time by those domains; each gets the user id and returns fields.
 */
export type MeContributor = (db: DbOrTx, userId: number) => Promise<Record<string, unknown>>;
export const meContributors: MeContributor[] = [];

/** The caller's profile as GET /me shows it. */
export async function presentMe(deps: Deps, userId: number) {
  const [u] = await deps.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!u) return null;
  const [bal] = await deps.db.select({ balance: pointsAccounts.balance }).from(pointsAccounts).where(eq(pointsAccounts.userId, userId));
  const [consent] = await deps.db
    .select({ version: privacyConsents.version })
    .from(privacyConsents)
    .where(eq(privacyConsents.userId, userId))
    .orderBy(sql`${privacyConsents.acceptedAt} DESC`)
    .limit(1);
  // the complexes a worker or street admin runs (the workbench's pickers); none for others
  const managed = u.role === 'worker' || u.role === 'street_admin' ? await managedComplexIds(deps.db, { id: u.id, role: u.role, sessionId: 0 }) : [];
  const complexIds = managed === 'all' ? [] : managed;
  const residency = await residencyOf(deps.db, userId);
  const branchIds =
    u.role === 'branch_admin' ? (await deps.db.select({ id: branchMembers.branchId }).from(branchMembers).where(eq(branchMembers.userId, userId))).map((r) => r.id) : [];
  const today = shanghaiDay(deps.clock.now());
  let extra: Record<string, unknown> = {};
  for (const c of meContributors) extra = { ...extra, ...(await c(deps.db, userId)) };
  return {
    id: u.id,
    role: u.role,
    nickname: u.nickname,
    phoneMasked: u.phoneMasked,
    elderMode: u.elderMode,
    elderModeOffered: u.elderModeOffered,
    isVolunteer: false,
    pointsBalance: bal?.balance ?? 0,
    birthDate: u.birthDate,
    age: ageOn(u.birthDate, today),
    address: u.address,
    avatar: u.avatar,
    homeComplexId: u.homeComplexId,
    privacyConsentVersion: consent?.version ?? null,
    complexIds,
    branchId: branchIds[0] ?? null,
    streetId: u.role === 'street_admin' ? u.streetId : null,
    residency: { complexId: residency.complexId, complexName: residency.complexName, status: residency.status, verifiedAt: residency.verifiedAt?.toISOString() ?? null },
    createdAt: u.createdAt.toISOString(),
    ...extra,
  };
}
