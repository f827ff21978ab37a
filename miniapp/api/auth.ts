import { request } from './request';
import type { Me } from './me';

export interface SignInResult {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Pick<Me, 'id' | 'role'> & Partial<Me>;
  /** this sign-in cancelled a pending 注销账号 (notice says so) */
  deletionCancelled?: boolean;
  notice?: string;
}

export interface AuthOptions {
  /** whether the phone-number sign-in for the browser build is switched on */
  devLogin: boolean;
}

export const authApi = {
  options: () => request<AuthOptions>('/auth/options', { auth: false, silent: true }),
  /** WeChat: the code from Taro.login, exchanged by the server with jscode2session. */
  wechat: (code: string) => request<SignInResult>('/auth/wechat', { method: 'POST', data: { code }, auth: false }),
  /** Browser build on test and demo servers only (404 when the server does not allow it). */
  dev: (phone: string) => request<SignInResult>('/auth/dev', { method: 'POST', data: { phone }, auth: false }),
  logout: (refreshToken?: string) =>
    request<void>('/auth/logout', { method: 'POST', data: refreshToken ? { refreshToken } : {}, silent: true }),
};
