import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { pointsAccounts, pointsEntries } from '../../db/schema';
import { PageQuery, decodeCursor, encodeCursor, route } from '../../http/route';

const Entry = z.object({
  id: z.number().int(),
  delta: z.number().int(),
  reason: z.string(),
  description: z.string(),
  balanceAfter: z.number().int(),
  createdAt: z.string(),
});

export default [
  route({
    method: 'get',
    path: '/api/v1/me/points',
    summary: '我的积分与明细',
    description: '`balance` always equals the sum of every delta the user ever received; entries newest first.',
    tags: ['points'],
    query: PageQuery,
    response: z.object({ balance: z.number().int(), items: z.array(Entry), nextCursor: z.string().nullable() }),
    handler: async ({ user, query, deps }) => {
      const before = decodeCursor(query.cursor, z.number().int().positive());
      const [acc] = await deps.db.select({ balance: pointsAccounts.balance }).from(pointsAccounts).where(eq(pointsAccounts.userId, user.id));
      const rows = await deps.db
        .select()
        .from(pointsEntries)
        .where(and(eq(pointsEntries.userId, user.id), before ? lt(pointsEntries.id, before) : undefined))
        .orderBy(desc(pointsEntries.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        balance: acc?.balance ?? 0,
        items: page.map((r) => ({
          id: r.id,
          delta: r.delta,
          reason: r.reason,
          description: `${r.description} ${r.delta > 0 ? '+' : ''}${r.delta}`,
          balanceAfter: r.balanceAfter,
          createdAt: r.createdAt.toISOString(),
        })),
        nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
      };
    },
  }),
];
