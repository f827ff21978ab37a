import { and, asc, eq } from 'drizzle-orm';
import { auditLogs, meetingSignups, pointsEntries } from '../../db/schema';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { submitOpinion } from '../../../test/support/opinions';

let t: TestServer;
let worker: { id: number; token: string };
let otherWorker: { id: number; token: string };
let resident: { id: number; token: string };

const NOW = '2027-01-11T09:00:00+08:00';
const START = '2027-01-12T14:00:00+08:00';
const END = '2027-01-12T16:00:00+08:00';

beforeAll(async () => {
  t = await startTestServer();
  t.clock.set(NOW);
  worker = await buildWorker(t, [1]);
  otherWorker = await buildWorker(t, [2]);
  resident = await buildResident(t);
});
afterAll(() => t.close());

/** The audit entries about one meeting, oldest first: [action, actor, detail]. */
const meetingAudit = async (id: number) =>
  (await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.targetType, 'meeting'), eq(auditLogs.targetId, String(id)))).orderBy(asc(auditLogs.id))).map((a) => [a.action, a.actorId, a.detail]);

const schedule = (token: string, over: Record<string, unknown> = {}) =>
  t.api('POST', '/api/v1/meetings', {
    token,
    body: { complexId: 1, type: 'roundtable', topic: '加装电梯怎么分摊', place: '阳光社区议事厅', startAt: START, endAt: END, capacity: 5, ...over },
  });

