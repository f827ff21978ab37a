import { z } from 'zod';
import { ROLES } from '../../../../shared/constants';
import { Residency } from '../../../../shared/api/residency';
import { AVATAR_KEYS } from '../../../../shared/avatars';

export const WechatLoginBody = z.object({ code: z.string().trim().min(1, '缺少微信登录凭证 code').max(128) });
export const DevLoginBody = z.object({ phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号') });
export const RefreshBody = z.object({ refreshToken: z.string().min(20, '刷新凭证无效').max(200) });
export const LogoutBody = z.object({ refreshToken: z.string().max(200).optional() });

export const MeSchema = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  nickname: z.string(),
  phoneMasked: z.string().nullable(),
  elderMode: z.boolean(),
  elderModeOffered: z.boolean(),
  isVolunteer: z.boolean(),
  pointsBalance: z.number().int(),
  age: z.number().int().nullable(),
  /** YYYY-MM-DD, as the user gave it */
  birthDate: z.string().nullable(),
  address: z.string().nullable(),
  avatar: z.enum(AVATAR_KEYS).nullable(),
  privacyConsentVersion: z.string().nullable(),
  complexIds: z.array(z.number().int()),
  branchId: z.number().int().nullable(),
  /** the 镇街 of a street admin (null for everyone else) */
  streetId: z.number().int().nullable(),
  residency: Residency,
  /** when a pending 注销账号 will run (null when none) */
  deletionScheduledFor: z.string().nullable().optional(),
});

export const TokenResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
  user: MeSchema,
  /** sign-in only: true when this sign-in cancelled a pending 注销账号 (and `notice` says so) */
  deletionCancelled: z.boolean().optional(),
  notice: z.string().optional(),
});
