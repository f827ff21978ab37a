import { asc, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { branchComplexes, branches } from '../../db/schema';
import { decodeCursor, encodeCursor, pageOf, route } from '../../http/route';

const Branch = z.object({ id: z.number().int(), name: z.string(), department: z.string(), complexIds: z.array(z.number().int()) });

export default [
  route({
    method: 'get',
    path: '/api/v1/branches',
    summary: '机关党支部列表（含结对综合体）',
    description: 'Without `limit` the whole list (149) is returned.',
    tags: ['branches'],
    auth: 'public',
    query: z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100, '每页最多 100 条').optional() }),
    response: pageOf(Branch),
    handler: async ({ query, deps }) => {
      const after = decodeCursor(query.cursor, z.number().int().min(0)) ?? 0;
      const base = deps.db
        .select({ id: branches.id, name: branches.name, department: branches.department })
        .from(branches)
        .where(gt(branches.id, after))
        .orderBy(asc(branches.id))
        .$dynamic();
      const rows = query.limit ? await base.limit(query.limit + 1) : await base;
      const page = query.limit ? rows.slice(0, query.limit) : rows;
      const pairs = page.length
        ? await deps.db.select().from(branchComplexes).where(inArray(branchComplexes.branchId, page.map((b) => b.id)))
        : [];
      return {
        items: page.map((b) => ({ ...b, complexIds: pairs.filter((p) => p.branchId === b.id).map((p) => p.complexId).sort((a, c) => a - c) })),
        nextCursor: query.limit && rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
      };
    },
  }),
];