describe('round-table meetings', () => {
  it('are scheduled by the complex\'s staff only', async () => {
    expect((await t.api('POST', '/api/v1/meetings', { body: {} })).status).toBe(401);
    expect((await schedule(resident.token)).status).toBe(403);
    expect((await schedule(otherWorker.token)).status).toBe(403);
    const bad = await schedule(worker.token, { endAt: START, type: 'party' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(['type']);
    expect((await schedule(worker.token, { endAt: '2027-01-12T13:00:00+08:00' })).body.error.details.fields.endAt).toBeDefined();
    const ok = await schedule(worker.token);
    expect(ok.status).toBe(201);
    const d = await t.api('GET', `/api/v1/meetings/${ok.body.id}`);
    expect(d.body).toMatchObject({ typeLabel: '民意小圆桌', capacity: 5, signedCount: 0, signupOpen: true, agenda: [], canManage: false });
    const list = await t.api('GET', '/api/v1/meetings?complexId=1');
    expect(list.body.items.map((m: any) => m.id)).toContain(ok.body.id);
    expect(await meetingAudit(ok.body.id)).toEqual([['meeting.schedule', worker.id, { topic: '加装电梯怎么分摊', complexId: 1 }]]);
  });

  it('takes items off the agenda, each change audited once (refusals not at all)', async () => {
    const { body: m } = await schedule(worker.token);
    const item = await t.api('POST', `/api/v1/meetings/${m.id}/agenda`, { token: worker.token, body: { title: '楼道照明' } });
    expect(item.status).toBe(201);
    const remove = (token: string, itemId = item.body.id) => t.api('DELETE', `/api/v1/meetings/${m.id}/agenda/${itemId}`, { token });
    expect((await remove(otherWorker.token)).status).toBe(403);
    expect((await remove(worker.token)).status).toBe(204);
    expect((await remove(worker.token)).status).toBe(404);
    expect((await t.api('GET', `/api/v1/meetings/${m.id}`)).body.agenda).toEqual([]);
    expect(await meetingAudit(m.id)).toEqual([
      ['meeting.schedule', worker.id, { topic: '加装电梯怎么分摊', complexId: 1 }],
      ['meeting.agenda_add', worker.id, { itemId: item.body.id, opinionId: null }],
      ['meeting.agenda_remove', worker.id, { itemId: item.body.id }],
    ]);
  });

  it('fill exactly to capacity when many sign up at once, one seat per person', async () => {
    const { body } = await schedule(worker.token, { capacity: 5 });
    const people = await Promise.all(Array.from({ length: 12 }, () => buildResident(t)));
    const rs = await Promise.all([...people, people[0], people[0]].map((p) => t.api('POST', `/api/v1/meetings/${body.id}/signups`, { token: p.token })));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(5);
    const codes = rs.filter((r) => r.status === 409).map((r) => r.body.error.code);
    expect(codes.filter((c) => c === 'meeting_full').length + codes.filter((c) => c === 'already_signed_up').length).toBe(9);
    const d = await t.api('GET', `/api/v1/meetings/${body.id}`);
    const rows = await t.deps.db.select().from(meetingSignups).where(eq(meetingSignups.meetingId, body.id));
    expect([d.body.signedCount, rows.length, d.body.signupOpen]).toEqual([5, 5, false]);
    // A seat given back can be taken again.
    const holder = people.find((p) => rows.some((r) => r.userId === p.id))!;
    expect((await t.api('DELETE', `/api/v1/meetings/${body.id}/signups/me`, { token: holder.token })).status).toBe(204);
    const outsider = people.find((p) => !rows.some((r) => r.userId === p.id))!;
    expect((await t.api('POST', `/api/v1/meetings/${body.id}/signups`, { token: outsider.token })).status).toBe(201);
    expect((await t.api('GET', `/api/v1/meetings/${body.id}`)).body.signedCount).toBe(5);
  });

  it('checks in signed-up residents with the venue code, in the check-in window', async () => {
    const { body } = await schedule(worker.token);
    const walkIn = await buildResident(t);
    await t.api('POST', `/api/v1/meetings/${body.id}/signups`, { token: resident.token });
    expect((await t.api('GET', `/api/v1/meetings/${body.id}/venue-code`, { token: resident.token })).status).toBe(403);
    expect((await t.api('GET', `/api/v1/meetings/${body.id}/venue-code`, { token: otherWorker.token })).status).toBe(403);
    const early = (await t.api('GET', `/api/v1/meetings/${body.id}/venue-code`, { token: worker.token })).body.code;
    expect((await t.api('POST', `/api/v1/meetings/${body.id}/checkin`, { token: resident.token, body: { code: early } })).body.error.code).toBe('checkin_closed');
    t.clock.set('2027-01-12T13:30:00+08:00');
    try {
      const code = (await t.api('GET', `/api/v1/meetings/${body.id}/venue-code`, { token: worker.token })).body.code;
      expect((await t.api('POST', `/api/v1/meetings/${body.id}/checkin`, { token: resident.token, body: { code: code.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')) } })).body.error.code).toBe('invalid_code');
      expect((await t.api('POST', `/api/v1/meetings/${body.id + 1000}/checkin`, { token: resident.token, body: { code } })).body.error.code).toBe('invalid_code');
      expect((await t.api('POST', `/api/v1/meetings/${body.id}/checkin`, { token: walkIn.token, body: { code } })).body.error.code).toBe('not_signed_up');
      const ok = await t.api('POST', `/api/v1/meetings/${body.id}/checkin`, { token: resident.token, body: { code } });
      expect(ok.status).toBe(200);
      const again = await t.api('POST', `/api/v1/meetings/${body.id}/checkin`, { token: resident.token, body: { code } });
      expect(again.body.checkedInAt).toBe(ok.body.checkedInAt);
      t.clock.set('2027-01-12T13:31:30+08:00');
      expect((await t.api('POST', `/api/v1/meetings/${body.id}/checkin`, { token: resident.token, body: { code } })).body.error.code).toBe('invalid_code');
      expect((await t.api('GET', `/api/v1/meetings/${body.id}`, { token: resident.token })).body).toMatchObject({ checkedInCount: 1, mySignup: { checkedInAt: ok.body.checkedInAt } });
      expect((await t.api('POST', `/api/v1/meetings/${body.id}/signups`, { token: walkIn.token })).status).toBe(201);
      t.clock.set(START);
      expect((await t.api('POST', `/api/v1/meetings/${body.id}/signups`, { token: (await buildResident(t)).token })).body.error.code).toBe('signup_closed');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('builds an agenda from opinions and publishes minutes; an adopted opinion pays its submitter once', async () => {
    const author = await buildResident(t);
    const adopted = await submitOpinion(t, author.token, { title: '增设休息座椅' });
    const declined = await submitOpinion(t, author.token, { title: '广场舞音量' });
    const unaccepted = await submitOpinion(t, author.token);
    const elsewhere = await submitOpinion(t, author.token, { complexId: 2 });
    for (const id of [adopted, declined]) await t.api('POST', `/api/v1/opinions/${id}/accept`, { token: worker.token, body: {} });
    const { body: m } = await schedule(worker.token);
    const add = (body: unknown, token = worker.token) => t.api('POST', `/api/v1/meetings/${m.id}/agenda`, { token, body });
    expect((await add({ opinionId: adopted }, resident.token)).status).toBe(403);
    const a1 = await add({ opinionId: adopted });
    expect(a1.body).toMatchObject({ seq: 1, title: '增设休息座椅' });
    expect((await add({ opinionId: adopted })).body.error.code).toBe('already_on_agenda');
    expect((await add({ opinionId: unaccepted })).status).toBe(422);
    expect((await add({ opinionId: elsewhere })).status).toBe(422);
    const a2 = await add({ opinionId: declined });
    const a3 = await add({ title: '明年议事会安排' });
    expect(a3.body.seq).toBe(3);

    const minutes = (body: unknown) => t.api('POST', `/api/v1/meetings/${m.id}/minutes`, { token: worker.token, body });
    const decisions = [
      { itemId: a1.body.id, decision: 'adopted', note: '下月安装' },
      { itemId: a2.body.id, decision: 'not_adopted' },
      { itemId: a3.body.id, decision: 'to_vote' },
    ];
    expect((await minutes({ minutes: '到会 12 人', decisions })).body.error.code).toBe('meeting_not_started');
    t.clock.set(END);
    try {
      const missing = await minutes({ minutes: '到会 12 人', decisions: decisions.slice(0, 2) });
      expect(missing.status).toBe(422);
      expect(missing.body.error.details.fields[`decisions.${a3.body.id}`]).toContain('明年议事会安排');
      const ok = await minutes({ minutes: '到会 12 人，讨论三项议题。', decisions });
      expect(ok.body).toEqual({ status: 'concluded', credited: 1 });
      expect((await minutes({ minutes: '再发一次', decisions })).body.error.code).toBe('minutes_published');
      expect((await meetingAudit(m.id)).map(([action, , detail]) => [action, detail])).toEqual([
        ['meeting.schedule', { topic: '加装电梯怎么分摊', complexId: 1 }],
        ['meeting.agenda_add', { itemId: a1.body.id, opinionId: adopted }],
        ['meeting.agenda_add', { itemId: a2.body.id, opinionId: declined }],
        ['meeting.agenda_add', { itemId: a3.body.id, opinionId: null }],
        ['meeting.minutes', { decisions, credited: 1 }],
      ]);
      const d = await t.api('GET', `/api/v1/meetings/${m.id}`);
      expect(d.body.agenda.map((i: any) => i.decisionLabel)).toEqual(['采纳', '不予采纳', '付诸票决']);
      expect(d.body).toMatchObject({ status: 'concluded', minutes: '到会 12 人，讨论三项议题。' });
      const op = await t.api('GET', `/api/v1/opinions/${adopted}`, { token: author.token });
      expect(op.body.timeline.at(-1)).toMatchObject({ action: 'adopted', label: '在议事会上被采纳' });
      expect(op.body.timeline.at(-1).note).toContain('下月安装');

      // Adopted again at a later meeting: no second payment.
      t.clock.set(NOW);
      const { body: m2 } = await schedule(worker.token);
      const again = await t.api('POST', `/api/v1/meetings/${m2.id}/agenda`, { token: worker.token, body: { opinionId: adopted } });
      t.clock.set(END);
      const ok2 = await t.api('POST', `/api/v1/meetings/${m2.id}/minutes`, { token: worker.token, body: { minutes: '复议', decisions: [{ itemId: again.body.id, decision: 'adopted' }] } });
      expect(ok2.body.credited).toBe(0);
      const paid = await t.deps.db.select().from(pointsEntries).where(and(eq(pointsEntries.userId, author.id), eq(pointsEntries.reason, 'opinion_adopted')));
      expect(paid.map((p) => [p.delta, p.source])).toEqual([[20, `opinion:${adopted}`]]);
      const pts = await t.api('GET', '/api/v1/me/points', { token: author.token });
      expect(pts.body.balance).toBe(20);
    } finally {
      t.clock.set(NOW);
    }
  });
});
