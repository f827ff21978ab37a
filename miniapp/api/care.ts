import type { CareKind, CareStatus } from '@shared/constants';
import { request } from './request';

export interface Person {
  id: number;
  nickname: string;
}

export interface CareRequest {
  id: number;
  kind: CareKind;
  kindLabel: string;
  priority: number;
  status: CareStatus;
  statusLabel: string;
  /** an emergency nobody accepted within 5 minutes */
  flagged: boolean;
  waitingMinutes: number | null;
  senior: Person & { realName: string | null };
  requestedBy: Person;
  onBehalf: boolean;
  complexId: number;
  complexName: string;
  hotline: string;
  address: string;
  /** full for dispatching staff, masked for everyone else */
  phone: string | null;
  note: string;
  assignee: Person | null;
  createdAt: string;
  acceptedAt: string | null;
  dispatchedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  rating: number | null;
  ratingComment: string | null;
}

export interface CareEvent {
  status: CareStatus;
  statusLabel: string;
  note: string;
  actor: Person;
  onBehalf: boolean;
  at: string;
}

export interface CareDetail extends CareRequest {
  timeline: CareEvent[];
  can: { accept: boolean; assign: boolean; start: boolean; complete: boolean; cancel: boolean; rate: boolean };
}

export interface CareProfile {
  senior: Person;
  address: string | null;
  phoneMasked: string | null;
  complex: { id: number; name: string; hotline: string } | null;
  kinds: { kind: CareKind; label: string }[];
}

export interface Assignee extends Person {
  role: string;
  /** one of the complex's workers, or a volunteer approved there */
  kind: 'worker' | 'volunteer';
  openTasks: number;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

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
    request<CareDetail & { pointsEarned: number }>(`/care-requests/${id}/rating`, { method: 'POST', data: { rating, comment }, header: { 'Idempotency-Key': idemKey() } }),
  queue: (q: { complexId?: number; status?: string } = {}) => request<Page<CareRequest> & { flaggedCount: number }>('/care/queue', { query: { ...q, limit: 100 } }),
  assignees: (complexId: number) => request<{ items: Assignee[] }>('/care/assignees', { query: { complexId } }).then((r) => r.items),
};
