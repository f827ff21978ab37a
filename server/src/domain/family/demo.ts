import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { familyLinks, users } from '../../db/schema';
import { hashPhone } from '../auth/phone';
import type { SeedContext } from '../../db/demoSeeder';

/**
 * Demo 亲情代办 link: 小李 (13900000005) may act for 张阿姨 (13900000004), as if she had
 * confirmed the code on her phone. Idempotent (unique senior/family pair).
 */
export async function seedFamilyDemo(db: Db, { config, now }: SeedContext): Promise<void> {
  const idOf = async (phone: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.phoneHash, hashPhone(phone, config.PII_KEY))).limit(1))[0]?.id;
  const seniorId = await idOf('13900000004');
  const familyId = await idOf('13900000005');
  if (!seniorId || !familyId) return;
  await db
    .insert(familyLinks)
    .values({ seniorId, familyId, relation: '子女', status: 'active', requestedAt: now, confirmedAt: now })
    .onDuplicateKeyUpdate({ set: { seniorId: sql`senior_id`, updatedAt: sql`updated_at` } });
}
