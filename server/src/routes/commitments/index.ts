import { CommitmentApprove, CommitmentFile, CommitmentRanking, CommitmentReport, CommitmentYearQuery } from '../../../../shared/api/projects';
import { assertBranchMember } from '../../domain/access/scope';
import { approveCommitments, commitmentRanking, commitmentReport, fileCommitments } from '../../domain/branches/commitments';
import { findBranch } from '../../domain/branches/profile';
import { IdParams, route } from '../../http/route';

const yearOf = (q: { year?: number }, now: Date) => q.year ?? Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));

export default [
  route({
    method: 'get',
    path: '/api/v1/branches/:id/commitments',
    summary: '党支部年度承诺清单：承诺、践诺（自动统计）与评诺',
    description:
      'For `year` (default the current one): each promised catalogue item at a paired complex with its target, what was delivered up to now — sessions actually held (offerings of that item at that complex in the year with a session record) and the people served they record — and residents\' ratings of those sessions (`branch_service` evaluations). `behind` when fewer sessions were held than the share of the target due by now.',
    tags: ['branches'],
    auth: 'public',
    params: IdParams,
    query: CommitmentYearQuery,
    response: CommitmentReport,
    handler: async ({ params, query, deps }) => {
      await findBranch(deps.db, params.id);
      const now = deps.clock.now();
      return commitmentReport(deps.db, params.id, yearOf(query, now), now);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/branches/:id/commitments',
    summary: '提交年度承诺清单（党支部管理员）',
    description: 'Replaces the year\'s list while it waits for approval (409 commitments_approved once approved). Items: catalogue items at complexes paired with the branch (else 422), one per item and complex.',
    tags: ['branches'],
    auth: ['branch_admin'],
    params: IdParams,
    body: CommitmentFile,
    status: 201,
    response: CommitmentReport,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'branch.commitments_file', targetType: 'branch', targetId: params.id, detail: { year: body.year, items: body.items.length } }),
    handler: async ({ params, body, user, deps, tx }) => {
      await assertBranchMember(tx, user, params.id);
      await fileCommitments(tx, params.id, body.year, body.items, user.id);
      return commitmentReport(tx, params.id, body.year, deps.clock.now());
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/branches/:id/commitments/approve',
    summary: '批准党支部年度承诺清单（区级管理员）',
    tags: ['branches'],
    auth: ['district_admin'],
    params: IdParams,
    body: CommitmentApprove,
    response: CommitmentReport,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'branch.commitments_approve', targetType: 'branch', targetId: params.id, detail: { year: body.year } }),
    handler: async ({ params, body, user, deps, tx }) => {
      const now = deps.clock.now();
      await approveCommitments(tx, params.id, body.year, user.id, now);
      return commitmentReport(tx, params.id, body.year, now);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/district/commitments',
    summary: '区级视图：各党支部承诺与践诺对照（含评诺）',
    description: 'Every branch that filed a list for the year: promised against delivered sessions and residents with the rating; behind ones flagged with the items that lag. Best share delivered first.',
    tags: ['district', 'branches'],
    auth: ['district_admin'],
    query: CommitmentYearQuery,
    response: CommitmentRanking,
    handler: async ({ query, deps }) => {
      const now = deps.clock.now();
      const year = yearOf(query, now);
      return { year, items: await commitmentRanking(deps.db, year, now) };
    },
  }),
];
