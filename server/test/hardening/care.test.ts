import { and, eq } from 'drizzle-orm';
import { notifications, users } from '../../src/db/schema';
import { buildResident, buildWorker } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';
import { buildVolunteer } from '../support/volunteer';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const ADDRESS = '文新街道阳光社区 9 幢 201';
const step = (who: { token: string }, id: number, s: string, body: Record<string, unknown> = {}) =>
  t.api('POST', `/api/v1/care-requests/${id}/${s}`, { token: who.token, body });

describe('care jobs go only to approved volunteers of the complex or its staff, who see only what the job needs', () => {
  it('refuses strangers, pending volunteers and volunteers of another complex; an approved volunteer sees the job, not the family', async () => {
    const senior = await buildResident(t);
    await t.deps.db.update(users).set({ homeComplexId: 1, address: ADDRESS, realName: '王秀英' }).where(eq(users.id, senior.id));
    const family = await buildResident(t);
    const code = (await t.api('POST', '/api/v1/family/link-codes', { token: senior.token, body: {} })).body.code;
    expect((await t.api('POST', '/api/v1/family/links', { token: family.token, body: { seniorPhone: senior.phone, relation: '女儿', code } })).body.status).toBe('linked');
    const worker = await buildWorker(t, [1]);
    const created = await t.api('POST', '/api/v1/care-requests', { token: family.token, body: { kind: 'meal', seniorId: senior.id, note: '独居，午饭送到家' } });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect((await step(worker, id, 'accept')).status).toBe(200);

    const stranger = await buildResident(t);
    const otherComplex = await buildVolunteer(t, 2, '赵其他');
    const pending = await buildResident(t);
    const reg = await t.api('POST', '/api/v1/volunteer/registrations', {
      token: pending.token,
      body: { realName: '钱待审', skills: ['elder_care'], complexIds: [1], agreementAccepted: true, agreementVersion: '2026-11' },
    });
    expect(reg.status).toBe(201);
    for (const who of [stranger, otherComplex, pending]) {
      const r = await step(worker, id, 'assign', { assigneeId: who.id });
      expect(r.status).toBe(422);
      expect(r.body.error.details.fields).toHaveProperty('assigneeId');
    }
    // the one who tried cannot dispatch either: 401 / 403
    expect((await t.api('POST', `/api/v1/care-requests/${id}/assign`, { body: { assigneeId: stranger.id } })).status).toBe(401);
    expect((await step(stranger, id, 'assign', { assigneeId: stranger.id })).status).toBe(404);

    const volunteer = await buildVolunteer(t, 1, '孙志愿');
    expect((await step(worker, id, 'assign', { assigneeId: volunteer.id })).status).toBe(200);
    const [notice] = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, volunteer.id), eq(notifications.kind, 'care_task')));
    expect(notice.body).not.toContain(ADDRESS);

    const job = await t.api('GET', `/api/v1/care-requests/${id}`, { token: volunteer.token });
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ kind: 'meal', address: ADDRESS, note: '独居，午饭送到家', onBehalf: false });
    expect(job.body.senior.realName).toBeNull();
    expect(job.body.requestedBy.id).toBe(senior.id);
    expect(job.body.phone).toContain('****');
    expect(JSON.stringify(job.body)).not.toContain(`"id":${family.id},`);
    // staff still see everything
    const staffView = await t.api('GET', `/api/v1/care-requests/${id}`, { token: worker.token });
    expect(staffView.body).toMatchObject({ onBehalf: true, requestedBy: { id: family.id } });
    expect(staffView.body.senior.realName).toBe('王秀英');

    expect((await step(volunteer, id, 'start')).status).toBe(200);
    expect((await step(volunteer, id, 'complete')).status).toBe(200);
    const after = await t.api('GET', `/api/v1/care-requests/${id}`, { token: volunteer.token });
    expect(after.body.address).not.toContain(ADDRESS);
    expect(after.body.note).toBe('');
    expect(after.body.phone).toBeNull();
  });
});
