import { z } from 'zod';
import { PageQuery, zDate, zId, zInstant } from '../../http/route';

const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const ActivityListQuery = PageQuery.extend({
  complexId: zId.optional(),
  from: z.union([zInstant, zDate.transform((d) => new Date(`${d}T00:00:00+08:00`))]).optional(),
  to: z.union([zInstant, zDate.transform((d) => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + 86_400_000))]).optional(),
  category: z.string().trim().min(1).max(16).optional(),
  elderFriendly: flag.optional(),
  branchId: zId.optional(),
  /** staff: the activities I run, drafts and cancelled ones included */
  manage: flag.optional(),
});

const fields = {
  title: z.string().trim().min(2, '标题至少 2 个字').max(60, '标题最多 60 个字'),
  description: z.string().trim().max(2000).optional(),
  category: z.string().trim().min(1).max(16).optional(),
  audienceNote: z.string().trim().max(60).optional(),
  elderFriendly: z.boolean().optional(),
  location: z.string().trim().max(100).optional(),
  spaceId: zId.nullable().optional(),
  serviceItemId: zId.nullable().optional(),
  startAt: zInstant,
  endAt: zInstant,
  capacity: z.number().int('名额必须是整数').min(1, '名额至少 1 人').max(10000, '名额最多 10000 人'),
  waitlistCapacity: z.number().int().min(0).max(1000).optional(),
  bookingOpensAt: zInstant.nullable().optional(),
  bookingClosesAt: zInstant.nullable().optional(),
  cancelDeadlineMinutes: z.number().int().min(0, '不能为负数').max(10080, '最多提前 7 天').optional(),
  pointsReward: z.number().int().min(0).max(50, '单次签到最多奖励 50 积分').optional(),
  status: z.enum(['draft', 'published']).optional(),
};

export const ActivityCreate = z.object({ complexId: zId, ...fields }).strict();
export const ActivityPatch = z
  .object(fields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: '没有要修改的内容' });
export const ActivityCancel = z.object({ reason: z.string().trim().min(2, '请说明取消原因').max(60) }).strict();
