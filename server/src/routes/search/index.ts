import { z } from 'zod';
import { decodeCursor, encodeCursor, route } from '../../http/route';
import { queryTerms, search } from '../../domain/search/search';
import { SearchQuery, SearchResult } from '../../../../shared/api/search';

export default [
  route({
    method: 'get',
    path: '/api/v1/search',
    summary: '搜索活动、党员服务、场地、综合体和积分兑换',
    description:
      'Every word of `q` (jieba terms; a one-character query as is) must appear in the row. Without `type`: up to 5 of each type that found something. With `type`: one group, `limit` (default 20) per page, `nextCursor` for the next (keyset). Upcoming published activities by start; spaces, complexes and active rewards by id. Public.',
    tags: ['search'],
    auth: 'public',
    query: SearchQuery,
    response: SearchResult,
    handler: async ({ query, deps }) => {
      const after = query.type ? decodeCursor(query.cursor, z.array(z.number()).min(1).max(2)) : undefined;
      const terms = queryTerms(query.q);
      const groups = await search(deps.db, { terms, now: deps.clock.now(), type: query.type, limit: query.limit, after });
      return {
        q: query.q,
        terms,
        groups: groups.map(({ last, ...g }) => ({ ...g, nextCursor: last ? encodeCursor(last) : null })),
      };
    },
  }),
];
