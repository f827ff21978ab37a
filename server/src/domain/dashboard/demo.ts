import { eq, like } from 'drizzle-orm';
import type { DemoSeeder } from '../../db/demoSeeder';
import { activities, bookings, careRequests, complexes, evaluations, offeringRecords, opinions, users, volunteerPosts, volunteerSignups } from '../../db/schema';
import { acceptDueAt, replyDueAt } from '../opinions/deadlines';
import { shanghaiDayStart } from '../time/shanghai';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WEEKS = 6;

/** Deterministic pseudo-random numbers, so the demo is the same on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TOPICS: Array<[string, string, string]> = [
  ['公共安全', '路灯坏了', '小区北门路灯坏了，晚上出行看不清路'],
  ['交通出行', '停车位不够', '晚上停车位不够，电动车乱停占道'],
  ['助老服务', '老年食堂加晚餐', '希望老年食堂增加晚餐，送餐上门'],
  ['物业管理', '加装电梯', '老旧小区加装电梯进度太慢，老人爬楼吃力'],
  ['环境卫生', '垃圾分类点异味', '垃圾分类投放点夏天异味大，需要定期清洗'],
  ['文体活动', '健身器材损坏', '广场健身器材损坏，老人锻炼有安全隐患'],
  ['便民服务', '快递柜太少', '快递柜太少，老人取件要排队'],
  ['医疗健康', '体检预约难', '社区体检名额少，希望增加健康讲座和义诊'],
];

/**
 * 数智平台 demo history: six weeks of activities, bookings and check-ins, volunteer hours, opinions
 * at every step, ratings, care requests and branch sessions across every complex, each complex
 * with its own level of activity (and a rising or falling trend), so rankings, trends and the
 * index differ. Skipped in the jest test databases (it would change other suites' counts); the
 * browser tests' server gets it. Runs once.
 */
