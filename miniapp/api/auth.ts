import type { z } from 'zod';
import type { AuthOptions, TokenResponse } from '@shared/api/auth';
import { request } from './request';

/** A sign-in's answer (z.infer of shared/api/auth.ts). */
export type SignInResult = z.infer<typeof TokenResponse>;

export const authApi = {
  options: () => request<z.infer<typeof AuthOptions>>('/auth/options', { auth: false, silent: true }),
  /** WeChat: the code from Taro.login, exchanged by the server with jscode2session. */
  wechat: (code: string) => request<SignInResult>('/auth/wechat', { method: 'POST', data: { code }, auth: false }),
  /** Browser build on test and demo servers only (404 when the server does not allow it). */
  dev: (phone: string) => request<SignInResult>('/auth/dev', { method: 'POST', data: { phone }, auth: false }),
  logout: (refreshToken?: string) =>
    request<void>('/auth/logout', { method: 'POST', data: refreshToken ? { refreshToken } : {}, silent: true }),
};
