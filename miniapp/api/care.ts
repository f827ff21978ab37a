import type { z } from 'zod';
import type {
  Assignee as AssigneeSchema,
  Assignees,
  CareDetail as CareDetailSchema,
  CareProfile as CareProfileSchema,
  CareQueue,
  CareRated,
  CareRequest as CareRequestSchema,
} from '@shared/api/care';
import type { Page } from '@shared/api/page';
import type { CareKind } from '@shared/constants';
import { request } from './request';

// 一键呼叫. Types are z.infer of shared/api/care.ts.

export type CareRequest = z.infer<typeof CareRequestSchema>;
export type CareDetail = z.infer<typeof CareDetailSchema>;
export type CareProfile = z.infer<typeof CareProfileSchema>;
export type Assignee = z.infer<typeof AssigneeSchema>;

/** A fresh key per tap: a retried request (weak network) is created once. */
const idemKey = () => `care-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const careApi = {
  profile: (seniorId?: number) => request<CareProfile>('/care/profile', { query: { seniorId } }),
  create: (body: { kind: CareKind; seniorId?: number; note?: string }) =>
    request<CareDetail>('/care-requests', { method: 'POST', data: body, header: { 'Idempotency-Key': idemKey() } }),
  mine: () => request<Page<CareRequest>>('/me/care-requests', { query: { limit: 50 } }),
  forSenior: (seniorId: number) => request<Page<CareRequest>>(`/family/${seniorId}/care-requests`, { query: { limit: 50 } }),
  get: (id: number) => request<CareDetail>(`/care-requests/${id}`),
  step: (id: number, step: 'accept' | 'start' | 'complete') => request<CareDetail>(`/care-requests/${id}/${step}`, { method: 'POST', data: {} }),
  assign: (id: number, assigneeId: number) => request<CareDetail>(`/care-requests/${id}/assign`, { method: 'POST', data: { assigneeId } }),
  cancel: (id: number, reason: string) => request<CareDetail>(`/care-requests/${id}/cancel`, { method: 'POST', data: { reason } }),
  rate: (id: number, rating: number, comment: string) =>
    request<z.infer<typeof CareRated>>(`/care-requests/${id}/rating`, { method: 'POST', data: { rating, comment }, header: { 'Idempotency-Key': idemKey() } }),
  queue: (q: { complexId?: number; status?: string } = {}) => request<z.infer<typeof CareQueue>>('/care/queue', { query: { ...q, limit: 100 } }),
  assignees: (complexId: number) => request<z.infer<typeof Assignees>>('/care/assignees', { query: { complexId } }).then((r) => r.items),
};
