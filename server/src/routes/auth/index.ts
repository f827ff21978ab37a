import { appError, notFound, rateLimited, unauthorized, unavailable } from '../../errors';
import { route } from '../../http/route';
import { audit } from '../../domain/audit/log';
import { requestFacts } from '../../http/facts';
import { endSession, rotateRefresh, startSession } from '../../domain/auth/sessions';
import { findOrCreateByOpenid, findOrCreateByPhone, presentMe, type UserRow } from '../../domain/users/accounts';
import { WechatError } from '../../integrations/wechat/client';
import { cancelDeletion } from '../../domain/privacy/deletion';
import { notify } from '../../domain/notifications/notify';
import type { Deps } from '../../deps';
import type { Context } from 'koa';
import { DevLoginBody, LogoutBody, RefreshBody, WechatLoginBody } from './schema';
import { AuthOptions, TokenResponse } from '../../../../shared/api/auth';

/** Dev login exists only when DEV_LOGIN=1 and we are not in production. */
export const devLoginEnabled = (deps: Deps) => deps.config.DEV_LOGIN && deps.config.NODE_ENV !== 'production';

async function signIn(deps: Deps, ctx: Context, user: UserRow, method: 'wechat' | 'dev') {
  if (user.disabled) throw appError(403, 'account_disabled', '该账号已停用，请联系社区工作人员');
  const pair = await startSession(deps, user, method);
  await audit(deps.db, { actorId: user.id, action: `auth.login.${method}`, targetType: 'session', targetId: pair.sessionId, ...requestFacts(ctx) });
  // signing in during the cooling-off cancels a pending 注销账号, and the answer says so
  const deletionCancelled = await cancelDeletion(deps.db, user.id, 'sign_in', deps.clock.now());
  if (deletionCancelled) {
    await audit(deps.db, { actorId: user.id, action: 'account.deletion_cancel', targetType: 'user', targetId: user.id, detail: { by: 'sign_in' }, ...requestFacts(ctx) });
    await notify(deps.db, user.id, { kind: 'account', title: '已撤销注销申请', body: '您在冷静期内重新登录，账号注销申请已自动撤销，账号和数据保持不变。', link: '/packages/account/pages/settings/index' });
  }
  const me = await presentMe(deps, user.id);
  if (!me) throw unauthorized();
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresIn: pair.expiresIn,
    user: me,
    deletionCancelled,
    ...(deletionCancelled ? { notice: '您在冷静期内重新登录，账号注销申请已撤销' } : {}),
  };
}

/** WeChat errcodes → our errors. */
function mapWechatError(e: WechatError) {
  switch (e.errcode) {
    case 40029:
    case 40163:
      return appError(401, 'wechat_code_invalid', '微信登录凭证无效或已使用，请重新进入小程序');
    case 45011:
      return rateLimited('微信登录太频繁，请稍后再试');
    case 40226:
      return appError(403, 'wechat_user_blocked', '该微信账号存在风险，暂时无法登录');
    case -1:
      return unavailable('微信服务暂时无法连接，请稍后再试');
    default:
      return unavailable('微信登录失败，请稍后再试');
  }
}

export default [
  route({
    method: 'get',
    path: '/api/v1/auth/options',
    summary: '登录方式',
    description: 'Whether the H5 phone-form (dev) login is available.',
    tags: ['auth'],
    auth: 'public',
    response: AuthOptions,
    handler: ({ deps }) => ({ devLogin: devLoginEnabled(deps) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/auth/wechat',
    summary: '微信登录',
    description: 'Exchanges a wx.login code with WeChat sns/jscode2session and signs the user in (new users become residents).',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    body: WechatLoginBody,
    response: TokenResponse,
    handler: async ({ body, deps, ctx }) => {
      let session;
      try {
        session = await deps.wechat.code2Session(body.code);
      } catch (e) {
        if (e instanceof WechatError) {
          deps.logger.warn({ errcode: e.errcode, requestId: ctx.state.requestId }, 'jscode2session failed');
          throw mapWechatError(e);
        }
        throw e;
      }
      const user = await findOrCreateByOpenid(deps, session.openid, session.unionid);
      return signIn(deps, ctx, user, 'wechat');
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/auth/dev',
    summary: '手机号登录（开发/演示）',
    description: 'Only when DEV_LOGIN=1 and NODE_ENV is not production; otherwise 404. An unknown phone becomes a new resident.',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    body: DevLoginBody,
    response: TokenResponse,
    handler: async ({ body, deps, ctx }) => {
      if (!devLoginEnabled(deps)) throw notFound('接口不存在');
      const user = await findOrCreateByPhone(deps, body.phone);
      return signIn(deps, ctx, user, 'dev');
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: '刷新登录凭证',
    description: 'Rotates the refresh token. A refresh token that was already used revokes the whole login.',
    tags: ['auth'],
    auth: 'public',
    rateLimit: 'auth',
    body: RefreshBody,
    response: TokenResponse,
    handler: async ({ body, deps }) => {
      const pair = await rotateRefresh(deps, body.refreshToken);
      const user = await presentMe(deps, pair.userId);
      if (!user) throw unauthorized();
      return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, expiresIn: pair.expiresIn, user };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: '退出登录',
    description: 'Ends the login of the bearer token: its refresh token and access tokens stop working.',
    tags: ['auth'],
    rateLimit: 'auth',
    body: LogoutBody,
    status: 204,
    handler: async ({ user, deps, ctx }) => {
      await endSession(deps, user.sessionId);
      await audit(deps.db, { actorId: user.id, action: 'auth.logout', targetType: 'session', targetId: user.sessionId, ...requestFacts(ctx) });
    },
  }),
];
