import { z } from 'zod';
import { CARE_KINDS, CARE_STATUSES } from '../../../../shared/constants';
import { zId } from '../../http/route';

export const CreateCareBody = z
  .object({
    kind: z.enum(CARE_KINDS, { error: '请选择服务类型' }),
    seniorId: zId.optional().describe('a linked senior, when a family member asks for them; default: yourself'),
    note: z.string().trim().max(200).default(''),
    complexId: zId.optional().describe('only used when the senior has no home complex saved'),
    address: z.string().trim().min(4, '地址太短').max(200).optional().describe('only used when the senior has no address saved'),
  })
  .strict();

export const CancelBody = z.object({ reason: z.string().trim().min(2, '请写明取消原因').max(100) }).strict();
export const AssignBody = z.object({ assigneeId: zId, note: z.string().trim().max(200).optional() }).strict();
export const StepBody = z.object({ note: z.string().trim().max(200).optional() }).strict();
export const RateBody = z
  .object({
    rating: z.number({ error: '请选择 1–5 分' }).int('请选择 1–5 分').min(1, '请选择 1–5 分').max(5, '请选择 1–5 分'),
    comment: z.string().trim().max(300).default(''),
  })
  .strict();

export const QueueQuery = z.object({
  complexId: zId.optional(),
  status: z.enum(['open', 'all', ...CARE_STATUSES]).default('open'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
