import { buildResident, buildStreetAdmin, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

/**
 * 三级联动: a street admin (street 1 = 文新街道, complexes 1 and 2) does what a worker does at every
 * complex of their street — and meets the same refusals as a worker elsewhere: 401 without a
 * token, 403 for a resident and for a complex outside the street (complex 3 is in 北山街道).
 */
let t: TestServer;
let sa: { id: number; token: string };
let resident: { token: string };
beforeAll(async () => {
  t = await startTestServer();
  t.clock.set('2026-12-01T09:00:00+08:00');
  sa = await buildStreetAdmin(t, 1);
  resident = await buildResident(t);
});
afterAll(() => t.close());

const refusals = async (call: (token?: string) => Promise<{ status: number }>, otherStreet: (token?: string) => Promise<{ status: number }>) => {
  expect((await call(undefined)).status).toBe(401);
  expect((await call(resident.token)).status).toBe(403);
  expect((await otherStreet(sa.token)).status).toBe(403);
  // as strict as before for a worker: only the complexes they work for
  expect((await call((await buildWorker(t, [3])).token)).status).toBe(403);
};

describe('street admin scope, one staff endpoint per family', () => {
  it('booking: publishes activities at their street\'s complexes', async () => {
    const body = (complexId: number) => ({ complexId, title: '街道健康讲座', startAt: '2026-12-10T01:00:00Z', endAt: '2026-12-10T02:00:00Z', capacity: 20 });
    const post = (complexId: number) => (token?: string) => t.api('POST', '/api/v1/activities', { token, body: body(complexId) });
    await refusals(post(2), post(3));
    expect((await post(1)(sa.token)).status).toBe(201);
    const ok = await post(2)(sa.token);
    expect(ok.status).toBe(201);
    const managed = await t.api('GET', '/api/v1/activities?manage=1&limit=100', { token: sa.token });
    expect(managed.status).toBe(200);
    expect(new Set(managed.body.items.map((a: any) => a.complexId))).not.toContain(3);
  });

  it('opinions: the inbox of their street\'s complexes', async () => {
    const inbox = (complexId: number) => (token?: string) => t.api('GET', `/api/v1/workbench/opinions?complexId=${complexId}`, { token });
    await refusals(inbox(2), inbox(3));
    expect((await inbox(2)(sa.token)).status).toBe(200);
    const all = await t.api('GET', '/api/v1/workbench/opinions?limit=100', { token: sa.token });
    expect(all.status).toBe(200);
    expect(all.body.items.every((o: any) => [1, 2].includes(o.complexId))).toBe(true);
  });

  it('care: the queue of their street\'s complexes', async () => {
    const queue = (complexId: number) => (token?: string) => t.api('GET', `/api/v1/care/queue?complexId=${complexId}`, { token });
    await refusals(queue(1), queue(3));
    expect((await queue(1)(sa.token)).status).toBe(200);
    const all = await t.api('GET', '/api/v1/care/queue?status=all', { token: sa.token });
    expect(all.status).toBe(200);
    expect(all.body.items.every((r: any) => [1, 2].includes(r.complexId))).toBe(true);
  });

  it('volunteer: registration applications of their street\'s complexes', async () => {
    const apps = (complexId: number) => (token?: string) => t.api('GET', `/api/v1/volunteer/applications?complexId=${complexId}`, { token });
    await refusals(apps(2), apps(3));
    expect((await apps(2)(sa.token)).status).toBe(200);
    const all = await t.api('GET', '/api/v1/volunteer/applications', { token: sa.token });
    expect(all.status).toBe(200);
    expect(all.body.items.every((a: any) => [1, 2].includes(a.complexId))).toBe(true);
  });

  it('rewards: the catalogue of their street\'s complexes', async () => {
    let n = 0;
    const create = (complexId: number) => (token?: string) =>
      t.api('POST', '/api/v1/rewards', { token, body: { complexId, kind: 'goods', name: `街道兑换券 ${++n}`, pointsCost: 20, stock: 5, perUserLimit: 0 } });
    await refusals(create(2), create(3));
    expect((await create(2)(sa.token)).status).toBe(201);
  });
});
