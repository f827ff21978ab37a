import { allRoutes } from '../src/routes';
import { ConfigError, loadConfig } from '../src/config';
import { VOLUNTEER_AGREEMENT_VERSION, VOLUNTEER_SKILLS } from '../../shared/volunteer';
import { startTestServer, uniquePhone, type TestServer } from './support/harness';

const opinion = (n: number) => ({ category: '环境卫生', title: `配额${n}`, content: `第${n}条：楼道灯坏了需要维修`, complexId: 1 });

describe('write quotas', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ WRITE_QUOTA_PER_ACCOUNT: '3', WRITE_QUOTA_PER_ADDRESS: '1000', WRITE_QUOTA_WINDOW: '600' });
  });
  afterAll(() => t.close());

  it('every write that creates content declares the content quota', () => {
    const creating = ['POST /api/v1/opinions', 'POST /api/v1/opinions/:id/photos', 'POST /api/v1/family/links', 'POST /api/v1/care-requests', 'POST /api/v1/volunteer/registrations'];
    const byName = new Map(allRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r]));
    for (const name of creating) expect([name, byName.get(name)?.quota]).toEqual([name, 'content']);
  });

  it('stops one account after its quota with 429 rate_limited, Retry-After and a Chinese message; others go on', async () => {
    const a = await t.login(uniquePhone());
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await t.api('POST', '/api/v1/opinions', { token: a.token, body: opinion(i) })).status);
    expect(codes).toEqual([201, 201, 201, 429, 429]);
    const over = await t.api('POST', '/api/v1/opinions', { token: a.token, body: opinion(9) });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('rate_limited');
    expect(over.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const retry = Number(over.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(600);
    // Nothing was stored past the quota.
    const mine = await t.api('GET', '/api/v1/me/opinions', { token: a.token });
    expect(mine.body.items).toHaveLength(3);
    // A typo costs nothing: invalid input is refused before the quota is touched.
    const b = await t.login(uniquePhone());
    for (let i = 0; i < 4; i++) expect((await t.api('POST', '/api/v1/opinions', { token: b.token, body: { title: '' } })).status).toBe(422);
    expect((await t.api('POST', '/api/v1/opinions', { token: b.token, body: opinion(1) })).status).toBe(201);
  });

  it('holds on photos, link requests, care requests and volunteer registrations (one shared content budget)', async () => {
    const calls: Array<[string, unknown]> = [
      ['/api/v1/opinions/999999/photos', undefined],
      ['/api/v1/family/links', { seniorPhone: uniquePhone(), relation: '女儿' }],
      ['/api/v1/care-requests', { kind: 'visit', note: '' }],
      ['/api/v1/volunteer/registrations', { realName: '王小明', skills: [VOLUNTEER_SKILLS[0]], complexIds: [1], agreementAccepted: true, agreementVersion: VOLUNTEER_AGREEMENT_VERSION }],
    ];
    for (const [path, body] of calls) {
      const u = await t.login(uniquePhone());
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await t.api('POST', path, { token: u.token, body, headers: body === undefined ? { 'content-type': 'image/jpeg' } : {} });
        statuses.push(r.status);
      }
      expect([path, statuses.slice(0, 3).every((s) => s !== 429), statuses[3]]).toEqual([path, true, 429]);
    }
  });

  it('limits one client address across accounts', async () => {
    const s = await startTestServer({ WRITE_QUOTA_PER_ACCOUNT: '100', WRITE_QUOTA_PER_ADDRESS: '4' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const u = await s.login(uniquePhone());
        codes.push((await s.api('POST', '/api/v1/opinions', { token: u.token, body: opinion(i) })).status);
      }
      expect(codes).toEqual([201, 201, 201, 201, 429, 429]);
    } finally {
      await s.close();
    }
  });
});

describe('auth rate limit on the same limiter', () => {
  it('answers 429 with Retry-After after AUTH_RATE_LIMIT requests a minute from one address', async () => {
    const s = await startTestServer({ AUTH_RATE_LIMIT: '3' });
    try {
      const codes: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await s.api('POST', '/api/v1/auth/dev', { body: { phone: uniquePhone() } });
        codes.push(last.status);
      }
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      expect(last!.body.error.code).toBe('rate_limited');
      expect(last!.body.error.message).toMatch(/登录请求太频繁/);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(last!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    } finally {
      await s.close();
    }
  });
});

describe('Idempotency-Key', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('the same key with a different body → 422 idempotency_key_reused; the same body → the first result', async () => {
    const u = await t.login(uniquePhone());
    const key = `reuse-${Date.now()}`;
    const first = await t.api('POST', '/api/v1/opinions', { token: u.token, body: opinion(1), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const again = await t.api('POST', '/api/v1/opinions', { token: u.token, body: { ...opinion(1) }, headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    // Field order does not make it a different request.
    const reordered = Object.fromEntries(Object.entries(opinion(1)).reverse());
    expect((await t.api('POST', '/api/v1/opinions', { token: u.token, body: reordered, headers: { 'idempotency-key': key } })).body.id).toBe(first.body.id);
    const other = await t.api('POST', '/api/v1/opinions', { token: u.token, body: opinion(2), headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(other.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const mine = await t.api('GET', '/api/v1/me/opinions', { token: u.token });
    expect(mine.body.items).toHaveLength(1);
  });
});

describe('dev login on a real address', () => {
  it('refuses to start on a non-loopback HOST unless DEV_LOGIN_ANY_HOST=1, in one line naming it', () => {
    for (const HOST of ['0.0.0.0', '192.168.1.20', '::']) {
      let msg = '';
      try {
        loadConfig({ DEV_LOGIN: '1', HOST });
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        msg = (e as Error).message;
      }
      expect(msg).toMatch(/^Invalid configuration: DEV_LOGIN: .*DEV_LOGIN_ANY_HOST=1/);
      expect(msg.split('\n')).toHaveLength(1);
    }
    expect(loadConfig({ DEV_LOGIN: '1', HOST: '0.0.0.0', DEV_LOGIN_ANY_HOST: '1' }).DEV_LOGIN).toBe(true);
    for (const HOST of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) expect(loadConfig({ DEV_LOGIN: '1', HOST }).HOST).toBe(HOST);
    expect(loadConfig({ DEV_LOGIN: '0', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });
});
