// Response schemas of points (积分明细, 排行榜) and rewards (积分兑换): used by the server's route
// specs and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { REDEMPTION_STATUSES, REWARD_KINDS } from '../volunteer';
import { pageOf } from './page';

export const PointsEntry = z.object({
  id: z.number().int(),
  delta: z.number().int(),
  reason: z.string(),
  reasonLabel: z.string(),
  /** a sentence with the amount, e.g. 参加「太极拳入门」签到 +5 */
  description: z.string(),
  balanceAfter: z.number().int(),
  createdAt: z.string(),
});

/** 我的积分: `held` is what open 邻里互助 requests hold; `available` = balance − held. */
export const MyPoints = pageOf(PointsEntry).extend({ balance: z.number().int(), held: z.number().int(), available: z.number().int() });

export const Leaderboard = z.object({
  scope: z.string(),
  areaId: z.number().int(),
  areaName: z.string(),
  month: z.string(),
  metric: z.string(),
  items: z.array(z.object({ rank: z.number().int(), name: z.string(), value: z.number(), isMe: z.boolean() })),
});

export const Reward = z.object({
  id: z.number().int(),
  complexId: z.number().int(),
  complexName: z.string(),
  kind: z.enum(REWARD_KINDS),
  name: z.string(),
  description: z.string(),
  pointsCost: z.number().int(),
  stock: z.number().int(),
  perUserLimit: z.number().int(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  status: z.string(),
  available: z.boolean(),
  myRedeemedCount: z.number().int(),
});

export const Redemption = z.object({
  id: z.number().int(),
  rewardId: z.number().int(),
  rewardName: z.string(),
  kind: z.string(),
  complexId: z.number().int(),
  complexName: z.string(),
  pointsCost: z.number().int(),
  status: z.enum(REDEMPTION_STATUSES),
  shortCode: z.string().nullable(),
  code: z.string().nullable(),
  qrDataUrl: z.string().nullable().optional(),
  createdAt: z.string(),
  fulfilledAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});

/** The rewards list is never paged (nextCursor is always null). */
export const RewardList = z.object({ items: z.array(Reward), nextCursor: z.null() });
