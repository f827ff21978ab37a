// Response schemas of sign-in (微信登录, the browser build's phone sign-in): used by the server's route
// specs and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { Me } from './me';

export const TokenResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
  user: Me,
  /** sign-in only: true when this sign-in cancelled a pending 注销账号 (and `notice` says so) */
  deletionCancelled: z.boolean().optional(),
  notice: z.string().optional(),
});

export const AuthOptions = z.object({
  /** whether the phone-number sign-in for the browser build is switched on */
  devLogin: z.boolean(),
});
