import { asc, eq, sql } from 'drizzle-orm';
import { withTx } from '../../db/client';
import { rewards, staffComplexes, users } from '../../db/schema';
import type { DemoSeeder } from '../../db/demoSeeder';
import { hashPhone } from '../auth/phone';
import { adjust } from './ledger';

/** The demo residents (张阿姨, 小李) and the balance they start with, so a demo can redeem at once. */
const DEMO_BALANCES = [
  { phone: '13900000004', points: 120 },
  { phone: '13900000005', points: 120 },
];

/** A few rewards at complex 1 (文新街道阳光社区民生综合体). Idempotent: unique (complex, name). */
export const seedRewards: DemoSeeder = async (db) => {
  const [worker] = await db.select({ id: staffComplexes.userId }).from(staffComplexes).where(eq(staffComplexes.complexId, 1)).orderBy(asc(staffComplexes.userId)).limit(1);
  if (!worker) return;
  const items = [
    { kind: 'goods' as const, name: '无人超市 10 元券', description: '24 小时无人超市通用，限本综合体门店使用', pointsCost: 100, stock: 50, perUserLimit: 2 },
    { kind: 'service' as const, name: '理发一次', description: '生活空间便民理发，凭兑换码到前台预约', pointsCost: 60, stock: 30, perUserLimit: 1 },
    { kind: 'service' as const, name: '共享厨房 2 小时', description: '共享厨房使用 2 小时，含基础调料', pointsCost: 80, stock: 20, perUserLimit: 1 },
    // cheaper than one day's check-in cap (50): a resident can redeem after a day or two
    { kind: 'goods' as const, name: '环保购物袋一个', description: '可折叠环保购物袋，到服务台领取', pointsCost: 20, stock: 100, perUserLimit: 2 },
    { kind: 'service' as const, name: '量血压 + 健康咨询', description: '健康空间家庭医生现场服务，凭兑换码排队', pointsCost: 30, stock: 60, perUserLimit: 3 },
  ];
  for (const r of items) {
    await db
      .insert(rewards)
      .values({ complexId: 1, createdBy: worker.id, ...r })
      .onDuplicateKeyUpdate({ set: { name: sql`name` } });
  }
};

/** A welcome balance for the demo residents: one ledger entry each (the source makes it once). */
export const seedDemoBalances: DemoSeeder = async (db, { config, now }) => {
  for (const d of DEMO_BALANCES) {
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.phoneHash, hashPhone(d.phone, config.PII_KEY))).limit(1);
    if (!u) continue;
    await withTx(db, (tx) =>
      adjust(tx, { userId: u.id, delta: d.points, reason: 'admin_adjustment', source: 'demo:welcome', description: '体验积分（演示数据）', now }),
    );
  }
};