export const seedDashboardDemo: DemoSeeder = async (db, { config, now }) => {
  // not in the jest databases (globalSetup names them xfh_test_*): other suites count their own rows
  if (/\/xfh_test_/.test(config.DATABASE_URL)) return;
  if ((await db.select({ id: users.id }).from(users).where(like(users.nickname, '演示居民%')).limit(1)).length) return;
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'district_admin')).limit(1);
  if (!admin) return;
  const rnd = prng(20261201);
  const cx = await db.select({ id: complexes.id }).from(complexes).orderBy(complexes.id);
  await db.insert(users).values(Array.from({ length: 80 }, (_, i) => ({ role: 'resident' as const, nickname: `演示居民${i + 1}`, homeComplexId: cx[i % cx.length].id })));
  const people = (await db.select({ id: users.id }).from(users).where(like(users.nickname, '演示居民%'))).map((u) => u.id);
  const today = shanghaiDayStart(now).getTime();

  for (const [ci, { id: complexId }] of cx.entries()) {
    // 0.25 … 1.0 how lively; a trend that rises or falls over the six weeks
    const level = 0.25 + ((ci * 37) % 100) / 133;
    const slope = ci % 3 === 0 ? 0.6 : ci % 3 === 1 ? -0.4 : 0.1;
    for (let d = WEEKS * 7; d >= 1; d--) {
      const progress = 1 - d / (WEEKS * 7);
      const intensity = Math.max(0.1, level * (1 + slope * (progress - 0.5)));
      const dayStart = today - d * DAY;
      const branchDay = d % 7 === ci % 7;
      const nActs = (rnd() < intensity ? 1 : 0) + (branchDay ? 1 : 0);
      for (let a = 0; a < nActs; a++) {
        const isBranch = branchDay && a === nActs - 1;
        const startAt = new Date(dayStart + (10 + a * 5) * HOUR);
        const [{ id: activityId }] = await db
          .insert(activities)
          .values({
            complexId,
            createdBy: admin.id,
            title: isBranch ? '党员送服务：健康义诊' : ['书法兴趣班', '智能手机课堂', '太极拳晨练', '防诈骗讲座', '亲子手工'][Math.floor(rnd() * 5)],
            startAt,
            endAt: new Date(startAt.getTime() + 2 * HOUR),
            capacity: 40,
            organizerBranchId: isBranch ? 1 : null,
            status: 'published',
            settledAt: new Date(startAt.getTime() + 3 * HOUR),
          })
          .$returningId();
        const n = Math.round(8 + intensity * 24 * rnd());
        const who = [...people].sort(() => rnd() - 0.5).slice(0, n);
        const attend = 0.55 + 0.4 * level;
        const rows = who.map((userId) => {
          const came = rnd() < attend;
          return { activityId, userId, status: came ? ('checked_in' as const) : ('no_show' as const), activeFlag: 1, endsAt: new Date(startAt.getTime() + 2 * HOUR), checkedInAt: came ? startAt : null };
        });
        await db.insert(bookings).values(rows);
        await db.update(activities).set({ bookedCount: rows.length }).where(eq(activities.id, activityId));
        const raters = rows.filter((r) => r.status === 'checked_in' && rnd() < 0.3);
        if (raters.length) {
          await db.insert(evaluations).values(
            raters.map((r) => ({ userId: r.userId, targetType: isBranch ? ('branch_service' as const) : ('activity' as const), targetId: activityId, complexId, stars: Math.min(5, Math.max(1, Math.round(3 + level * 2 + (rnd() - 0.5) * 2))), createdAt: new Date(startAt.getTime() + 3 * HOUR) })),
          );
        }
        if (isBranch && rnd() < 0.5 + level / 2) await db.insert(offeringRecords).values({ activityId, branchId: 1, peopleServed: rows.length, recordedBy: admin.id });
      }
      if (d % 3 === ci % 3) {
        const startAt = new Date(dayStart + HOUR);
        const [{ id: postId }] = await db
          .insert(volunteerPosts)
          .values({ complexId, createdBy: admin.id, title: '助老陪伴志愿岗', startAt, endAt: new Date(startAt.getTime() + 3 * HOUR), positions: 6, skills: [] })
          .$returningId();
        const vols = [...people].sort(() => rnd() - 0.5).slice(0, 1 + Math.floor(intensity * 5));
        await db.insert(volunteerSignups).values(
          vols.map((userId) => ({ postId, userId, status: 'approved' as const, presentMinutes: 180, approvedMinutes: 60 + Math.floor(rnd() * 4) * 30, approvedAt: new Date(startAt.getTime() + 4 * HOUR) })),
        );
      }
      if (rnd() < 0.2 * intensity + 0.05) {
        const rated = d > 2 && rnd() < 0.7;
        await db.insert(careRequests).values({
          seniorId: people[Math.floor(rnd() * people.length)],
          requestedBy: people[Math.floor(rnd() * people.length)],
          complexId,
          kind: 'meal',
          address: '演示地址',
          status: rated ? 'completed' : 'submitted',
          createdAt: new Date(dayStart + 2 * HOUR),
          completedAt: rated ? new Date(dayStart + 5 * HOUR) : null,
          rating: rated ? Math.min(5, 3 + Math.round(level * 2)) : null,
          ratedAt: rated ? new Date(dayStart + 6 * HOUR) : null,
        });
      }
      if (rnd() < 0.35 * intensity + 0.1) {
        const [category, title, content] = TOPICS[(ci + Math.floor(rnd() * 4)) % TOPICS.length];
        const submittedAt = new Date(dayStart + 3 * HOUR);
        const quick = rnd() < 0.5 + level / 2;
        const acceptedAt = new Date(submittedAt.getTime() + (quick ? 4 + rnd() * 20 : 50 + rnd() * 40) * HOUR);
        const accepted = acceptedAt.getTime() < now.getTime() && rnd() < 0.9;
        const repliedAt = new Date(acceptedAt.getTime() + (quick ? 2 + rnd() * 8 : 10 + rnd() * 12) * DAY);
        const replied = accepted && repliedAt.getTime() < now.getTime();
        const closed = replied && rnd() < 0.6;
        await db.insert(opinions).values({
          userId: people[Math.floor(rnd() * people.length)],
          complexId,
          category,
          title,
          content,
          visibility: rnd() < 0.8 ? 'public' : 'private',
          status: closed ? 'closed' : replied ? 'replied' : accepted ? 'in_progress' : 'submitted',
          submittedAt,
          acceptDueAt: acceptDueAt(submittedAt),
          acceptedAt: accepted ? acceptedAt : null,
          replyDueAt: accepted ? replyDueAt(acceptedAt) : null,
          reply: replied ? '已联系相关部门处理，感谢您的反馈。' : null,
          repliedAt: replied ? repliedAt : null,
          closedAt: closed ? new Date(repliedAt.getTime() + DAY) : null,
          rating: closed ? (rnd() < level ? 'satisfied' : rnd() < 0.6 ? 'basically_satisfied' : 'unsatisfied') : null,
          cosignCount: Math.floor(rnd() * 6),
          createdAt: submittedAt,
        });
      }
    }
  }
};
