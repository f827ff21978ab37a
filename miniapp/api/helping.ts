import type { HelpRating, HelpRequestView, PointsGranted, PoolSpent, PoolView, TransferResult } from '@shared/api/helping';
import type { HelpCategory, HelpStatus } from '@shared/helping';
import { request } from './request';
import { newIdempotencyKey } from './volunteer';
import type { Page } from '@shared/api/page';

export type { HelpRequestView, PoolView, TransferResult };

const once = () => ({ 'Idempotency-Key': newIdempotencyKey() });

export interface PostHelp {
  complexId: number;
  category: HelpCategory;
  title: string;
  detail?: string;
  from: string;
  to: string;
  points: number;
  forUserId?: number;
}

const act = (id: number, what: string, data: Record<string, unknown> = {}) => request<HelpRequestView>(`/help-requests/${id}/${what}`, { method: 'POST', data });

export const helpingApi = {
  list: (q: { complexId?: number; status?: HelpStatus; lat?: number; lng?: number; cursor?: string }) => request<Page<HelpRequestView>>('/help-requests', { query: { ...q, limit: 30 } }),
  mine: (as: 'requester' | 'helper') => request<Page<HelpRequestView>>('/me/help-requests', { query: { as } }).then((r) => r.items),
  get: (id: number) => request<HelpRequestView>(`/help-requests/${id}`),
  post: (body: PostHelp) => request<HelpRequestView>('/help-requests', { method: 'POST', data: { ...body }, header: once() }),
  take: (id: number) => act(id, 'take'),
  confirmMatch: (id: number) => act(id, 'confirm-match'),
  declineMatch: (id: number) => act(id, 'decline-match'),
  done: (id: number) => act(id, 'done'),
  cancel: (id: number) => act(id, 'cancel'),
  dispute: (id: number, reason: string) => act(id, 'dispute', { reason }),
  decide: (id: number, body: { decision: 'pay_helper' | 'refund'; note: string; helperNoShow: boolean }) => act(id, 'decide', body),
  rate: (id: number, stars: number, comment: string) => request<HelpRating>(`/help-requests/${id}/ratings`, { method: 'POST', data: { stars, comment } }),

  // points flow
  transfer: (body: { toUserId?: number; poolComplexId?: number; points: number; note?: string }) => request<TransferResult>('/points/transfers', { method: 'POST', data: body, header: once() }),
  pool: (complexId: number) => request<PoolView>(`/complexes/${complexId}/pool`, { query: { limit: 30 } }),
  spendPool: (complexId: number, body: { userId: number; points: number; reason: string }) => request<PoolSpent>(`/complexes/${complexId}/pool/spend`, { method: 'POST', data: body, header: once() }),
  grant: (complexId: number, body: { userId: number; points: number; reason: string }) => request<PointsGranted>(`/complexes/${complexId}/points/grants`, { method: 'POST', data: body, header: once() }),
};
