import { z } from 'zod';
import { ACTIVITY_STATUSES, BOOKING_STATUSES } from '../../../../shared/booking';
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

export const ActivitySummary = z.object({
  id: z.number().int(),
  title: z.string(),
  complexId: z.number().int(),
  complexName: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  capacity: z.number().int(),
  bookedCount: z.number().int(),
  waitlistCapacity: z.number().int(),
  waitlistCount: z.number().int(),
  seatsLeft: z.number().int(),
  status: z.enum(ACTIVITY_STATUSES),
  pointsReward: z.number().int(),
  category: z.string(),
  elderFriendly: z.boolean(),
  audienceNote: z.string(),
  location: z.string(),
  organizerBranchId: z.number().int().nullable(),
  organizerBranchName: z.string().nullable(),
});

export const MyBooking = z.object({
  id: z.number().int(),
  status: z.enum(BOOKING_STATUSES),
  /** 1-based place on the waitlist while waitlisted */
  waitlistPosition: z.number().int().nullable(),
  canCancel: z.boolean(),
  checkedInAt: z.string().nullable(),
});

export const ActivityDetail = ActivitySummary.extend({
  description: z.string(),
  spaceId: z.number().int().nullable(),
  serviceItemId: z.number().int().nullable(),
  bookingOpensAt: z.string().nullable(),
  bookingClosesAt: z.string(),
  cancelDeadline: z.string(),
  cancelDeadlineMinutes: z.number().int(),
  myBooking: MyBooking.nullable(),
  canManage: z.boolean(),
});

export const RosterItem = z.object({
  bookingId: z.number().int(),
  userId: z.number().int(),
  nickname: z.string(),
  realName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  status: z.enum(BOOKING_STATUSES),
  statusLabel: z.string(),
  waitlistSeq: z.number().int().nullable(),
  bookedAt: z.string(),
  checkedInAt: z.string().nullable(),
});

export const CheckinCode = z.object({ code: z.string(), dataUrl: z.string(), expiresAt: z.string(), refreshSeconds: z.number().int() });
