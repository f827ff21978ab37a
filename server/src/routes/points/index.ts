import { z } from 'zod';
import { pointsStatement } from '../../domain/points/queries';
import { PageQuery, decodeCursor, encodeCursor, route } from '../../http/route';
import { POINTS_REASON_LABELS } from '../../../../shared/volunteer';
import type { PointsReason } from '../../../../shared/constants';
import { MyPoints } from '../../../../shared/api/points';
import admin from './admin';
import leaderboards from './leaderboards';
import flow from './flow';


/** "参加「太极拳入门」签到 +5": what happened and what it did to the balance, in one line. */
export const readableEntry = (r: { description: string; delta: number }) => `${r.description} ${r.delta > 0 ? '+' : ''}${r.delta}`;

export default [
  route({
    method: 'get',
    path: '/api/v1/me/points',
    summary: '我的积分与明细',
    description:
      '`balance` always equals the sum of every delta the user ever received; `held` is the part that open 邻里互助 requests hold (still in the balance, not spendable) and `available` = balance − held; entries newest first (transfers show on both sides with the other\'s masked name). `description` reads as a sentence with the amount (e.g. "参加「太极拳入门」签到 +5"); `reasonLabel` names the reason.',
    tags: ['points'],
    query: PageQuery,
    response: MyPoints,
    handler: async ({ user, query, deps }) => {
      const before = decodeCursor(query.cursor, z.number().int().positive());
      // One snapshot: a credit landing between the two reads cannot make the page disagree with the balance.
      return deps.db.transaction(async (tx) => {
        const { balance, held, rows } = await pointsStatement(tx, user.id, before, query.limit);
        const page = rows.slice(0, query.limit);
        return {
          balance,
          held,
          available: balance - held,
          items: page.map((r) => ({
            id: r.id,
            delta: r.delta,
            reason: r.reason,
            reasonLabel: POINTS_REASON_LABELS[r.reason as PointsReason] ?? r.reason,
            description: readableEntry(r),
            balanceAfter: r.balanceAfter,
            createdAt: r.createdAt.toISOString(),
          })),
          nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
        };
      });
    },
  }),
  ...admin,
  ...leaderboards,
  ...flow,
];
