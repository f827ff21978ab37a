import { asc, eq, sql } from 'drizzle-orm';
import { rewards, staffComplexes } from '../../db/schema';
import type { DemoSeeder } from '../../db/demoSeeder';

/** A few rewards at complex 1 (文新街道阳光社区民生综合体). Idempotent: unique (complex, name). */
export const seedRewards: DemoSeeder = async (db) => {
  const [worker] = await db.select({ id: staffComplexes.userId }).from(staffComplexes).where(eq(staffComplexes.complexId, 1)).orderBy(asc(staffComplexes.userId)).limit(1);
  if (!worker) return;
  const items = [
    { kind: 'goods' as const, name: '无人超市 10 元券', description: '24 小时无人超市通用，限本综合体门店使用', pointsCost: 100, stock: 50, perUserLimit: 2 },
    { kind: 'service' as const, name: '理发一次', description: '生活空间便民理发，凭兑换码到前台预约', pointsCost: 60, stock: 30, perUserLimit: 1 },
    { kind: 'service' as const, name: '共享厨房 2 小时', description: '共享厨房使用 2 小时，含基础调料', pointsCost: 80, stock: 20, perUserLimit: 1 },
  ];
  for (const r of items) {
    await db
      .insert(rewards)
      .values({ complexId: 1, createdBy: worker.id, ...r })
      .onDuplicateKeyUpdate({ set: { name: sql`name` } });
  }
};
