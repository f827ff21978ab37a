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

export const FamilyLink = z.object({
  id: z.number().int(),
  /** the caller's side of this link */
  as: z.enum(['senior', 'family']),
  other: z.object({ id: z.number().int(), nickname: z.string(), phoneMasked: z.string().nullable() }),
  seniorId: z.number().int(),
  familyId: z.number().int(),
  relation: z.string(),
  status: z.enum(['pending', 'active', 'declined', 'revoked']),
  requestedAt: z.string(),
  confirmedAt: z.string().nullable(),
});

export const IssuedCode = z.object({ code: z.string(), expiresAt: z.string(), linkId: z.number().int().nullable() });

export const ProxyAction = z.object({
  id: z.number().int(),
  action: z.string(),
  summary: z.string(),
  actor: z.object({ id: z.number().int(), nickname: z.string() }),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  createdAt: z.string(),
});

/** The same answer whether or not the phone is registered; `link` only once a valid code linked it. */
export const LinkRequestAnswer = z.object({
  status: z.enum(['sent', 'linked']),
  message: z.string(),
  link: FamilyLink.nullable(),
});
