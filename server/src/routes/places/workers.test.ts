import { buildDistrictAdmin, buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('GET /api/v1/complexes/:id/workers (pick whom to assign an opinion to)', () => {
  it('lists the workers of the complex, names and masked phones only, for its staff and district admins', async () => {
    const mine = await buildWorker(t, [1]);
    const elsewhere = await buildWorker(t, [2]);
    const r = await t.api('GET', '/api/v1/complexes/1/workers', { token: mine.token });
    expect(r.status).toBe(200);
    const ids = r.body.items.map((w: any) => w.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(elsewhere.id);
    const me = r.body.items.find((w: any) => w.id === mine.id);
    expect(Object.keys(me).sort()).toEqual(['id', 'name', 'phoneMasked']);
    expect(me.name).toEqual(expect.any(String));
    expect(me.phoneMasked).not.toContain(mine.phone.slice(3, 7));
    expect(me.phoneMasked).toMatch(/\*/);
    const admin = await buildDistrictAdmin(t);
    const all = await t.api('GET', '/api/v1/complexes/1/workers', { token: admin.token });
    expect(all.status).toBe(200);
    expect(all.body.items.map((w: any) => w.id)).toEqual(ids);
  });

  it('is 401 without a token, 403 for residents and workers of other complexes, 404 for an unknown complex', async () => {
    expect((await t.api('GET', '/api/v1/complexes/1/workers')).status).toBe(401);
    expect((await t.api('GET', '/api/v1/complexes/1/workers', { token: (await buildResident(t)).token })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/complexes/1/workers', { token: (await buildWorker(t, [2])).token })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/complexes/999999/workers', { token: (await buildDistrictAdmin(t)).token })).status).toBe(404);
  });
});
