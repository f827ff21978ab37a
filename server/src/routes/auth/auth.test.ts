import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { eq } from 'drizzle-orm';
import { AUDIENCE, ISSUER } from '../../domain/auth/tokens';
import { auditLogs, users } from '../../db/schema';
import { startTestServer, uniquePhone, type TestServer } from '../../../test/support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const secret = () => createSecretKey(Buffer.from(t.deps.config.JWT_SECRET));

describe('dev login', () => {
  it('signs in a seeded worker and a new resident; phones only masked', async () => {
    const r = await t.api('POST', '/api/v1/auth/dev', { body: { phone: '13900000002' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ expiresIn: 900, user: { role: 'worker', phoneMasked: '139****0002', complexIds: [1] } });
    expect(typeof r.body.accessToken).toBe('string');
    expect(typeof r.body.refreshToken).toBe('string');
    const phone = uniquePhone();
    const n = await t.api('POST', '/api/v1/auth/dev', { body: { phone } });
    expect(n.body.user.role).toBe('resident');
    expect(JSON.stringify(n.body)).not.toContain(phone);
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, n.body.user.id));
    expect(JSON.stringify(row)).not.toContain(phone);
    const me = await t.api('GET', '/api/v1/me', { token: n.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
  });

  it('records sign-ins in the audit log', async () => {
    const { user } = await t.login(uniquePhone());
    const rows = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.actorId, user.id));
    expect(rows.map((r) => r.action)).toContain('auth.login.dev');
  });

  it('rejects a bad phone with field details', async () => {
    const r = await t.api('POST', '/api/v1/auth/dev', { body: { phone: '12345' } });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'validation_failed', details: { fields: { phone: expect.any(String) } } });
  });

  it('is 404 when DEV_LOGIN is off and in production mode', async () => {
    const off = await startTestServer({ DEV_LOGIN: '0' });
    const prod = await startTestServer({ NODE_ENV: 'production', DEV_LOGIN: '1' });
    try {
      for (const s of [off, prod]) {
        const r = await s.api('POST', '/api/v1/auth/dev', { body: { phone: '13900000001' } });
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('not_found');
        expect((await s.api('GET', '/api/v1/auth/options')).body.devLogin).toBe(false);
      }
    } finally {
      await off.close();
      await prod.close();
    }
  });
});

