import { z } from 'zod';
import { PageQuery, zId, zInstant } from '../../http/route';

export const Offering = z.object({
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  location: z.string(),
  complexId: z.number().int(),
  complexName: z.string(),
  branchId: z.number().int(),
  branchName: z.string(),
  department: z.string(),
  serviceItemId: z.number().int(),
  serviceItemName: z.string(),
  categoryId: z.number().int(),
  categoryName: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  capacity: z.number().int(),
  bookedCount: z.number().int(),
  volunteersNeeded: z.number().int(),
  pointsReward: z.number().int(),
  status: z.enum(['draft', 'published', 'cancelled', 'finished']),
  distanceM: z.number().int().optional(),
});

export const OfferingRecord = z.object({ peopleServed: z.number().int(), notes: z.string(), recordedBy: z.number().int(), updatedAt: z.string() });

export const OfferingDetail = Offering.extend({
  myBooking: z
    .object({ id: z.number().int(), status: z.string(), waitlistPosition: z.number().int().nullable(), canCancel: z.boolean(), checkedInAt: z.string().nullable() })
    .nullable(),
  /** whether the caller may manage it (its branch's accounts, district admins) */
  canManage: z.boolean(),
  /** for managers only */
  checkedInCount: z.number().int().optional(),
  record: OfferingRecord.nullable().optional(),
});

export const WorkbenchOffering = Offering.extend({ checkedInCount: z.number().int(), record: OfferingRecord.nullable() });

const description = z.string().trim().max(2000, '介绍最多 2000 个字');

export const OfferingCreate = z
  .object({
    complexId: zId,
    serviceItemId: zId,
    title: z.string().trim().max(60, '标题最多 60 个字').optional(),
    description: description.min(1, '请填写服务介绍'),
    location: z.string().trim().max(100, '地点最多 100 个字').optional(),
    startAt: zInstant,
    endAt: zInstant,
    capacity: z.number({ error: '请填写名额' }).int('名额必须是整数').min(1, '名额至少 1 人').max(500, '名额最多 500 人'),
    waitlistCapacity: z.number().int('必须是整数').min(0, '不能小于 0').max(200, '候补最多 200 人').optional(),
    volunteersNeeded: z.number().int('必须是整数').min(0, '不能小于 0').max(100, '最多 100 人').default(0),
    pointsReward: z.number().int('必须是整数').min(0, '不能小于 0').max(50, '最多 50 分').optional(),
  })
  .strict();

export const OfferingPatch = z
  .object({
    title: z.string().trim().min(1, '标题不能为空').max(60, '标题最多 60 个字').optional(),
    description: description.optional(),
    location: z.string().trim().max(100, '地点最多 100 个字').optional(),
    startAt: zInstant.optional(),
    endAt: zInstant.optional(),
    capacity: z.number().int('名额必须是整数').min(1, '名额至少 1 人').max(500, '名额最多 500 人').optional(),
    waitlistCapacity: z.number().int('必须是整数').min(0, '不能小于 0').max(200, '候补最多 200 人').optional(),
    volunteersNeeded: z.number().int('必须是整数').min(0, '不能小于 0').max(100, '最多 100 人').optional(),
  })
  .strict();

export const OfferingListQuery = PageQuery.extend({
  category: zId.optional(),
  branchId: zId.optional(),
  complexId: zId.optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
}).refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: '经纬度需同时提供', path: ['lat'] });

export const zMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const RosterEntry = z.object({
  bookingId: z.number().int(),
  userId: z.number().int(),
  nickname: z.string(),
  realName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  waitlistSeq: z.number().int().nullable(),
  checkedInAt: z.string().nullable(),
  bookedAt: z.string(),
});

export const MonthRecord = z.object({
  branchId: z.number().int(),
  month: z.string(),
  sessionsHeld: z.number().int(),
  residentsServed: z.number().int(),
  peopleServedRecorded: z.number().int(),
  sessionsRecorded: z.number().int(),
  volunteerHours: z.number(),
  /** average stars (1–5, one decimal) of residents' ratings of the month's held sessions; null without any */
  averageRating: z.number().nullable(),
  ratingCount: z.number().int(),
  sessions: z.array(
    z.object({
      offeringId: z.number().int(),
      title: z.string(),
      startAt: z.string(),
      complexId: z.number().int(),
      complexName: z.string(),
      categoryName: z.string(),
      bookedCount: z.number().int(),
      checkedIn: z.number().int(),
      recorded: z.boolean(),
      peopleServed: z.number().int().nullable(),
      notes: z.string().nullable(),
      /** residents' ratings of this session: average stars (one decimal), null without any */
      averageRating: z.number().nullable(),
      ratingCount: z.number().int(),
    }),
  ),
});
