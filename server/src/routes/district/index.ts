import { z } from 'zod';
import { audit } from '../../domain/audit/log';
import { requestFacts } from '../../http/facts';
import { buildCoverageWorkbook } from '../../domain/branches/coverageSheet';
import { monthRange, shanghaiMonth } from '../../domain/time/shanghai';
import { commitmentRanking } from '../../domain/branches/commitments';
import { coverageMatrix, rankBranches } from '../../domain/branches/records';
import { sendXlsx } from '../../http/rawBody';
import { route } from '../../http/route';
import { zMonth } from '../offerings/schema';
import { Coverage } from '../../../../shared/api/branches';

const MonthQuery = z.object({ month: zMonth.optional() });

export default [
  route({
    method: 'get',
    path: '/api/v1/district/coverage',
    summary: '区级视图：党员服务覆盖矩阵（综合体 × 服务类别）与党支部排名',
    description:
      'For a month (Asia/Shanghai, default the current one): offerings scheduled per complex and category (cancelled ones left out), the branches paired with each complex, complexes with no branch service flagged; branches ranked by residents served (checked in) and sessions held, each with the average rating and number of ratings of its held sessions of the month (shown, not ranked on).',
    tags: ['district', 'offerings'],
    auth: ['district_admin'],
    query: MonthQuery,
    response: Coverage,
    handler: async ({ query, deps }) => {
      const now = deps.clock.now();
      const month = query.month ?? shanghaiMonth(now);
      return { ...(await coverageMatrix(deps.db, month)), ranking: await rankBranches(deps.db, month, now) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/district/coverage/export',
    summary: '导出覆盖矩阵、党支部排名与承诺践诺（.xlsx）',
    description: 'Three sheets: the coverage matrix, the branch ranking, and the year\'s promises against delivery up to the end of the month (branches behind flagged in red with the lagging items).',
    tags: ['district', 'offerings'],
    auth: ['district_admin'],
    query: MonthQuery,
    raw: true,
    handler: async ({ query, user, deps, ctx }) => {
      const now = deps.clock.now();
      const month = query.month ?? shanghaiMonth(now);
      const until = new Date(Math.min(now.getTime(), monthRange(month).to.getTime()));
      const promises = await commitmentRanking(deps.db, Number(month.slice(0, 4)), until);
      const file = await buildCoverageWorkbook(await coverageMatrix(deps.db, month), await rankBranches(deps.db, month, now), promises);
      await audit(deps.db, { actorId: user.id, action: 'coverage.export', targetType: 'district', detail: { month }, ...requestFacts(ctx) });
      sendXlsx(ctx, file, `党员服务覆盖-${month}.xlsx`);
    },
  }),
];
