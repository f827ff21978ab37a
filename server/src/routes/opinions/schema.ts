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
