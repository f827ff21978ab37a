import { z } from 'zod';
import { PageQuery, zId, zInstant } from '../../http/route';

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
