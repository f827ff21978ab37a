import { startTestServer, uniquePhone, type TestServer } from '../../../test/support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('/me', () => {
  it('401 without a token', async () => {
    expect((await t.api('GET', '/api/v1/me')).status).toBe(401);
    expect((await t.api('PATCH', '/api/v1/me', { body: { elderMode: true } })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/me/privacy-consent', { body: { version: '2026-11' } })).status).toBe(401);
  });

  it('shows the API.md fields for each demo role', async () => {
    for (const [phone, role] of [
      ['13900000001', 'district_admin'],
      ['13900000002', 'worker'],
      ['13900000003', 'branch_admin'],
    ] as const) {
      const { token } = await t.login(phone);
      const me = await t.api('GET', '/api/v1/me', { token });
      expect(me.body).toMatchObject({ role, phoneMasked: `139****${phone.slice(-4)}`, elderMode: false, isVolunteer: false, pointsBalance: 0 });
    }
    const { token } = await t.login('13900000003');
    expect((await t.api('GET', '/api/v1/me', { token })).body.branchId).toBe(1);
  });

  it('remembers elder mode and the birth date (age), and rejects unknown fields', async () => {
    const { token } = await t.login(uniquePhone());
    const r = await t.api('PATCH', '/api/v1/me', { token, body: { elderMode: true, birthDate: '1950-05-01', elderModeOffered: true } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ elderMode: true, elderModeOffered: true });
    expect(r.body.age).toBeGreaterThanOrEqual(76);
    expect((await t.api('GET', '/api/v1/me', { token })).body.elderMode).toBe(true);
    const bad = await t.api('PATCH', '/api/v1/me', { token, body: { role: 'district_admin' } });
    expect(bad.status).toBe(422);
    const future = await t.api('PATCH', '/api/v1/me', { token, body: { birthDate: '2999-01-01' } });
    expect(future.status).toBe(422);
    expect((await t.api('GET', '/api/v1/me', { token })).body.role).toBe('resident');
  });

  it('records privacy consent with version and time, once per version', async () => {
    const { token } = await t.login(uniquePhone());
    const a = await t.api('POST', '/api/v1/me/privacy-consent', { token, body: { version: '2026-11' } });
    expect(a.status).toBe(201);
    expect(a.body.version).toBe('2026-11');
    expect(Date.parse(a.body.acceptedAt)).not.toBeNaN();
    const b = await t.api('POST', '/api/v1/me/privacy-consent', { token, body: { version: '2026-11' } });
    expect(b.body.acceptedAt).toBe(a.body.acceptedAt);
    expect((await t.api('GET', '/api/v1/me', { token })).body.privacyConsentVersion).toBe('2026-11');
  });

  it('has an empty message centre and 404s marking someone else’s message', async () => {
    const { token } = await t.login(uniquePhone());
    const r = await t.api('GET', '/api/v1/me/notifications', { token });
    expect(r.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    expect((await t.api('POST', '/api/v1/me/notifications/999999/read', { token })).status).toBe(404);
  });

  it('shows an empty points ledger', async () => {
    const { token } = await t.login(uniquePhone());
    expect((await t.api('GET', '/api/v1/me/points', { token })).body).toEqual({ balance: 0, held: 0, available: 0, items: [], nextCursor: null });
  });
});
