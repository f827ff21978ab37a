import { eq } from 'drizzle-orm';
import { users, volunteerComplexes, volunteers } from '../../db/schema';
import { dashboardFactory } from '../../../test/support/dashboard';
import { buildResident, buildUser, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { submitOpinion } from '../../../test/support/opinions';

let t: TestServer;
afterAll(() => t.close());

describe('GET /api/v1/workbench/todo', () => {
  it('counts what waits in the caller’s complexes only; 401 / 403', async () => {
    t = await startTestServer();
    const f = dashboardFactory(t);
    const S = await f.street('待办');
    const A = await f.complex(S);
    const B = await f.complex(S);
    const worker = await buildWorker(t, [A]);
    const streetAdmin = await buildUser(t, { role: 'street_admin' });
    await t.deps.db.update(users).set({ streetId: S }).where(eq(users.id, streetAdmin.id));
    const u = await f.user();
    t.clock.set('2031-09-10T10:00:00+08:00');
    const todo = async (token?: string) => t.api('GET', '/api/v1/workbench/todo', { token });

    expect((await todo()).status).toBe(401);
    expect((await todo((await buildResident(t)).token)).status).toBe(403);
    const empty = await todo(worker.token);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ opinionsToAccept: 0, opinionsOverdue: 0, careRequestsOpen: 0, volunteerHoursToApprove: 0, registrationsToReview: 0, alertsOpen: 0, milestonesOverdue: 0 });

    // A: one waiting in time, one waiting late, one accepted and late to answer, one done
    await f.opinion(A, u, { status: 'submitted', submittedAt: '2031-09-09T10:00:00+08:00', acceptDueAt: '2031-09-11T10:00:00+08:00' });
    await f.opinion(A, u, { status: 'submitted', submittedAt: '2031-09-01T10:00:00+08:00', acceptDueAt: '2031-09-03T10:00:00+08:00' });
    await f.opinion(A, u, { status: 'accepted', submittedAt: '2031-08-01T10:00:00+08:00', acceptDueAt: '2031-08-03T10:00:00+08:00', acceptedAt: '2031-08-02T10:00:00+08:00', replyDueAt: '2031-08-17T10:00:00+08:00' });
    await f.opinion(A, u, { status: 'closed', submittedAt: '2031-08-01T10:00:00+08:00' });
    await f.care(A, u, '2031-09-10T09:00:00+08:00');
    await f.care(A, u, '2031-09-09T09:00:00+08:00', { stars: 5, at: '2031-09-09T12:00:00+08:00' });
    await f.volunteer(A, '2031-09-09T09:00:00+08:00', u, [{ userId: u }, { userId: worker.id, approvedMinutes: 60 }]);
    const [v] = await t.deps.db.insert(volunteers).values({ userId: u, realName: '测试', skills: [], agreementVersion: 'v1', agreedAt: new Date() }).$returningId();
    await t.deps.db.insert(volunteerComplexes).values({ volunteerId: v.id, complexId: A, status: 'pending' });
    // B: not this worker's
    await f.opinion(B, u, { status: 'submitted', submittedAt: '2031-09-09T10:00:00+08:00', acceptDueAt: '2031-09-11T10:00:00+08:00' });
    await f.care(B, u, '2031-09-10T09:00:00+08:00');

    expect((await todo(worker.token)).body).toEqual({ opinionsToAccept: 2, opinionsOverdue: 2, careRequestsOpen: 1, volunteerHoursToApprove: 1, registrationsToReview: 1, alertsOpen: 0, milestonesOverdue: 0 });
    // the street admin sees both complexes of the street
    expect((await todo(streetAdmin.token)).body).toMatchObject({ opinionsToAccept: 3, opinionsOverdue: 2, careRequestsOpen: 2 });
  });

  it('a resident’s new opinion raises opinionsToAccept for the complex’s worker', async () => {
    t.clock.set(null);
    const worker = await buildWorker(t, [3]);
    const before = (await t.api('GET', '/api/v1/workbench/todo', { token: worker.token })).body.opinionsToAccept;
    const r = await t.api('POST', '/api/v1/auth/wechat', { body: { code: `todo_${Date.now()}` } });
    await submitOpinion(t, r.body.accessToken, { complexId: 3 });
    expect((await t.api('GET', '/api/v1/workbench/todo', { token: worker.token })).body.opinionsToAccept).toBe(before + 1);
  });
});
