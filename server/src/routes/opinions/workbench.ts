import { z } from 'zod';
import { decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import { complexRecord, listInbox } from '../../domain/opinions/queries';
import { InboxQuery } from './schema';
import { OpinionStats, OpinionSummary } from '../../../../shared/api/roundtable';

const STAFF = ['worker', 'street_admin', 'district_admin'] as const;

/** The 工作台 side of opinions: the inbox and each complex's record. */
export default [
  route({
    method: 'get',
    path: '/api/v1/workbench/opinions',
    summary: '工作台：意见收件箱',
    description: 'Opinions of the complexes the caller works for (all for a district admin), newest first; filters status, overdue (1/0) and complexId (403 if not theirs). `overdue` flags an opinion not accepted within 2 working days or not answered within 15 days of acceptance.',
    tags: ['workbench', 'opinions'],
    auth: STAFF,
    query: InboxQuery,
    response: pageOf(OpinionSummary),
    handler: async ({ user, query, deps }) => {
      const p = await listInbox(deps.db, user, { ...query, cursor: decodeCursor(query.cursor, z.number().int().positive()) }, deps.clock.now());
      return { items: p.items, nextCursor: p.nextCursor ? encodeCursor(p.nextCursor) : null };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/workbench/opinions/stats',
    summary: '工作台：各综合体意见办理情况',
    description: 'Per complex: total, open, overdue now, accepted late, answered late, and the ratings of evaluated answers.',
    tags: ['workbench', 'opinions'],
    auth: STAFF,
    query: z.object({ complexId: z.coerce.number().int().positive().optional() }),
    response: OpinionStats,
    handler: ({ user, query, deps }) => complexRecord(deps.db, user, query.complexId, deps.clock.now()),
  }),
];
