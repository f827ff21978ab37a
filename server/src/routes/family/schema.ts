import { z } from 'zod';
import { PHONE_RE } from '../../domain/auth/phone';
import { FAMILY_RELATIONS } from '../../../../shared/constants';

export const zCode = z.string().trim().regex(/^\d{6}$/, '确认码是 6 位数字');

export const RequestLinkBody = z
  .object({
    seniorPhone: z.string().trim().regex(PHONE_RE, '请输入长辈的 11 位手机号'),
    relation: z.enum(FAMILY_RELATIONS, { error: `请选择与长辈的关系：${FAMILY_RELATIONS.join('、')}` }),
    code: zCode.optional().describe('a code the senior already showed you: links at once'),
  })
  .strict();

export const ConfirmBody = z.object({ code: zCode }).strict();
export const IssueCodeBody = z.object({ linkId: z.coerce.number().int().positive().optional() }).strict();
