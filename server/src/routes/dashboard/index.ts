import { DashboardQuery, DashboardResponse, TodoResponse, WeightsBody, WeightsResponse } from '../../../../shared/api/dashboard';
import { INDEX_TERM_KEYS, INDEX_TERMS, DEFAULT_WEIGHTS, weightsValid, type Weights } from '../../domain/dashboard/figures';
import { dashboard, loadWeights, saveWeights, workbenchTodo } from '../../domain/dashboard/queries';
import { buildReport } from '../../domain/dashboard/report';
import { addDays, shanghaiDay } from '../../domain/time/shanghai';
import { validationFailed } from '../../errors';
import { sendXlsx } from '../../http/rawBody';
import { route } from '../../http/route';

const VIEWERS = ['worker', 'street_admin', 'district_admin'] as const;
const STAFF = ['worker', 'street_admin', 'branch_admin', 'district_admin'] as const;
const MAX_DAYS = 366;

/** from/to default to the last 30 days (Shanghai), at most a year. */
function period(q: { from?: string; to?: string }, now: Date) {
  const to = q.to ?? shanghaiDay(now);
  const from = q.from ?? addDays(to, -29);
  if (from > to) throw validationFailed({ from: '开始日期不能晚于结束日期' });
  if (addDays(from, MAX_DAYS - 1) < to) throw validationFailed({ from: '时间段最长一年' });
  return { from, to };
}

const weightItems = (w: Weights) => ({
  items: INDEX_TERM_KEYS.map((key) => ({ key, label: INDEX_TERMS[key].label, weight: w[key], defaultWeight: DEFAULT_WEIGHTS[key], normalisation: INDEX_TERMS[key].normalisation })),
});

export default [
  route({
    method: 'get',
    path: '/api/v1/dashboard',
    summary: '数智平台：活跃指数、评价指标、民意热度',
    description:
      'Figures of a scope (district, a street, a complex) over [from, to] (Shanghai dates, default the last 30 days), read from the daily roll-ups (at most a minute behind). activityIndex.value = Σ weight × score over its terms; a street or the district is the complex-weighted mean of its complexes. Indicators carry `previous` and `delta` against the previous period of equal length. A district admin sees every scope, a street admin its street and its complexes, a worker its complexes; anyone else 403.',
    tags: ['dashboard'],
    auth: VIEWERS,
    query: DashboardQuery,
    response: DashboardResponse,
    handler: async ({ query, user, deps }) => dashboard(deps.db, user, { scope: query.scope, id: query.id, ...period(query, deps.clock.now()), now: deps.clock.now() }),
  }),
  route({
    method: 'get',
    path: '/api/v1/dashboard/report.xlsx',
    summary: '数智平台：导出考核表（.xlsx）',
    description: 'The same figures as GET /dashboard as a workbook, one row per child (streets of the district, complexes of a street; a complex is its own row).',
    tags: ['dashboard'],
    auth: VIEWERS,
    query: DashboardQuery,
    raw: true,
    handler: async ({ query, user, deps, ctx }) => {
      const d = await dashboard(deps.db, user, { scope: query.scope, id: query.id, ...period(query, deps.clock.now()), now: deps.clock.now() });
      sendXlsx(ctx, await buildReport(d), `考核-${d.name}-${d.from}-${d.to}.xlsx`);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/dashboard/weights',
    summary: '活跃指数权重',
    description: 'Each term of the index with its weight (stored, or the default), its default and how its score is normalised.',
    tags: ['dashboard'],
    auth: VIEWERS,
    response: WeightsResponse,
    handler: async ({ deps }) => weightItems(await loadWeights(deps.db)),
  }),
  route({
    method: 'put',
    path: '/api/v1/dashboard/weights',
    summary: '设置活跃指数权重（区级管理员）',
    description: 'Every term must be given, each 0–1, summing to 1 (±0.001); otherwise 422 and nothing changes. Audited.',
    tags: ['dashboard'],
    auth: ['district_admin'],
    body: WeightsBody,
    response: WeightsResponse,
    transaction: true,
    audit: ({ body }) => ({ action: 'dashboard.weights.set', targetType: 'dashboard_index_weights', detail: { weights: body.weights } }),
    handler: async ({ body, user, tx }) => {
      const missing = INDEX_TERM_KEYS.filter((k) => typeof body.weights[k] !== 'number');
      if (missing.length) throw validationFailed(Object.fromEntries(missing.map((k) => [`weights.${k}`, '请填写该项权重'])));
      const w = Object.fromEntries(INDEX_TERM_KEYS.map((k) => [k, Math.round(body.weights[k]! * 10000) / 10000])) as Weights;
      if (!weightsValid(w)) throw validationFailed({ weights: '各项权重之和应为 1' });
      await saveWeights(tx, w, user.id);
      return weightItems(w);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/workbench/todo',
    summary: '工作台：待办数量',
    description:
      'What waits for the caller in their complexes (all for a district admin, the street for a street admin): opinions to accept, overdue opinions, open care requests, volunteer hours to approve, volunteer registrations to review, open IoT alerts.',
    tags: ['workbench', 'dashboard'],
    auth: STAFF,
    response: TodoResponse,
    handler: async ({ user, deps }) => workbenchTodo(deps.db, user, deps.clock.now()),
  }),
];
