import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { hoursOf } from '../volunteer/hours';
import { EARN_REASONS } from './caps';
import { monthRange, shanghaiMonth } from '../time/shanghai';

export type LeaderboardScope = 'community' | 'street';
export type LeaderboardMetric = 'hours' | 'points';

/** 张秀英 → 张*英, 李明 → 李*, 欧阳娜娜 → 欧**娜: enough to recognise oneself, not to identify others. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('') || '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** The Asia/Shanghai month (YYYY-MM) containing `now`. */
export const monthOf = shanghaiMonth;

type Rows<T> = [T[], unknown];

/**
 * Monthly leaderboard of a community or a street:
 * - `hours`: approved volunteer minutes on posts at that area's complexes, by the post's month;
 * - `points`: points earned (earning reasons only: spending and refunds are not achievements)
 *   where they were earned — the entry's complex, else the person's home complex.
 * Names are masked; ties share a rank.
 */
export async function leaderboard(db: DbOrTx, o: { scope: LeaderboardScope; areaId: number; metric: LeaderboardMetric; month: string; limit: number }) {
  const { from: start, to: end } = monthRange(o.month);
  const area = o.scope === 'community' ? sql`c.community_id = ${o.areaId}` : sql`c.street_id = ${o.areaId}`;
  const name = sql`COALESCE(v.real_name, u.real_name, u.nickname)`;
  const query =
    o.metric === 'hours'
      ? sql`
        SELECT s.user_id AS userId, ${name} AS name, SUM(s.approved_minutes) AS value
        FROM volunteer_signups s
        JOIN volunteer_posts p ON p.id = s.post_id
        JOIN complexes c ON c.id = p.complex_id
        JOIN users u ON u.id = s.user_id
        LEFT JOIN volunteers v ON v.user_id = s.user_id
        WHERE s.status = 'approved' AND p.start_at >= ${start} AND p.start_at < ${end} AND ${area}
        GROUP BY s.user_id, name
        HAVING value > 0
        ORDER BY value DESC, s.user_id
        LIMIT ${o.limit}`
      : sql`
        SELECT e.user_id AS userId, ${name} AS name, SUM(e.delta) AS value
        FROM points_entries e
        JOIN users u ON u.id = e.user_id
        JOIN complexes c ON c.id = COALESCE(e.complex_id, u.home_complex_id)
        LEFT JOIN volunteers v ON v.user_id = e.user_id
        WHERE e.reason IN (${sql.join(EARN_REASONS.map((r) => sql`${r}`), sql`, `)})
          AND e.created_at >= ${start} AND e.created_at < ${end} AND ${area}
        GROUP BY e.user_id, name
        HAVING value > 0
        ORDER BY value DESC, e.user_id
        LIMIT ${o.limit}`;
  const [rows] = (await db.execute(query)) as unknown as Rows<{ userId: number; name: string; value: string | number }>;
  let rank = 0;
  let prev: number | null = null;
  return rows.map((r, i) => {
    const value = Number(r.value);
    if (value !== prev) rank = i + 1;
    prev = value;
    return {
      rank,
      userId: Number(r.userId),
      name: maskName(r.name ?? ''),
      value: o.metric === 'hours' ? hoursOf(value) : value,
    };
  });
}
