import { and, eq } from 'drizzle-orm';
import { auditLogs, complexes } from '../../db/schema';
import { buildDistrictAdmin, buildResident, buildStreetAdmin, buildWorker } from '../../../test/support/factories';
import { startTestServer, uniquePhone, type TestServer } from '../../../test/support/harness';

let t: TestServer;
let admin: { id: number; token: string };
let streetAdmin: { id: number; token: string };
let c3: number;
beforeAll(async () => {
  t = await startTestServer();
  admin = await buildDistrictAdmin(t);
  streetAdmin = await buildStreetAdmin(t, 1); // 文新街道: complexes 1, 2
  c3 = (await t.deps.db.select().from(complexes).where(eq(complexes.id, 3)))[0].id;
});
afterAll(() => t.close());

const add = (token: string | undefined, body: Record<string, unknown>) => t.api('POST', '/api/v1/staff', { token, body });

describe('staff management (人员管理)', () => {
  it('adds a worker by phone, changes their complexes, removes them — refused at once', async () => {
    const phone = uniquePhone();
    expect((await add(undefined, { phone, role: 'worker', complexIds: [1] })).status).toBe(401);
    expect((await add((await buildResident(t)).token, { phone, role: 'worker', complexIds: [1] })).status).toBe(403);
    expect((await add((await buildWorker(t, [1])).token, { phone, role: 'worker', complexIds: [1] })).status).toBe(403);
    expect((await add(admin.token, { phone, role: 'worker', complexIds: [] })).status).toBe(422);
    expect((await add(admin.token, { phone: '123', role: 'worker', complexIds: [1] })).status).toBe(422);

    const added = await add(admin.token, { phone, role: 'worker', complexIds: [1, 2], realName: '王小明' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ role: 'worker', complexIds: [1, 2], name: '王小明' });
    const w = await t.login(phone);
    expect(w.user.role).toBe('worker');
    const publish = (complexId: number) =>
      t.api('POST', '/api/v1/activities', { token: w.token, body: { complexId, title: '新人活动', startAt: '2026-12-20T01:00:00Z', endAt: '2026-12-20T02:00:00Z', capacity: 5 } });
    expect((await publish(2)).status).toBe(201);

    // the staff list of the complex shows them and the street's admin
    const list = await t.api('GET', '/api/v1/complexes/2/staff', { token: streetAdmin.token });
    expect(list.body.items.map((s: any) => s.userId)).toEqual(expect.arrayContaining([added.body.userId, streetAdmin.id]));
    expect((await t.api('GET', '/api/v1/complexes/2/staff', { token: (await buildWorker(t, [3])).token })).status).toBe(403);

    // change their complexes: complex 2 is gone at once
    const changed = await t.api('PATCH', `/api/v1/staff/${added.body.userId}`, { token: admin.token, body: { complexIds: [1] } });
    expect(changed.body.complexIds).toEqual([1]);
    expect((await publish(2)).status).toBe(403);

    // remove: the very next request with the old token is refused, and so is its refresh
    const removed = await t.api('DELETE', `/api/v1/staff/${added.body.userId}`, { token: admin.token });
    expect(removed.body).toMatchObject({ role: 'resident', sessionsRevoked: true });
    expect((await publish(1)).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me', { token: w.token })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: w.refreshToken } })).status).toBe(401);
    expect((await t.login(phone)).user.role).toBe('resident');

    const actions = (await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.targetType, 'user'), eq(auditLogs.targetId, String(added.body.userId))))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.add', 'staff.change', 'staff.remove']));
  });

  it('a street admin staffs only their street; district admins appoint street admins', async () => {
    const phone = uniquePhone();
    expect((await add(streetAdmin.token, { phone, role: 'worker', complexIds: [c3] })).status).toBe(403);
    expect((await add(streetAdmin.token, { phone, role: 'worker', complexIds: [1, c3] })).status).toBe(403);
    const ok = await add(streetAdmin.token, { phone, role: 'worker', complexIds: [2] });
    expect(ok.status).toBe(201);
    // a worker of two streets: the street admin takes away only their street's complex
    await add(admin.token, { phone, role: 'worker', complexIds: [c3] });
    const other = await buildStreetAdmin(t, 2);
    expect((await t.api('PATCH', `/api/v1/staff/${ok.body.userId}`, { token: other.token, body: { complexIds: [1] } })).status).toBe(403);
    const partly = await t.api('DELETE', `/api/v1/staff/${ok.body.userId}`, { token: streetAdmin.token });
    expect(partly.body).toMatchObject({ role: 'worker', removedComplexIds: [2], sessionsRevoked: false });

    const sa = await add(admin.token, { phone: uniquePhone(), role: 'street_admin', streetId: 2 });
    expect(sa.body).toMatchObject({ role: 'street_admin', streetId: 2 });
    expect((await add(streetAdmin.token, { phone: uniquePhone(), role: 'street_admin', streetId: 2 })).status).toBe(403);
    // another staff role is a conflict, not a silent change
    expect((await add(admin.token, { phone: '13900000003', role: 'worker', complexIds: [1] })).body.error.code).toBe('role_conflict');
    expect((await t.api('DELETE', `/api/v1/staff/${streetAdmin.id}`, { token: streetAdmin.token })).status).toBe(403);
  });
});
