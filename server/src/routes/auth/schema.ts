import { z } from 'zod';

export const WechatLoginBody = z.object({ code: z.string().trim().min(1, '缺少微信登录凭证 code').max(128) });
export const DevLoginBody = z.object({ phone: z.string().trim().regex(/^1[3-9]\d{9}$/, '请输入 11 位手机号') });
export const RefreshBody = z.object({ refreshToken: z.string().min(20, '刷新凭证无效').max(200) });
export const LogoutBody = z.object({ refreshToken: z.string().max(200).optional() });
