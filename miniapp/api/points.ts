import type { z } from 'zod';
import type { Page } from '@shared/api/page';
import type { Leaderboard, MyPoints, Redemption as RedemptionSchema, Reward as RewardSchema, RewardList } from '@shared/api/points';
import { request } from './request';
import { newIdempotencyKey } from './volunteer';

// 积分明细, 排行榜 and 积分兑换. Types are z.infer of shared/api/points.ts.

export type Reward = z.infer<typeof RewardSchema>;
export type Redemption = z.infer<typeof RedemptionSchema>;

const once = () => ({ 'Idempotency-Key': newIdempotencyKey() });

export const pointsApi = {
  mine: (cursor?: string) => request<z.infer<typeof MyPoints>>('/me/points', { query: { cursor, limit: 30 } }),
  rewards: (complexId?: number, view: 'available' | 'all' = 'available') => request<z.infer<typeof RewardList>>('/rewards', { query: { complexId, view } }),
  redeem: (rewardId: number) => request<Redemption>(`/rewards/${rewardId}/redemptions`, { method: 'POST', header: once() }),
  myRedemptions: () => request<Page<Redemption>>('/me/redemptions', { query: { limit: 50 } }),
  redemption: (id: number) => request<Redemption>(`/redemptions/${id}`),
  cancel: (id: number) => request<Redemption>(`/redemptions/${id}/cancel`, { method: 'POST', header: once() }),
  leaderboard: (q: { scope: 'community' | 'street'; complexId: number; metric: 'hours' | 'points' }) =>
    request<z.infer<typeof Leaderboard>>('/leaderboards', { query: q }),

  // staff
  lookup: (code: string) => request<Redemption>('/redemptions/lookup', { query: { code } }),
  verify: (code: string) => request<Redemption>('/redemptions/verify', { method: 'POST', data: { code } }),
  createReward: (body: Record<string, unknown>) => request<Reward>('/rewards', { method: 'POST', data: body, header: once() }),
  updateReward: (id: number, body: Record<string, unknown>) => request<Reward>(`/rewards/${id}`, { method: 'PATCH', data: body }),
};
