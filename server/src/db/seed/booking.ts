import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { activities, branchComplexes, serviceItems, spaceRules, spaces, staffComplexes } from '../schema';
import type { WeeklyHours } from '../schema';
import { addDays, shanghaiDay, shanghaiInstant } from '../../domain/time/shanghai';

const week = (windows: Array<[string, string]>): WeeklyHours =>
  Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, windows.map(([open, close]) => ({ open, close }))])) as WeeklyHours;

/** Booking rules by kind of bookable space (matched on the seeded names). */
function rulesFor(name: string, capacity: number) {
  if (name.includes('厨房')) return { weeklyHours: week([['09:00', '13:00'], ['16:00', '20:00']]), slotMinutes: 120, capacityPerSlot: 1, perUserPerDay: 1, perUserPerWeek: 2 };
  if (name.includes('健身')) return { weeklyHours: week([['06:30', '21:30']]), slotMinutes: 60, capacityPerSlot: capacity || 20, perUserPerDay: 2, perUserPerWeek: 7 };
  return { weeklyHours: week([['08:30', '12:30'], ['13:30', '21:30']]), slotMinutes: 120, capacityPerSlot: capacity || 10, perUserPerDay: 2, perUserPerWeek: 6 };
}

/**
 * Demo activities at the first complex, relative to "now" (so a fresh demo always has something
 * to book), and booking rules for every bookable space. Idempotent: an activity is keyed by its
 * title and complex, rules by space.
 */
export async function seedBookingDemo(db: Db, { now }: { now: Date }): Promise<void> {
  for (const s of await db.select().from(spaces).where(eq(spaces.bookable, true))) {
    const r = rulesFor(s.name, s.capacity);
    await db
      .insert(spaceRules)
      .values({ spaceId: s.id, ...r, daysAhead: 7, cancelDeadlineMinutes: 30 })
      .onDuplicateKeyUpdate({ set: { spaceId: sql`space_id` } });
  }

  const [worker] = await db.select({ userId: staffComplexes.userId, complexId: staffComplexes.complexId }).from(staffComplexes).orderBy(asc(staffComplexes.complexId)).limit(1);
  if (!worker) return;
  const complexId = worker.complexId;
  const [pairing] = await db
    .select({ branchId: branchComplexes.branchId })
    .from(branchComplexes)
    .where(eq(branchComplexes.complexId, complexId))
    .orderBy(asc(branchComplexes.branchId))
    .limit(1);
  const [legal] = await db.select({ id: serviceItems.id }).from(serviceItems).where(eq(serviceItems.name, '法律咨询')).limit(1);
  const today = shanghaiDay(now);
  const at = (days: number, hm: string) => {
    const [h, m] = hm.split(':').map(Number);
    return shanghaiInstant(addDays(today, days), h * 60 + m);
  };
  const eveningToday = at(0, '19:00');
  const readingStart = eveningToday.getTime() - now.getTime() > 3_600_000 ? eveningToday : at(1, '19:00');
  const demo: Array<Partial<typeof activities.$inferInsert> & { title: string; startAt: Date; endAt: Date; capacity: number }> = [
    {
      title: '太极拳入门',
      description: '由社区太极拳队老师带领，从起势、云手学起，动作舒缓，零基础可参加。请穿宽松衣服和平底鞋。',
      category: '文体活动',
      audienceNote: '适合老年人',
      elderFriendly: true,
      location: '阳光综合楼 1 楼活力空间',
      startAt: at(1, '09:00'),
      endAt: at(1, '10:30'),
      capacity: 30,
      waitlistCapacity: 10,
      pointsReward: 5,
    },
    {
      title: '健康义诊',
      description: '社区卫生服务中心医生现场量血压、测血糖，提供慢病用药咨询。请带上医保卡和近期用药清单。',
      category: '医疗健康',
      audienceNote: '适合老年人',
      elderFriendly: true,
      location: '阳光综合楼 2 楼健康空间',
      startAt: at(2, '14:00'),
      endAt: at(2, '16:30'),
      capacity: 50,
      waitlistCapacity: 0,
      pointsReward: 5,
    },
    {
      title: '长辈智能手机课：学会扫码与视频通话',
      description: '志愿者一对一手把手教：微信视频、扫码付款、健康码与防诈骗常识。请带上自己的手机。',
      category: '助老服务',
      audienceNote: '适合老年人，建议家属陪同',
      elderFriendly: true,
      location: '阳光综合楼 3 楼教育空间',
      startAt: at(3, '09:30'),
      endAt: at(3, '11:00'),
      capacity: 20,
      waitlistCapacity: 5,
      pointsReward: 10,
    },
    {
      title: '社区读书分享会',
      description: '本期共读《额尔古纳河右岸》，欢迎带上自己喜欢的段落来分享。',
      category: '文体活动',
      location: '西湖书房',
      // this evening (or tomorrow's, once it is late): something to check in to soon in a demo
      startAt: readingStart,
      endAt: new Date(readingStart.getTime() + 5_400_000),
      capacity: 15,
      waitlistCapacity: 5,
      pointsReward: 3,
      cancelDeadlineMinutes: 60,
    },
  ];
  if (pairing) {
    demo.push({
      title: '法律咨询进社区',
      description: '机关党支部党员律师现场解答婚姻家庭、房屋租赁、遗嘱继承等法律问题。',
      category: '党员服务',
      audienceNote: '',
      location: '阳光综合楼 2 楼治理空间',
      organizerBranchId: pairing.branchId,
      serviceItemId: legal?.id ?? null,
      startAt: at(4, '14:00'),
      endAt: at(4, '16:00'),
      capacity: 15,
      waitlistCapacity: 5,
      pointsReward: 5,
    });
  }
  for (const a of demo) {
    const [exists] = await db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.complexId, complexId), eq(activities.title, a.title)))
      .limit(1);
    if (exists) continue;
    await db.insert(activities).values({ complexId, createdBy: worker.userId, status: 'published', ...a });
  }
}
