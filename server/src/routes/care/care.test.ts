import { and, eq } from 'drizzle-orm';
import { auditLogs, notifications, users } from '../../db/schema';
import { buildDistrictAdmin, buildResident, buildWorker } from '../../../test/support/factories';
import { buildVolunteer } from '../../../test/support/volunteer';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

type Who = { id: number; token: string; phone: string };

/** A resident whose profile has a home complex and an address, as the seeded demo senior. */
async function buildSenior(complexId = 1): Promise<Who> {
  const s = await buildResident(t);
  await t.deps.db.update(users).set({ homeComplexId: complexId, address: '文新街道阳光社区 5 幢 101' }).where(eq(users.id, s.id));
  return s;
}

const ask = (who: Who, kind: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  t.api('POST', '/api/v1/care-requests', { token: who.token, body: { kind, ...extra }, headers });
const step = (who: Who, id: number, name: string, body: Record<string, unknown> = {}) => t.api('POST', `/api/v1/care-requests/${id}/${name}`, { token: who.token, body });

describe('one-tap elderly care', () => {
  it('needs a signed-in user, and a home complex and address to send help to', async () => {
    expect((await t.api('POST', '/api/v1/care-requests', { body: { kind: 'meal' } })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/care/queue')).status).toBe(401);
    const bare = await buildResident(t);
    const r = await ask(bare, 'meal');
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.details.fields).sort()).toEqual(['address', 'complexId']);
    const given = await ask(bare, 'meal', { complexId: 2, address: '西溪路 100 号 2 单元' });
    expect(given.status).toBe(201);
    expect(given.body.complexId).toBe(2);
    expect((await ask(bare, 'sing')).status).toBe(422);
  });

  it('goes submitted → accepted → dispatched → in_service → completed with each role checked', async () => {
    const senior = await buildSenior();
    const worker = await buildWorker(t, [1]);
    const elsewhere = await buildWorker(t, [2]);
    const volunteer = await buildVolunteer(t, 1, '李志愿');
    const stranger = await buildResident(t);

    const created = await ask(senior, 'meal', { note: '午饭送到家' });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect(created.body).toMatchObject({ kind: 'meal', status: 'submitted', priority: 0, complexId: 1, address: '文新街道阳光社区 5 幢 101', onBehalf: false });
    expect(created.body.phone).toBe(`${senior.phone.slice(0, 3)}****${senior.phone.slice(-4)}`);
    expect(created.body.can).toMatchObject({ accept: false, cancel: true, rate: false });

    // someone else's request does not exist for them; the senior may not dispatch their own
    expect((await t.api('GET', `/api/v1/care-requests/${id}`, { token: stranger.token })).status).toBe(404);
    expect((await step(elsewhere, id, 'accept')).status).toBe(404);
    expect((await step(senior, id, 'accept')).status).toBe(403);
    expect((await t.api('GET', '/api/v1/care/queue', { token: senior.token })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/care/queue?complexId=1', { token: elsewhere.token })).status).toBe(403);

    // the worker's queue shows it with the phone in full, for calling back
    const queue = await t.api('GET', '/api/v1/care/queue?complexId=1', { token: worker.token });
    expect(queue.status).toBe(200);
    const inQueue = queue.body.items.find((r: any) => r.id === id);
    expect(inQueue.phone).toBe(senior.phone);
    expect((await t.api('GET', '/api/v1/care/queue', { token: elsewhere.token })).body.items.some((r: any) => r.id === id)).toBe(false);

    expect((await step(worker, id, 'start')).body.error.code).toBe('invalid_transition');
    const accepted = await step(worker, id, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const again = await step(worker, id, 'accept');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'accepted', to: 'accepted' } });

    expect((await step(worker, id, 'assign', {})).status).toBe(422);
    expect((await step(worker, id, 'assign', { assigneeId: elsewhere.id })).status).toBe(422);
    expect((await step(worker, id, 'assign', { assigneeId: senior.id })).status).toBe(422);
    const admin = await buildDistrictAdmin(t);
    expect((await step(worker, id, 'assign', { assigneeId: admin.id })).status).toBe(422);
    // a resident who is not an approved volunteer of this complex never receives a care job
    expect((await step(worker, id, 'assign', { assigneeId: stranger.id })).status).toBe(422);
    const dispatched = await step(worker, id, 'assign', { assigneeId: volunteer.id });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', assignee: { id: volunteer.id } });

    // the volunteer now sees it and may start and complete it; the senior may not
    const seen = await t.api('GET', `/api/v1/care-requests/${id}`, { token: volunteer.token });
    expect(seen.status).toBe(200);
    expect(seen.body.phone).toContain('****');
    expect(seen.body.can).toMatchObject({ start: true, accept: false, assign: false });
    expect((await step(senior, id, 'start')).status).toBe(403);
    expect((await step(volunteer, id, 'start')).body.status).toBe('in_service');
    const late = await step(senior, id, 'cancel', { reason: '不需要了' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('invalid_transition');
    expect((await step(volunteer, id, 'complete')).body.status).toBe('completed');
    expect((await step(worker, id, 'cancel', { reason: '重复' })).body.error.code).toBe('invalid_transition');

    // the senior rates it once and earns evaluation points once
    expect((await t.api('POST', `/api/v1/care-requests/${id}/rating`, { token: worker.token, body: { rating: 5 } })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/care-requests/${id}/rating`, { token: senior.token, body: { rating: 6 } })).status).toBe(422);
    const rated = await t.api('POST', `/api/v1/care-requests/${id}/rating`, { token: senior.token, body: { rating: 5, comment: '饭菜很香' } });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ rating: 5, ratingComment: '饭菜很香', pointsEarned: 5 });
    const twice = await t.api('POST', `/api/v1/care-requests/${id}/rating`, { token: senior.token, body: { rating: 4 } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_rated');
    const points = await t.api('GET', '/api/v1/me/points', { token: senior.token });
    expect(points.body.balance).toBe(5);
    expect(points.body.items).toHaveLength(1);
    expect(points.body.items[0].reason).toBe('evaluation');

    // the timeline, the senior's notices at each step, the audit log of staff actions
    const detail = await t.api('GET', `/api/v1/care-requests/${id}`, { token: senior.token });
    expect(detail.body.timeline.map((e: any) => e.status)).toEqual(['submitted', 'accepted', 'dispatched', 'in_service', 'completed']);
    const notes = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, senior.id), eq(notifications.kind, 'care')));
    expect(notes.map((n) => n.title)).toEqual(['助餐申请已提交', '助餐：已受理', '助餐：已派单', '助餐：服务中', '助餐：已完成']);
    const [task] = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, volunteer.id), eq(notifications.kind, 'care_task')));
    expect(task.title).toBe('新的上门服务：助餐');
    const logs = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.targetType, 'care_request'), eq(auditLogs.targetId, String(id))));
    expect(logs.filter((l) => l.actorId === worker.id).map((l) => l.action)).toEqual(['care.accept', 'care.assign']);

    const mine = await t.api('GET', '/api/v1/me/care-requests', { token: senior.token });
    expect(mine.body.items.map((r: any) => r.id)).toEqual([id]);
    expect(mine.body.items[0]).toMatchObject({ status: 'completed', rating: 5 });
  });

  it('lets the senior cancel with a reason before the service starts, and staff until it completes', async () => {
    const senior = await buildSenior();
    const worker = await buildWorker(t, [1]);
    const a = (await ask(senior, 'cleaning')).body.id;
    expect((await step(senior, a, 'cancel', {})).status).toBe(422);
    const cancelled = await step(senior, a, 'cancel', { reason: '家里人回来了' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '家里人回来了' });
    expect((await step(senior, a, 'cancel', { reason: '再取消一次' })).body.error.code).toBe('invalid_transition');
    expect((await step(worker, a, 'accept')).body.error.code).toBe('invalid_transition');

    const b = (await ask(senior, 'cleaning')).body.id;
    await step(worker, b, 'accept');
    await step(worker, b, 'assign', { assigneeId: worker.id });
    await step(worker, b, 'start');
    const staffCancel = await step(worker, b, 'cancel', { reason: '长辈临时外出' });
    expect(staffCancel.body.status).toBe('cancelled');
    const [log] = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'care.cancel'), eq(auditLogs.targetId, String(b))));
    expect(log.actorId).toBe(worker.id);
  });

  it('opens one request per kind at a time, and a retried tap acts once', async () => {
    const senior = await buildSenior();
    const key = { 'Idempotency-Key': `care-retry-${senior.id}` };
    const first = await ask(senior, 'bathing', {}, key);
    const retry = await ask(senior, 'bathing', {}, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    const dup = await ask(senior, 'bathing');
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'care_request_open', details: { id: first.body.id } });
    // many taps at once still make exactly one request
    const burst = await Promise.all(Array.from({ length: 8 }, () => ask(senior, 'visit')));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 409)).toHaveLength(7);
  });

  it('puts emergencies first and flags one not accepted within 5 minutes (frozen clock)', async () => {
    const senior = await buildSenior();
    const other = await buildSenior();
    const worker = await buildWorker(t, [1]);
    const t0 = new Date('2026-12-01T01:00:00Z');
    t.clock.set(t0);
    try {
      const meal = (await ask(other, 'meal')).body.id;
      t.clock.set(new Date(t0.getTime() + 60_000));
      const sos = await ask(senior, 'emergency');
      expect(sos.body).toMatchObject({ priority: 1, flagged: false, hotline: expect.stringMatching(/\d/) });

      const order = async () => {
        const q = await t.api('GET', '/api/v1/care/queue?complexId=1', { token: worker.token });
        return { ids: q.body.items.map((r: any) => r.id), q: q.body, sos: q.body.items.find((r: any) => r.id === sos.body.id) };
      };
      const before = await order();
      expect(before.ids.indexOf(sos.body.id)).toBeLessThan(before.ids.indexOf(meal));
      expect(before.q.items.slice(0, before.ids.indexOf(sos.body.id)).every((r: any) => r.priority === 1)).toBe(true);

      t.clock.set(new Date(t0.getTime() + 60_000 + 5 * 60_000 - 1000));
      expect((await order()).sos.flagged).toBe(false);
      t.clock.set(new Date(t0.getTime() + 60_000 + 5 * 60_000));
      const late = await order();
      expect(late.sos).toMatchObject({ flagged: true, waitingMinutes: 5 });
      expect(late.q.flaggedCount).toBeGreaterThanOrEqual(1);
      expect((await t.api('GET', `/api/v1/care-requests/${sos.body.id}`, { token: senior.token })).body.flagged).toBe(true);

      await step(worker, sos.body.id, 'accept');
      expect((await order()).sos.flagged).toBe(false);
    } finally {
      t.clock.set(null);
    }
  });

  it('lists the workers a request can be assigned to', async () => {
    const worker = await buildWorker(t, [1]);
    const r = await t.api('GET', '/api/v1/care/assignees?complexId=1', { token: worker.token });
    expect(r.status).toBe(200);
    expect(r.body.items.some((a: any) => a.id === worker.id && a.role === 'worker')).toBe(true);
    // the demo volunteer approved at complex 1 (李明) is offered by name: nobody types a user number
    expect(r.body.items.find((a: any) => a.kind === 'volunteer' && a.nickname === '李明')).toMatchObject({ role: 'resident' });
    expect(r.body.items.find((a: any) => a.id === worker.id).kind).toBe('worker');
    expect((await t.api('GET', '/api/v1/care/assignees?complexId=3', { token: worker.token })).status).toBe(403);
  });
});

describe('the dispatch queue pages by keyset', () => {
  it('walks every request once, emergencies first then oldest first, even when an emergency arrives mid-walk', async () => {
    const worker = await buildWorker(t, [3]);
    // one senior per request (one open request of a kind per senior)
    const kinds = ['meal', 'emergency', 'meal', 'emergency', 'meal'];
    for (const k of kinds) expect((await ask(await buildSenior(3), k)).status).toBe(201);
    const full = await t.api('GET', '/api/v1/care/queue?complexId=3&limit=100', { token: worker.token });
    const order = full.body.items.map((r: any) => r.id);
    expect(full.body.items.map((r: any) => r.priority)).toEqual([...full.body.items.map((r: any) => r.priority)].sort((a: number, b: number) => b - a));
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: any = await t.api('GET', `/api/v1/care/queue?complexId=3&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: worker.token });
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((x: any) => x.id));
      cursor = r.body.nextCursor;
      // an emergency arriving mid-walk sorts before the cursor: offsets would shift and repeat a row, the keyset does not
      if (++pages === 2) expect((await ask(await buildSenior(3), 'emergency')).status).toBe(201);
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(order);
    expect((await t.api('GET', '/api/v1/care/queue?complexId=3&cursor=bad', { token: worker.token })).status).toBe(422);
  });
});