describe('WeChat login against the stand-in', () => {
  it('exchanges the code with jscode2session and creates one resident per openid', async () => {
    const a = await t.api('POST', '/api/v1/auth/wechat', { body: { code: 'code-alice' } });
    expect(a.status).toBe(200);
    expect(a.body.user.role).toBe('resident');
    const again = await t.api('POST', '/api/v1/auth/wechat', { body: { code: 'code-alice' } });
    expect(again.body.user.id).toBe(a.body.user.id);
    const call = t.wechat.calls.find((c) => c.path === '/sns/jscode2session');
    expect(call?.query).toMatchObject({ appid: 'wx_test_appid', secret: 'wx_test_secret', js_code: 'code-alice', grant_type: 'authorization_code' });
    expect(JSON.stringify(a.body)).not.toContain('session_key');
  });

  it.each([
    ['bad-code', 401, 'wechat_code_invalid'],
    ['busy-code', 429, 'rate_limited'],
    ['blocked-code', 403, 'wechat_user_blocked'],
    ['slow-code', 503, 'unavailable'],
    ['garbage-code', 503, 'unavailable'],
  ])('maps %s to %i %s', async (code, status, errorCode) => {
    const r = await t.api('POST', '/api/v1/auth/wechat', { body: { code } });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(errorCode);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('is unavailable when the appsecret is wrong (WeChat 40125), without leaking it', async () => {
    const s = await startTestServer({ WECHAT_SECRET: 'wrong' });
    try {
      const r = await s.api('POST', '/api/v1/auth/wechat', { body: { code: 'code-x' } });
      expect(r.status).toBe(503);
      expect(JSON.stringify(r.body)).not.toContain('wrong');
    } finally {
      await s.close();
    }
  });
});

describe('access tokens', () => {
  const sign = (payload: object, opts: jwt.SignOptions, key: jwt.Secret = secret()) => jwt.sign(payload, key, opts);
  let sid: number;
  let uid: string;
  beforeAll(async () => {
    const r = await t.login(uniquePhone());
    const decoded = jwt.decode(r.token) as jwt.JwtPayload;
    sid = decoded.sid;
    uid = decoded.sub!;
  });

  it('accepts a well-formed token', async () => {
    const tok = sign({ role: 'resident', sid }, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, subject: uid, expiresIn: 60 });
    expect((await t.api('GET', '/api/v1/me', { token: tok })).status).toBe(200);
  });

  it.each([
    ['expired', () => sign({ role: 'resident', sid }, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, subject: uid, expiresIn: -10 })],
    ['wrong audience', () => sign({ role: 'resident', sid }, { algorithm: 'HS256', issuer: ISSUER, audience: 'someone-else', subject: uid, expiresIn: 60 })],
    ['wrong issuer', () => sign({ role: 'resident', sid }, { algorithm: 'HS256', issuer: 'evil', audience: AUDIENCE, subject: uid, expiresIn: 60 })],
    ['wrong secret', () => sign({ role: 'resident', sid }, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, subject: uid, expiresIn: 60 }, 'x'.repeat(40))],
    [
      'alg none',
      () => {
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'district_admin', sid, sub: uid, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 60 })}.`;
      },
    ],
    [
      'tampered payload',
      () => {
        const good = sign({ role: 'resident', sid }, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, subject: uid, expiresIn: 60 });
        const [h, , s] = good.split('.');
        const evil = Buffer.from(JSON.stringify({ role: 'district_admin', sid, sub: uid, iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
        return `${h}.${evil}.${s}`;
      },
    ],
    ['HS512 instead of HS256', () => sign({ role: 'resident', sid }, { algorithm: 'HS512', issuer: ISSUER, audience: AUDIENCE, subject: uid, expiresIn: 60 })],
  ])('rejects a token that is %s', async (_name, make) => {
    const r = await t.api('GET', '/api/v1/me', { token: make() });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('unauthorized');
  });

  it('rejects a missing or malformed Authorization header', async () => {
    expect((await t.api('GET', '/api/v1/me')).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });
});

describe('refresh tokens', () => {
  it('rotates: the new pair works and the old refresh token is spent', async () => {
    const first = await t.login(uniquePhone());
    const r1 = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(first.refreshToken);
    expect((await t.api('GET', '/api/v1/me', { token: r1.body.accessToken })).status).toBe(200);
    const r2 = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(r2.status).toBe(200);
  });

  it('detects reuse: presenting a used token revokes every token of that login', async () => {
    const first = await t.login(uniquePhone());
    const rotated = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    const reuse = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    // the thief's and the owner's tokens of that login are all dead now
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me', { token: rotated.body.accessToken })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me', { token: first.token })).status).toBe(401);
    // another login of the same person is unaffected
    const other = await t.login(uniquePhone());
    expect((await t.api('GET', '/api/v1/me', { token: other.token })).status).toBe(200);
  });

  it('rotates exactly once when the same token is presented twice at once', async () => {
    const first = await t.login(uniquePhone());
    const rs = await Promise.all([1, 2, 3].map(() => t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } })));
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('rejects an unknown or expired refresh token', async () => {
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'x'.repeat(43) } })).status).toBe(401);
    const s = await t.login(uniquePhone());
    t.clock.set(new Date(Date.now() + 31 * 86400_000));
    try {
      expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    } finally {
      t.clock.set(null);
    }
  });
});

describe('logout', () => {
  it('ends the login: 204, then neither the refresh nor the access token works', async () => {
    const s = await t.login(uniquePhone());
    expect((await t.api('POST', '/api/v1/auth/logout', { token: s.token })).status).toBe(204);
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me', { token: s.token })).status).toBe(401);
  });
  it('needs a signed-in user', async () => {
    expect((await t.api('POST', '/api/v1/auth/logout')).status).toBe(401);
  });
});

describe('rate limit on the auth endpoints', () => {
  it('answers 429 rate_limited past AUTH_RATE_LIMIT per minute, and 0 turns it off', async () => {
    const s = await startTestServer({ AUTH_RATE_LIMIT: '3' });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await s.api('POST', '/api/v1/auth/dev', { body: { phone: '13900000001' } })).status);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const last = await s.api('POST', '/api/v1/auth/wechat', { body: { code: 'c' } });
      expect(last.body.error.code).toBe('rate_limited');
      // other endpoints are not limited
      expect((await s.api('GET', '/api/v1/streets')).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
