import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { volunteerPosts, volunteerSignups } from '../../db/schema';
import { hoursOf } from './hours';
import { shanghaiDay, shanghaiInstant } from '../time/shanghai';

/** Start of the Asia/Shanghai calendar year containing `now`, as a UTC instant. */
export function shanghaiYearStart(now: Date): Date {
  return shanghaiInstant(`${shanghaiDay(now).slice(0, 4)}-01-01`);
}

/** Total approved hours and this year's (by the post's start, Asia/Shanghai). */
export async function volunteerTotals(db: DbOrTx, userId: number, now: Date) {
  const [row] = await db
    .select({
      total: sql<string | null>`SUM(${volunteerSignups.approvedMinutes})`,
      year: sql<string | null>`SUM(CASE WHEN ${volunteerPosts.startAt} >= ${shanghaiYearStart(now)} THEN ${volunteerSignups.approvedMinutes} ELSE 0 END)`,
      posts: sql<number>`COUNT(*)`,
      points: sql<string | null>`SUM(${volunteerSignups.pointsAwarded})`,
    })
    .from(volunteerSignups)
    .innerJoin(volunteerPosts, eq(volunteerPosts.id, volunteerSignups.postId))
    .where(and(eq(volunteerSignups.userId, userId), eq(volunteerSignups.status, 'approved')));
  const totalMinutes = Number(row?.total ?? 0);
  const yearMinutes = Number(row?.year ?? 0);
  return {
    totalMinutes,
    totalHours: hoursOf(totalMinutes),
    yearMinutes,
    yearHours: hoursOf(yearMinutes),
    approvedPosts: Number(row?.posts ?? 0),
    pointsEarned: Number(row?.points ?? 0),
  };
}

