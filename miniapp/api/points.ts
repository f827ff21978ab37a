import type { RedemptionStatus, RewardKind } from '@shared/volunteer';
import { request } from './request';
import { newIdempotencyKey } from './volunteer';

export interface PointsEntry {
  id: number;
  delta: number;
  reason: string;
  reasonLabel: string;
  /** a sentence with the amount, e.g. 参加「太极拳入门」签到 +5 */
  description: string;
  balanceAfter: number;
  createdAt: string;
}

export interface Reward {
  id: number;
  complexId: number;
  complexName: string;
  kind: RewardKind;
  name: string;
  description: string;
  pointsCost: number;
  stock: number;
  perUserLimit: number;
  validFrom: string | null;
  validUntil: string | null;
  status: 'active' | 'archived';
  available: boolean;
  myRedeemedCount: number;
}

export interface Redemption {
  id: number;
  rewardId: number;
  rewardName: string;
  kind: string;
  complexName: string;
  pointsCost: number;
  status: RedemptionStatus;
  shortCode: string | null;
  code: string | null;
  qrDataUrl?: string | null;
  createdAt: string;
  fulfilledAt: string | null;
  cancelledAt: string | null;
}

export interface LeaderboardRow {
  rank: number;
  name: string;
  value: number;
  isMe: boolean;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
const once = () => ({ 'Idempotency-Key': newIdempotencyKey() });

export const pointsApi = {
  mine: (cursor?: string) => request<Page<PointsEntry> & { balance: number; held: number; available: number }>('/me/points', { query: { cursor, limit: 30 } }),
  rewards: (complexId?: number, view: 'available' | 'all' = 'available') => request<Page<Reward>>('/rewards', { query: { complexId, view } }),
  redeem: (rewardId: number) => request<Redemption>(`/rewards/${rewardId}/redemptions`, { method: 'POST', header: once() }),
  myRedemptions: () => request<Page<Redemption>>('/me/redemptions', { query: { limit: 50 } }),
  redemption: (id: number) => request<Redemption>(`/redemptions/${id}`),
  cancel: (id: number) => request<Redemption>(`/redemptions/${id}/cancel`, { method: 'POST', header: once() }),
  leaderboard: (q: { scope: 'community' | 'street'; complexId: number; metric: 'hours' | 'points' }) =>
    request<{ areaName: string; month: string; items: LeaderboardRow[] }>('/leaderboards', { query: q }),

  // staff
  lookup: (code: string) => request<Redemption>('/redemptions/lookup', { query: { code } }),
  verify: (code: string) => request<Redemption>('/redemptions/verify', { method: 'POST', data: { code } }),
  createReward: (body: Record<string, unknown>) => request<Reward>('/rewards', { method: 'POST', data: body, header: once() }),
  updateReward: (id: number, body: Record<string, unknown>) => request<Reward>(`/rewards/${id}`, { method: 'PATCH', data: body }),
};
