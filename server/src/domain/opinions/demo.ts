import { eq, inArray } from 'drizzle-orm';
import { hashPhone } from '../auth/phone';
import type { DemoSeeder } from '../../db/demoSeeder';
import { complexes, meetingAgendaItems, meetings, opinionCosigns, opinionEvents, opinions, users, voteOptions, votes } from '../../db/schema';
import { acceptDueAt, replyDueAt } from './deadlines';

const DAY = 86_400_000;

/**
 * Demo 民意: a few opinions of 文新街道阳光社区 at different steps (from the demo residents 张阿姨 and
 * 小李, handled by the demo worker), an upcoming round table with one on its agenda, and an open
 * vote. Runs once: nothing happens when the demo residents already have opinions.
 */
export const seedOpinionsDemo: DemoSeeder = async (db, { config, now }) => {
  const byPhone = async (phone: string) => (await db.select({ id: users.id }).from(users).where(eq(users.phoneHash, hashPhone(phone, config.PII_KEY))))[0]?.id;
  const [auntie, li, worker] = await Promise.all(['13900000004', '13900000005', '13900000002'].map(byPhone));
  if (!auntie || !li || !worker) return;
  if ((await db.select({ id: opinions.id }).from(opinions).where(inArray(opinions.userId, [auntie, li])).limit(1)).length) return;
  const [complex] = await db.select().from(complexes).orderBy(complexes.id).limit(1);

  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const add = async (
    o: { userId: number; category: string; title: string; content: string; visibility?: 'public' | 'private'; daysAgo: number },
    steps: Array<{ action: 'accept' | 'reply'; daysAgo: number; note: string }> = [],
  ) => {
    const submittedAt = at(o.daysAgo);
    const accepted = steps.find((s) => s.action === 'accept');
    const replied = steps.find((s) => s.action === 'reply');
    const status = replied ? 'replied' : accepted ? 'accepted' : 'submitted';
    const [{ id }] = await db
      .insert(opinions)
      .values({
        userId: o.userId,
        complexId: complex.id,
        category: o.category,
        title: o.title,
        content: o.content,
        visibility: o.visibility ?? 'public',
        status,
        submittedAt,
        acceptDueAt: acceptDueAt(submittedAt),
        acceptedAt: accepted ? at(accepted.daysAgo) : null,
        replyDueAt: accepted ? replyDueAt(at(accepted.daysAgo)) : null,
        reply: replied?.note ?? null,
        repliedAt: replied ? at(replied.daysAgo) : null,
        createdAt: submittedAt,
      })
      .$returningId();
    await db.insert(opinionEvents).values({ opinionId: id, actorId: o.userId, action: 'submit', toStatus: 'submitted', createdAt: submittedAt });
    let from = 'submitted';
    for (const s of steps) {
      const to = s.action === 'accept' ? 'accepted' : 'replied';
      await db.insert(opinionEvents).values({ opinionId: id, actorId: worker, action: s.action, fromStatus: from, toStatus: to, note: s.note, createdAt: at(s.daysAgo) });
      from = to;
    }
    return id;
  };

  const lift = await add(
    { userId: auntie, category: '助老服务', title: '3 幢想加装电梯', content: '3 幢住的多是老人，爬六楼太吃力，希望社区牵头征求意见加装电梯。', daysAgo: 9 },
    [
      { action: 'accept', daysAgo: 8, note: '已登记，将提交民生圆桌会讨论' },
      { action: 'reply', daysAgo: 2, note: '已联系街道加装电梯办公室，下周上门征询各户意见。' },
    ],
  );
  const canteen = await add(
    { userId: auntie, category: '助老服务', title: '老年食堂增加晚餐', content: '老年食堂只有午餐，希望增加晚餐供应，方便独居老人。', daysAgo: 4 },
    [{ action: 'accept', daysAgo: 3, note: '' }],
  );
  await add({ userId: li, category: '公共安全', title: '北门路灯不亮', content: '小区北门两盏路灯坏了，晚上出行不安全。', daysAgo: 1 });
  await add({ userId: li, category: '物业管理', title: '楼上装修噪音', content: '楼上装修中午也在施工，影响老人休息。', visibility: 'private', daysAgo: 1 });
  // 小李 co-signs 张阿姨's two opinions.
  for (const opinionId of [lift, canteen]) {
    await db.insert(opinionCosigns).values({ opinionId, userId: li });
    await db.update(opinions).set({ cosignCount: 1 }).where(eq(opinions.id, opinionId));
  }

  // Next week's round table, 14:00–16:00 Shanghai, with the canteen on its agenda.
  const day = new Date(Math.floor((now.getTime() + 8 * 3_600_000) / DAY) * DAY + 7 * DAY);
  const startAt = new Date(day.getTime() + 6 * 3_600_000);
  const [{ id: meetingId }] = await db
    .insert(meetings)
    .values({ complexId: complex.id, type: 'roundtable', topic: '老年食堂怎么办得更好', place: '阳光社区议事厅', startAt, endAt: new Date(startAt.getTime() + 2 * 3_600_000), capacity: 20, createdBy: worker })
    .$returningId();
  await db.insert(meetingAgendaItems).values({ meetingId, opinionId: canteen, title: '老年食堂增加晚餐', seq: 1 });

  const [{ id: voteId }] = await db
    .insert(votes)
    .values({ complexId: complex.id, question: '小区健身角建在哪里？', eligibility: 'street', eligibilityRefId: complex.streetId, opensAt: at(1), closesAt: new Date(now.getTime() + 7 * DAY), resultsVisibility: 'live', createdBy: worker })
    .$returningId();
  await db.insert(voteOptions).values(['东门空地', '中心花园', '南门停车场旁'].map((label, i) => ({ voteId, seq: i + 1, label })));
};
