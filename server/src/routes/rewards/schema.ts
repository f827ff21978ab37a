import { z } from 'zod';
import { zId, zInstant } from '../../http/route';
import { REWARD_KINDS } from '../../../../shared/volunteer';

export const RewardBody = z
  .object({
    complexId: z.number().int().positive(),
    kind: z.enum(REWARD_KINDS),
    name: z.string().trim().min(2, '名称至少 2 个字').max(60),
    description: z.string().trim().max(500).optional(),
    pointsCost: z.number().int().min(1, '所需积分至少 1 分').max(100_000),
    stock: z.number().int().min(0, '库存不能为负').max(1_000_000),
    perUserLimit: z.number().int().min(0).max(1000).optional(),
    validFrom: zInstant.nullable().optional(),
    validUntil: zInstant.nullable().optional(),
  })
  .strict();

export const RewardPatchBody = z
  .object({
    name: z.string().trim().min(2).max(60).optional(),
    description: z.string().trim().max(500).optional(),
    pointsCost: z.number().int().min(1).max(100_000).optional(),
    addStock: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    perUserLimit: z.number().int().min(0).max(1000).optional(),
    validFrom: zInstant.nullable().optional(),
    validUntil: zInstant.nullable().optional(),
    status: z.enum(['active', 'archived']).optional(),
  })
  .strict();

export const RewardsQuery = z.object({
  complexId: zId.optional(),
  /** staff of the complex: `all` includes archived and out-of-period rewards */
  view: z.enum(['available', 'all']).default('available'),
});

export const VerifyBody = z.object({ code: z.string().trim().min(8, '请输入 8 位兑换码或扫描二维码').max(200) }).strict();
