import type { z } from 'zod';
import type { DASHBOARD_SCOPES, Dashboard, DashboardQuery as DashboardQuerySchema, Todo, WeightsList } from '@shared/api/dashboard';
import { downloadXlsx } from './files';
import { request } from './request';

export type { Dashboard, Todo, WeightsList };
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number];
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

const qs = (q: DashboardQuery) =>
  Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

export const dashboardApi = {
  get: (q: DashboardQuery) => request<Dashboard>('/dashboard', { query: { ...q } }),
  report: (q: DashboardQuery, name: string) => downloadXlsx(`/dashboard/report.xlsx?${qs(q)}`, `考核-${name}.xlsx`),
  weights: () => request<WeightsList>('/dashboard/weights'),
  setWeights: (weights: Record<string, number>) => request<WeightsList>('/dashboard/weights', { method: 'PUT', data: { weights } }),
  todo: () => request<Todo>('/workbench/todo', { silent: true }),
};
