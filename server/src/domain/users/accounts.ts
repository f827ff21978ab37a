import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { isDuplicateKey } from '../../db/client';
import { preparedFor } from '../../db/prepared';
import { branchMembers, complexes, pointsAccounts, privacyConsents, residencies, users } from '../../db/schema';
import { managedComplexIds } from '../access/scope';
import { statusOf } from '../residency/status';
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

// One statement for the profile, the balance, the latest consent and the residency (it was four:
// /me is read on every screen), built once (db/prepared.ts).
const meRow = preparedFor((db) =>
  db
    .select({
      u: users,
      balance: pointsAccounts.balance,
      consentVersion: sql<string | null>`(SELECT ${privacyConsents.version} FROM ${privacyConsents} WHERE ${privacyConsents.userId} = ${users.id} ORDER BY ${privacyConsents.acceptedAt} DESC LIMIT 1)`,
      residencyComplexId: residencies.complexId,
      residencyVerifiedAt: residencies.verifiedAt,
      homeName: complexes.name,
    })
    .from(users)
    .leftJoin(pointsAccounts, eq(pointsAccounts.userId, users.id))
    .leftJoin(residencies, eq(residencies.userId, users.id))
    .leftJoin(complexes, eq(complexes.id, users.homeComplexId))
    .where(eq(users.id, sql.placeholder('userId')))
    .limit(1)
    .prepare(),
);

/** The caller's profile as GET /me shows it. */
export async function presentMe(deps: Deps, userId: number) {
  const [row] = await meRow(deps.db).execute({ userId });
  if (!row) return null;
  const u = row.u;
  const bal = row.balance === null ? undefined : { balance: row.balance };
  const consent = row.consentVersion === null ? undefined : { version: row.consentVersion };
  // the complexes a worker or street admin runs (the workbench's pickers); none for others
  const managed = u.role === 'worker' || u.role === 'street_admin' ? await managedComplexIds(deps.db, { id: u.id, role: u.role, sessionId: 0 }) : [];
  const complexIds = managed === 'all' ? [] : managed;
  const residency = {
    ...statusOf(u.homeComplexId, row.residencyComplexId === null ? null : { complexId: row.residencyComplexId, verifiedAt: row.residencyVerifiedAt }),
    complexName: u.homeComplexId === null ? null : (row.homeName ?? null),
  };
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
