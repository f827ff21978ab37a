import { z } from 'zod';
import { CARE_KINDS, CARE_STATUSES } from '../../../../shared/constants';
import { zId } from '../../http/route';

const Person = z.object({ id: z.number().int(), nickname: z.string() });

export const CareRequest = z.object({
  id: z.number().int(),
  kind: z.enum(CARE_KINDS),
  kindLabel: z.string(),
  priority: z.number().int().describe('1 for an emergency (head of the queue), else 0'),
  status: z.enum(CARE_STATUSES),
  statusLabel: z.string(),
  flagged: z.boolean().describe('an emergency not accepted within 5 minutes'),
  waitingMinutes: z.number().int().nullable(),
  senior: Person.extend({ realName: z.string().nullable() }),
  requestedBy: Person,
  onBehalf: z.boolean().describe('made by a linked family member (亲情代办)'),
  complexId: z.number().int(),
  complexName: z.string(),
  hotline: z.string(),
  address: z.string(),
  phone: z.string().nullable().describe('in full for the dispatching staff, masked for everyone else'),
  note: z.string(),
  assignee: Person.nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
});

export const CareEvent = z.object({
  status: z.enum(CARE_STATUSES),
  statusLabel: z.string(),
  note: z.string(),
  actor: Person,
  onBehalf: z.boolean(),
  at: z.string(),
});

export const CareDetail = CareRequest.extend({
  timeline: z.array(CareEvent),
  can: z.object({ accept: z.boolean(), assign: z.boolean(), start: z.boolean(), complete: z.boolean(), cancel: z.boolean(), rate: z.boolean() }),
});

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

export const CareProfile = z.object({
  senior: Person,
  address: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  complex: z.object({ id: z.number().int(), name: z.string(), hotline: z.string() }).nullable(),
  kinds: z.array(z.object({ kind: z.enum(CARE_KINDS), label: z.string() })),
});

export const Assignee = z.object({ id: z.number().int(), nickname: z.string(), role: z.string(), kind: z.enum(['worker', 'volunteer']), openTasks: z.number().int() });
