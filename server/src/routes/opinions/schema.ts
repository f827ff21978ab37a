import { z } from 'zod';
import { OPINION_CATEGORIES, OPINION_LIMITS, OPINION_RATINGS, OPINION_STATUSES, OPINION_VISIBILITIES } from '../../../../shared/opinions';
import { PageQuery, zId } from '../../http/route';

const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}最多 ${max} 个字`);

export const SubmitBody = z
  .object({
    category: z.enum(OPINION_CATEGORIES, { error: `分类可选：${OPINION_CATEGORIES.join('、')}` }),
    title: text(OPINION_LIMITS.title, '标题'),
    content: text(OPINION_LIMITS.content, '内容'),
    complexId: zId,
    visibility: z.enum(OPINION_VISIBILITIES).default('public'),
  })
  .strict();

const note = z.string().trim().max(500, '备注最多 500 个字').optional();
export const NoteBody = z.object({ note }).strict();
export const ReasonBody = z.object({ reason: text(200, '理由') }).strict();
export const AssignBody = z
  .object({
    to: z.discriminatedUnion('type', [
      z.object({ type: z.literal('worker'), userId: zId }),
      z.object({ type: z.literal('department'), name: text(64, '部门名称') }),
      z.object({ type: z.literal('branch'), branchId: zId }),
    ]),
    note,
  })
  .strict();
export const ReplyBody = z.object({ reply: text(1000, '答复内容') }).strict();
export const EvaluateBody = z
  .object({ rating: z.enum(OPINION_RATINGS, { error: '请选择满意、基本满意或不满意' }), comment: z.string().trim().max(500, '评价最多 500 个字').optional() })
  .strict();

export const PublicListQuery = PageQuery.extend({ complexId: zId.optional(), category: z.enum(OPINION_CATEGORIES).optional() });
export const MineQuery = PageQuery.extend({ status: z.enum(OPINION_STATUSES).optional() });
export const InboxQuery = PageQuery.extend({
  status: z.enum(OPINION_STATUSES).optional(),
  overdue: z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
  complexId: zId.optional(),
});
export const HotTopicsQuery = z
  .object({
    complexId: zId.optional(),
    streetId: zId.optional(),
    from: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional(),
    to: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional(),
  });
export const PhotoParams = z.object({ id: zId, photoId: zId });
export const PhotoQuery = z.object({ exp: z.coerce.number().int().positive().optional(), sig: z.string().max(64).optional() });

export const OpinionSummary = z.object({
  id: z.number().int(),
  category: z.string(),
  title: z.string(),
  excerpt: z.string(),
  visibility: z.enum(OPINION_VISIBILITIES),
  status: z.enum(OPINION_STATUSES),
  statusLabel: z.string(),
  complexId: z.number().int(),
  complexName: z.string().nullable(),
  submitterName: z.string().nullable(),
  cosignCount: z.number().int(),
  cosignedByMe: z.boolean(),
  /** the caller wrote it */
  mine: z.boolean(),
  photoCount: z.number().int(),
  submittedAt: z.string(),
  acceptDueAt: z.string().nullable(),
  replyDueAt: z.string().nullable(),
  overdue: z.boolean(),
  heldReason: z.string().nullable(),
});

export const TimelineEntry = z.object({
  id: z.number().int(),
  action: z.string(),
  label: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string(),
  actorName: z.string(),
  at: z.string(),
});

export const OpinionDetail = OpinionSummary.extend({
  content: z.string(),
  viewer: z.enum(['owner', 'staff', 'public']),
  photos: z.array(z.object({ id: z.number().int(), url: z.string() })),
  rejectReason: z.string().nullable(),
  assignee: z.object({ type: z.string(), label: z.string().nullable() }).nullable(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  rating: z.enum(OPINION_RATINGS).nullable(),
  ratingLabel: z.string().nullable(),
  ratingComment: z.string().nullable(),
  reopenCount: z.number().int(),
  /** the 民生项目 this opinion became, if any */
  project: z.object({ id: z.number().int(), title: z.string(), status: z.string() }).nullable(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  actions: z.array(z.string()),
  timeline: z.array(TimelineEntry),
});

export const StatusOut = z.object({ id: z.number().int(), status: z.enum(OPINION_STATUSES) });
