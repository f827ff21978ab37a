import { asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { activities, branchComplexes, serviceCategories, serviceItems, users } from '../../db/schema';
import type { SeedContext } from '../../db/demoSeeder';
import { hashPhone } from '../auth/phone';

/**
 * Demo offerings (送服务) so 党员服务 and the district coverage view are not empty in a demo:
 * the first eight branches each bring two items of the service list to their first paired
 * complex in the coming two weeks. Skipped when any branch offering already exists.
 */
export async function seedDemoOfferings(db: Db, { config, now }: SeedContext): Promise<void> {
  const [{ n }] = await db.select({ n: sql<number>`COUNT(*)` }).from(activities).where(isNotNull(activities.organizerBranchId));
  if (Number(n) > 0) return;
  const [author] = await db.select({ id: users.id }).from(users).where(eq(users.phoneHash, hashPhone('13900000003', config.PII_KEY))).limit(1);
  if (!author) return;
  const pairs = await db
    .select({ branchId: branchComplexes.branchId, complexId: branchComplexes.complexId })
    .from(branchComplexes)
    .where(inArray(branchComplexes.branchId, [1, 2, 3, 4, 5, 6, 7, 8]))
    .orderBy(asc(branchComplexes.branchId), asc(branchComplexes.complexId));
  const items = await db
    .select({ id: serviceItems.id, name: serviceItems.name, category: serviceCategories.name })
    .from(serviceItems)
    .innerJoin(serviceCategories, eq(serviceCategories.id, serviceItems.categoryId))
    .orderBy(asc(serviceItems.id));
  const seen = new Set<number>();
  let k = 0;
  // 09:00 Asia/Shanghai (01:00 UTC) on the day after `now`
  const day0 = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 1);
  for (const p of pairs) {
    if (seen.has(p.branchId)) continue;
    seen.add(p.branchId);
    for (let j = 0; j < 2; j++, k++) {
      const item = items[(k * 7) % items.length];
      const startAt = new Date(day0 + (1 + ((k * 3) % 13)) * 86400_000 + (j ? 5.5 : 0) * 3600_000);
      await db.insert(activities).values({
        complexId: p.complexId,
        organizerBranchId: p.branchId,
        serviceItemId: item.id,
        createdBy: author.id,
        title: item.name,
        description: `机关党支部党员志愿者到综合体开展“${item.name}”服务，欢迎居民预约参加。`,
        category: item.category.slice(0, 16),
        startAt,
        endAt: new Date(startAt.getTime() + 2 * 3600_000),
        capacity: 20,
        volunteersNeeded: 2,
        status: 'published',
      });
    }
  }
}
