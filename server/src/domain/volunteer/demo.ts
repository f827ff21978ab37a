import { and, asc, eq, sql } from 'drizzle-orm';
import { staffComplexes, users, volunteerComplexes, volunteerPosts, volunteers } from '../../db/schema';
import type { DemoSeeder } from '../../db/demoSeeder';
import { VOLUNTEER_AGREEMENT_VERSION } from '../../../../shared/volunteer';

/** 09:00 Asia/Shanghai `days` after `now`'s day, as a UTC instant. */
function shanghaiNine(now: Date, days: number): Date {
  const local = new Date(now.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 9) - 8 * 3600_000);
}

/**
 * Two volunteer posts at complex 1 and one approved volunteer (李明, a demo resident).
 * Idempotent: a post is recognised by (complex, title).
 */
export const seedVolunteering: DemoSeeder = async (db, { now }) => {
  const [worker] = await db.select({ id: staffComplexes.userId }).from(staffComplexes).where(eq(staffComplexes.complexId, 1)).orderBy(asc(staffComplexes.userId)).limit(1);
  if (!worker) return;
  const workerId = worker.id;
  const posts = [
    { title: '助老助餐配送', description: '为社区高龄独居老人配送午餐，需步行上楼', location: '助老空间', start: shanghaiNine(now, 1), hours: 3, positions: 6, skills: ['elder_care'] },
    { title: '智能手机课堂助教', description: '协助老师一对一教老人使用健康码、视频通话', location: '教育空间', start: shanghaiNine(now, 3), hours: 2, positions: 4, skills: ['digital_help'] },
  ];
  for (const p of posts) {
    const [exists] = await db.select({ id: volunteerPosts.id }).from(volunteerPosts).where(and(eq(volunteerPosts.complexId, 1), eq(volunteerPosts.title, p.title))).limit(1);
    if (exists) continue;
    await db.insert(volunteerPosts).values({
      complexId: 1,
      createdBy: workerId,
      title: p.title,
      description: p.description,
      location: p.location,
      startAt: p.start,
      endAt: new Date(p.start.getTime() + p.hours * 3600_000),
      positions: p.positions,
      skills: p.skills,
    });
  }
  // 李明, the seeded demo resident (seed/index.ts DEMO_RESIDENTS)
  const [li] = await db.select({ id: users.id }).from(users).where(and(eq(users.realName, '李明'), eq(users.role, 'resident'))).limit(1);
  if (!li) return;
  const liId = li.id;
  await db
    .insert(volunteers)
    .values({ userId: liId, realName: '李明', skills: ['digital_help', 'repair'], agreementVersion: VOLUNTEER_AGREEMENT_VERSION, agreedAt: now })
    .onDuplicateKeyUpdate({ set: { userId: sql`user_id` } });
  const [v] = await db.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.userId, liId));
  await db
    .insert(volunteerComplexes)
    .values({ volunteerId: v.id, complexId: 1, status: 'approved', decidedBy: workerId, decidedAt: now })
    .onDuplicateKeyUpdate({ set: { volunteerId: sql`volunteer_id` } });
};
