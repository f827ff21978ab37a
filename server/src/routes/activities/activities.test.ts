import { and, eq } from 'drizzle-orm';
import { auditLogs } from '../../db/schema';
import { createActivity } from '../../../test/support/booking';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

// Who may see and run an activity, through the routes' domain calls: 404 for what the caller may
// not see (unknown, someone else's draft), 403 for what they may see but do not run.
let t: TestServer;
let worker: { id: number; token: string };
let stranger: { id: number; token: string };
let resident: { id: number; token: string };
beforeAll(async () => {
  t = await startTestServer();
  worker = await buildWorker(t, [1]);
  stranger = await buildWorker(t, [2]);
  resident = await buildResident(t);
});
afterAll(() => t.close());

const exportRoster = (id: number, token?: string) =>
  fetch(`${t.url}/api/v1/activities/${id}/roster.xlsx`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const exportEntries = (id: number) =>
  t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'activity.roster_export'), eq(auditLogs.targetId, String(id))));

describe('activity access', () => {
  it('a draft is 404 for residents and other staff, and shown to those who run it', async () => {
    const d = await createActivity(t, worker.token, { title: '草稿访问', status: 'draft' });
    expect((await t.api('GET', `/api/v1/activities/${d.id}`, { token: resident.token })).status).toBe(404);
    expect((await t.api('GET', `/api/v1/activities/${d.id}/roster`, { token: stranger.token })).status).toBe(404);
    const mine = await t.api('GET', `/api/v1/activities/${d.id}`, { token: worker.token });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'draft', canManage: true, myBooking: null });
  });

  it('staff who do not run a published activity get 403 on its staff routes; unknown ids 404', async () => {
    const a = await createActivity(t, worker.token, { title: '他人活动' });
    expect((await t.api('GET', `/api/v1/activities/${a.id}`, { token: stranger.token })).body.canManage).toBe(false);
    for (const path of [`/api/v1/activities/${a.id}/roster`, `/api/v1/activities/${a.id}/checkin-code`]) {
      expect((await t.api('GET', path, { token: stranger.token })).status).toBe(403);
    }
    expect((await t.api('PATCH', `/api/v1/activities/${a.id}`, { token: stranger.token, body: { capacity: 20 } })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/activities/${a.id}/cancel`, { token: stranger.token, body: { reason: '不是我的' } })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/activities/999999/roster', { token: worker.token })).status).toBe(404);
    expect((await t.api('PATCH', '/api/v1/activities/999999', { token: worker.token, body: { capacity: 20 } })).status).toBe(404);
    const edited = await t.api('PATCH', `/api/v1/activities/${a.id}`, { token: worker.token, body: { capacity: 20 } });
    expect(edited.body).toMatchObject({ capacity: 20, complexName: expect.any(String), canManage: true, myBooking: null });
  });

  it('the roster download is audited by its spec, with the actor; a refused one leaves no entry', async () => {
    const a = await createActivity(t, worker.token, { title: '审计导出' });
    expect((await exportRoster(a.id)).status).toBe(401);
    expect((await exportRoster(a.id, resident.token)).status).toBe(403);
    expect((await exportRoster(a.id, stranger.token)).status).toBe(403);
    expect(await exportEntries(a.id)).toHaveLength(0);
    const ok = await exportRoster(a.id, worker.token);
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    const entries = await exportEntries(a.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: worker.id, targetType: 'activity' });
    expect(entries[0].requestId).toBeTruthy();
  });
});
