import { eq, inArray, isNotNull } from 'drizzle-orm';
import { withTx } from '../../db/client';
import { complexes, helpRequests, residencies, users } from '../../db/schema';
import type { DemoSeeder } from '../../db/demoSeeder';
import { hashPhone } from '../auth/phone';
import { placeHold } from '../points/holds';
import { grantWelcome, transferPoints } from '../points/transfers';

const HOUR = 3600_000;

/**
 * 邻里互助 demo: every verified resident has the welcome balance, 张阿姨 and 小李 have one open
 * request each at complex 1, and 小李 has put a few points into its 至善 pool. Idempotent: once
 * the demo requests exist nothing more is added.
 */
export const seedHelpingDemo: DemoSeeder = async (db, { config, now }) => {
  const verified = await db
    .select({ id: residencies.userId, complexId: residencies.complexId })
    .from(residencies)
    .where(isNotNull(residencies.verifiedAt));
  for (const r of verified) await withTx(db, (tx) => grantWelcome(tx, r.id, r.complexId, now));

  const people = await db
    .select({ id: users.id, phoneHash: users.phoneHash, home: users.homeComplexId })
    .from(users)
    .where(inArray(users.phoneHash, [hashPhone('13900000004', config.PII_KEY), hashPhone('13900000005', config.PII_KEY)]));
  const senior = people.find((p) => p.phoneHash === hashPhone('13900000004', config.PII_KEY));
  const family = people.find((p) => p.phoneHash === hashPhone('13900000005', config.PII_KEY));
  if (!senior?.home || !family?.home) return;
  const [already] = await db.select({ id: helpRequests.id }).from(helpRequests).where(eq(helpRequests.postedBy, senior.id)).limit(1);
  if (already) return;

  const [c] = await db.select({ lat: complexes.lat, lng: complexes.lng }).from(complexes).where(eq(complexes.id, senior.home));
  const demo = [
    { who: senior.id, category: 'errand' as const, title: '帮忙买些蔬菜和鸡蛋', detail: '腿脚不便，想请邻居顺路到菜场买一把青菜、一盒鸡蛋，钱当面给。', points: 5, roughPlace: '阳光社区 3 幢附近', inH: 20, dLat: 0.0012, dLng: 0.0008 },
    { who: family.id, category: 'phone_help' as const, title: '教我用手机挂号', detail: '想学会用手机在医院公众号上挂号，大概半小时。', points: 8, roughPlace: '阳光社区综合体附近', inH: 30, dLat: -0.0025, dLng: 0.0015 },
  ];
  for (const d of demo) {
    await withTx(db, async (tx) => {
      const [u] = await tx.select({ address: users.address }).from(users).where(eq(users.id, d.who));
      const [{ id }] = await tx
        .insert(helpRequests)
        .values({
          complexId: senior.home!,
          requesterId: d.who,
          postedBy: d.who,
          category: d.category,
          title: d.title,
          detail: d.detail,
          roughPlace: d.roughPlace,
          address: u?.address ?? '文新街道阳光社区',
          lat: c.lat + d.dLat,
          lng: c.lng + d.dLng,
          fromAt: new Date(now.getTime() + d.inH * HOUR),
          toAt: new Date(now.getTime() + (d.inH + 24 * 10) * HOUR),
          points: d.points,
          createdAt: now,
        })
        .$returningId();
      const holdId = await placeHold(tx, { userId: d.who, amount: d.points, source: `help:${id}`, now });
      await tx.update(helpRequests).set({ holdId }).where(eq(helpRequests.id, id));
    });
  }
  await withTx(db, (tx) => transferPoints(tx, { fromUserId: family.id, poolComplexId: family.home!, points: 5, note: '一点心意', now }));
};
