import { z } from 'zod';
import { zId, zInstant } from '../../http/route';
import { VOLUNTEER_APPLICATION_STATUSES, VOLUNTEER_SKILLS } from '../../../../shared/volunteer';

const zSkills = z.array(z.enum(VOLUNTEER_SKILLS, { error: '技能不在可选列表中' })).max(VOLUNTEER_SKILLS.length);

export const RegistrationBody = z
  .object({
    realName: z.string().trim().regex(/^[\u4e00-\u9fa5·]{2,16}$/, '请填写 2–16 个汉字的真实姓名'),
    skills: zSkills.min(1, '请至少选择一项技能'),
    complexIds: z.array(z.number().int().positive()).min(1, '请至少选择一个服务的综合体').max(10, '最多选择 10 个综合体'),
    agreementAccepted: z.literal(true, { error: '请阅读并同意志愿者服务协议' }),
    agreementVersion: z.string().trim().min(1).max(16),
  })
  .strict();

export const DecisionBody = z
  .object({
    approve: z.boolean({ error: '请选择通过或不通过' }),
    reason: z.string().trim().min(2, '原因至少 2 个字').max(200).optional(),
  })
  .strict();

export const ApplicationsQuery = z.object({
  complexId: zId.optional(),
  status: z.enum(VOLUNTEER_APPLICATION_STATUSES).default('pending'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const PostBody = z
  .object({
    complexId: z.number().int().positive(),
    activityId: z.number().int().positive().nullable().optional(),
    title: z.string().trim().min(2, '标题至少 2 个字').max(60),
    description: z.string().trim().max(2000).optional(),
    location: z.string().trim().max(100).optional(),
    startAt: zInstant,
    endAt: zInstant,
    positions: z.number().int().min(1, '至少 1 个名额').max(500, '最多 500 个名额'),
    skills: zSkills.default([]),
    pointsPerHour: z.number().int().min(0).max(100, '每小时积分不超过 100').optional(),
  })
  .strict();

export const PostsQuery = z.object({
  complexId: zId.optional(),
  /** upcoming (default: not yet ended) or all (staff managing a complex) */
  when: z.enum(['upcoming', 'all']).default('upcoming'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ApproveBody = z
  .object({
    minutes: z.number().int().min(0, '时长不能为负').max(24 * 60).optional(),
    reason: z.string().trim().min(2, '原因至少 2 个字').max(200).optional(),
  })
  .strict();

export const MarkBody = z.object({ at: zInstant.optional() }).strict();
export const CodeBody = z.object({ code: z.string().trim().min(8, '签到码无效').max(200) }).strict();
