import { and, eq } from 'drizzle-orm';
import { auditLogs, notifications, opinionEvents } from '../../db/schema';
import { buildDistrictAdmin, buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { submitOpinion } from '../../../test/support/opinions';

let t: TestServer;
let resident: { id: number; token: string };
let other: { id: number; token: string };
let worker: { id: number; token: string };
let otherWorker: { id: number; token: string };
let admin: { id: number; token: string };

beforeAll(async () => {
  t = await startTestServer();
  resident = await buildResident(t);
  other = await buildResident(t);
  worker = await buildWorker(t, [1]);
  otherWorker = await buildWorker(t, [2]);
  admin = await buildDistrictAdmin(t);
});
afterAll(() => t.close());

const post = (path: string, token: string, body: unknown = {}) => t.api('POST', path, { token, body });
const detail = (id: number, token?: string) => t.api('GET', `/api/v1/opinions/${id}`, { token });

describe('submitting', () => {
  it('needs a sign-in and valid fields', async () => {
    expect((await t.api('POST', '/api/v1/opinions', { body: { category: '其他', title: 'x', content: 'y', complexId: 1 } })).status).toBe(401);
    const bad = await post('/api/v1/opinions', resident.token, { category: '随便', title: '', content: 'x'.repeat(1001), complexId: 1, visibility: 'secret' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(['category', 'content', 'title', 'visibility']);
    const long = await post('/api/v1/opinions', resident.token, { category: '其他', title: '标'.repeat(51), content: 'y', complexId: 1 });
    expect(long.body.error.details.fields.title).toMatch(/50/);
    expect((await post('/api/v1/opinions', resident.token, { category: '其他', title: 'a', content: 'b', complexId: 99999 })).status).toBe(404);
  });

  it('creates a public opinion by default with a first timeline entry', async () => {
    const r = await post('/api/v1/opinions', resident.token, { category: '交通出行', title: '公交站缺少座椅', content: '文新路公交站没有座椅，老人等车很累。', complexId: 1 });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(Number), status: 'submitted' });
    const d = await detail(r.body.id, resident.token);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: 'submitted', visibility: 'public', mine: true, actions: [] });
    expect(d.body.timeline).toEqual([expect.objectContaining({ action: 'submit', toStatus: 'submitted', label: '提交意见' })]);
    // The complex's workers hear about it.
    const inbox = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, worker.id), eq(notifications.kind, 'opinion_inbox')));
    expect(inbox.some((n) => n.title.includes('公交站缺少座椅'))).toBe(true);
  });
});

describe('privacy', () => {
  it('a private opinion is 404 to other residents, workers of other complexes and anonymous callers', async () => {
    const id = await submitOpinion(t, resident.token, { visibility: 'private', title: '家门口私事' });
    expect((await detail(id, resident.token)).status).toBe(200);
    expect((await detail(id, worker.token)).body.viewer).toBe('staff');
    expect((await detail(id, admin.token)).status).toBe(200);
    for (const token of [other.token, otherWorker.token, undefined]) {
      const r = await detail(id, token);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('not_found');
    }
    // …and staying hidden from every list but the owner's and the staff's.
    const pub = await t.api('GET', '/api/v1/opinions?complexId=1&limit=100', { token: other.token });
    expect(pub.body.items.map((o: any) => o.id)).not.toContain(id);
    expect((await t.api('GET', '/api/v1/me/opinions', { token: resident.token })).body.items.map((o: any) => o.id)).toContain(id);
    expect((await t.api('GET', '/api/v1/workbench/opinions?complexId=1&limit=100', { token: worker.token })).body.items.map((o: any) => o.id)).toContain(id);
    // Acting on it as another resident is 404 too (no hint that it exists).
    expect((await post(`/api/v1/opinions/${id}/cosign`, other.token)).status).toBe(404);
    expect((await post(`/api/v1/opinions/${id}/evaluate`, other.token, { rating: 'satisfied' })).status).toBe(404);
  });

  it('masks names on public opinions', async () => {
    await t.api('PATCH', '/api/v1/me', { token: other.token, body: { nickname: '王小明' } });
    const id = await submitOpinion(t, other.token, { title: '公开的意见' });
    const seen = await detail(id, resident.token);
    expect(seen.body.submitterName).toBe('王*明');
    expect(seen.body.timeline[0].actorName).toBe('王*明');
    const list = await t.api('GET', '/api/v1/opinions?limit=100');
    expect(list.body.items.find((o: any) => o.id === id).submitterName).toBe('王*明');
    expect((await detail(id, other.token)).body.submitterName).toBe('王小明');
  });
});

describe('list items', () => {
  it('say what the opinion page says, on every list (public, mine, the inbox)', async () => {
    const id = await submitOpinion(t, resident.token, { title: '楼道灯不亮', content: '3号楼楼道灯坏了，电话13912345678' });
    await post(`/api/v1/opinions/${id}/accept`, worker.token);
    const fields = ['id', 'category', 'title', 'excerpt', 'visibility', 'status', 'statusLabel', 'complexId', 'complexName', 'submitterName', 'cosignCount', 'cosignedByMe', 'mine', 'photoCount', 'submittedAt', 'acceptDueAt', 'replyDueAt', 'overdue', 'heldReason'];
    const pick = (o: Record<string, unknown>) => Object.fromEntries(fields.map((k) => [k, o[k]]));
    for (const [list, token] of [['/api/v1/opinions?limit=50', other.token], ['/api/v1/me/opinions?limit=50', resident.token], ['/api/v1/workbench/opinions?limit=50', worker.token]] as const) {
      const r = await t.api('GET', list, { token });
      expect(r.status).toBe(200);
      const item = r.body.items.find((o: { id: number }) => o.id === id);
      const page = (await detail(id, token)).body;
      const { excerpt: _e, ...rest } = pick(page);
      expect(pick(item)).toEqual({ ...rest, excerpt: expect.any(String) });
      expect(item.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(item.replyDueAt).toEqual(expect.any(String));
      expect(item.excerpt).toBe(token === other.token ? '3号楼楼道灯坏了，电话139****5678' : '3号楼楼道灯坏了，电话13912345678');
    }
  });
});

describe('the workflow through the API', () => {
  it('runs submitted → accepted → assigned → in progress → replied → 不满意 reopens once → closed', async () => {
    const id = await submitOpinion(t, resident.token, { title: '楼道灯不亮' });
    const go = (step: string, token: string, body: unknown = {}) => post(`/api/v1/opinions/${id}/${step}`, token, body);
    expect((await go('accept', worker.token, { note: '已登记' })).body).toEqual({ id, status: 'accepted' });
    expect((await detail(id, worker.token)).body.actions).toEqual(['assign', 'start', 'reply']);
    expect((await go('assign', worker.token, { to: { type: 'branch', branchId: 2 } })).status).toBe(422); // not paired with complex 1
    expect((await go('assign', worker.token, { to: { type: 'worker', userId: otherWorker.id } })).status).toBe(422); // not of this complex
    expect((await go('assign', worker.token, { to: { type: 'branch', branchId: 1 }, note: '请支部协助' })).body.status).toBe('assigned');
    expect((await go('assign', worker.token, { to: { type: 'department', name: '物业服务中心' } })).body.status).toBe('assigned');
    expect((await go('start', worker.token)).body.status).toBe('in_progress');
    expect((await go('reply', worker.token, { reply: '已更换灯泡' })).body.status).toBe('replied');
    const reopened = await go('evaluate', resident.token, { rating: 'unsatisfied', comment: '还是不亮' });
    expect(reopened.body.status).toBe('in_progress');
    expect((await go('reply', admin.token, { reply: '已更换线路' })).body.status).toBe('replied');
    expect((await go('evaluate', resident.token, { rating: 'unsatisfied', comment: '仍有问题' })).body.status).toBe('closed');
    expect((await go('evaluate', resident.token, { rating: 'satisfied' })).status).toBe(409);

    const d = (await detail(id, resident.token)).body;
    expect(d).toMatchObject({ status: 'closed', reply: '已更换线路', rating: 'unsatisfied', ratingLabel: '不满意', reopenCount: 1, assignee: { type: 'department', label: '物业服务中心' } });
    expect(d.timeline.map((e: any) => e.action)).toEqual(['submit', 'accept', 'assign', 'assign', 'start', 'reply', 'reopen', 'reply', 'evaluate']);
    expect(d.timeline[2].note).toContain('结对党支部');
    expect(d.timeline[6]).toMatchObject({ fromStatus: 'replied', toStatus: 'in_progress', note: '不满意：还是不亮' });
    expect(d.timeline[1].actorName).toMatch(/^社区工作者/);
    // Every staff step audited, every step told to the submitter.
    const audits = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.targetType, 'opinion'), eq(auditLogs.targetId, String(id))));
    expect(audits.map((a) => a.action)).toEqual(['opinion.accept', 'opinion.assign', 'opinion.assign', 'opinion.start', 'opinion.reply', 'opinion.reply']);
    const msgs = await t.api('GET', '/api/v1/me/notifications?limit=100', { token: resident.token });
    expect(msgs.body.items.filter((n: any) => n.link?.endsWith(`id=${id}`)).length).toBe(7); // submit + 6 staff steps
  });

  it('refuses illegal steps with 409 invalid_transition', async () => {
    const id = await submitOpinion(t, resident.token);
    const go = (step: string, token: string, body: unknown = {}) => post(`/api/v1/opinions/${id}/${step}`, token, body);
    for (const [step, body] of [['reply', { reply: '好' }], ['start', {}], ['assign', { to: { type: 'department', name: '城管' } }], ['release', {}], ['block', { reason: '违规' }]] as const) {
      const r = await go(step, worker.token, body);
      expect([step, r.status, r.body.error?.code]).toEqual([step, 409, 'invalid_transition']);
    }
    expect((await go('evaluate', resident.token, { rating: 'satisfied' })).body.error.code).toBe('invalid_transition');
    expect((await go('accept', worker.token)).status).toBe(200);
    expect((await go('accept', worker.token)).body.error.code).toBe('invalid_transition');
    expect((await go('reject', worker.token, { reason: '重复' })).body.error.code).toBe('invalid_transition');
    // Nothing moved and nothing extra was written.
    const events = await t.deps.db.select().from(opinionEvents).where(eq(opinionEvents.opinionId, id));
    expect(events.map((e) => e.action)).toEqual(['submit', 'accept']);
  });

  it('takes one step once when two workers press at the same moment', async () => {
    const id = await submitOpinion(t, resident.token);
    const rs = await Promise.all([worker, admin, worker, admin, worker].map((w) => post(`/api/v1/opinions/${id}/accept`, w.token)));
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409).every((r) => r.body.error.code === 'invalid_transition')).toBe(true);
    const events = await t.deps.db.select().from(opinionEvents).where(eq(opinionEvents.opinionId, id));
    expect(events.map((e) => e.action)).toEqual(['submit', 'accept']);
    // A retried request with the same Idempotency-Key answers the first result and acts once.
    const key = { 'idempotency-key': `reply-${id}` };
    const r1 = await t.api('POST', `/api/v1/opinions/${id}/reply`, { token: worker.token, body: { reply: '已处理' }, headers: key });
    const r2 = await t.api('POST', `/api/v1/opinions/${id}/reply`, { token: worker.token, body: { reply: '已处理' }, headers: key });
    expect([r1.status, r2.status, r2.body]).toEqual([200, 200, r1.body]);
  });

  it('不予受理 needs a reason and ends it', async () => {
    const id = await submitOpinion(t, resident.token);
    const noReason = await post(`/api/v1/opinions/${id}/reject`, worker.token, {});
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details.fields.reason).toBeDefined();
    expect((await post(`/api/v1/opinions/${id}/reject`, worker.token, { reason: '不属于社区职责范围，已告知12345热线' })).body.status).toBe('rejected');
    const d = (await detail(id, resident.token)).body;
    expect(d).toMatchObject({ status: 'rejected', rejectReason: '不属于社区职责范围，已告知12345热线', actions: [] });
    expect((await post(`/api/v1/opinions/${id}/accept`, worker.token)).status).toBe(409);
  });

  it('keeps staff steps to staff of the complex and evaluation to the submitter', async () => {
    const id = await submitOpinion(t, resident.token);
    const accept = (token: string) => post(`/api/v1/opinions/${id}/accept`, token);
    expect((await t.api('POST', `/api/v1/opinions/${id}/accept`, { body: {} })).status).toBe(401);
    for (const token of [other.token, resident.token, otherWorker.token]) {
      const r = await accept(token);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('forbidden');
    }
    expect((await accept(admin.token)).status).toBe(200);
    await post(`/api/v1/opinions/${id}/reply`, worker.token, { reply: '已处理' });
    expect((await post(`/api/v1/opinions/${id}/evaluate`, worker.token, { rating: 'satisfied' })).status).toBe(403);
    expect((await post(`/api/v1/opinions/${id}/evaluate`, other.token, { rating: 'satisfied' })).status).toBe(403);
    expect((await post(`/api/v1/opinions/${id}/evaluate`, resident.token, { rating: 'basically_satisfied', comment: '还行' })).body.status).toBe('closed');
    // The inbox is staff-only and scoped to one's complexes.
    expect((await t.api('GET', '/api/v1/workbench/opinions', { token: resident.token })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/workbench/opinions?complexId=1', { token: otherWorker.token })).status).toBe(403);
    const theirs = await t.api('GET', '/api/v1/workbench/opinions?limit=100', { token: otherWorker.token });
    expect(theirs.body.items.every((o: any) => o.complexId === 2)).toBe(true);
  });
});

describe('co-signing (附议)', () => {
  it('counts one per person even when pressed many times at once', async () => {
    const id = await submitOpinion(t, resident.token, { title: '增设充电桩' });
    const fans = await Promise.all([0, 1, 2].map(() => buildResident(t)));
    const results = await Promise.all([...fans, fans[0], fans[0], fans[0], fans[1]].flatMap((f) => [post(`/api/v1/opinions/${id}/cosign`, f.token), post(`/api/v1/opinions/${id}/cosign`, f.token)]));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'already_cosigned')).toBe(true);
    const d = await detail(id, fans[0].token);
    expect(d.body).toMatchObject({ cosignCount: 3, cosignedByMe: true });
    expect((await post(`/api/v1/opinions/${id}/cosign`, resident.token)).body.error.code).toBe('own_opinion');
  });
});

describe('deadlines with a frozen clock', () => {
  afterAll(() => t.clock.set(null));

  it('flags an opinion not accepted within 2 working days across a weekend, and counts it for the complex', async () => {
    const w4 = await buildWorker(t, [4]);
    // Friday 2026-12-04 15:00 in Shanghai → due Tuesday 2026-12-08 15:00.
    t.clock.set('2026-12-04T15:00:00+08:00');
    const id = await submitOpinion(t, resident.token, { complexId: 4, title: '周五提交' });
    const d = await detail(id, w4.token);
    expect(d.body.acceptDueAt).toBe(new Date('2026-12-08T15:00:00+08:00').toISOString());
    const inbox = (q: string) => t.api('GET', `/api/v1/workbench/opinions?complexId=4&${q}`, { token: w4.token });
    const stats = async () => (await t.api('GET', '/api/v1/workbench/opinions/stats?complexId=4', { token: w4.token })).body.items[0];

    t.clock.set('2026-12-07T09:00:00+08:00'); // Monday
    expect((await inbox('overdue=1')).body.items).toHaveLength(0);
    t.clock.set('2026-12-08T14:59:00+08:00');
    expect((await inbox('overdue=0')).body.items.map((o: any) => o.id)).toEqual([id]);
    t.clock.set('2026-12-08T15:01:00+08:00');
    const late = await inbox('overdue=1&status=submitted');
    expect(late.body.items.map((o: any) => [o.id, o.overdue])).toEqual([[id, true]]);
    expect(await stats()).toMatchObject({ complexId: 4, total: 1, open: 1, overdueNow: 1, acceptedLate: 0 });

    // Accepted late: no longer overdue now, but on the record; the reply clock gives 15 days.
    await post(`/api/v1/opinions/${id}/accept`, w4.token);
    expect(await stats()).toMatchObject({ overdueNow: 0, acceptedLate: 1 });
    expect((await detail(id, w4.token)).body.replyDueAt).toBe(new Date('2026-12-23T15:01:00+08:00').toISOString());
    t.clock.set('2026-12-23T15:02:00+08:00');
    expect((await inbox('overdue=1')).body.items.map((o: any) => o.id)).toEqual([id]);
    await post(`/api/v1/opinions/${id}/reply`, w4.token, { reply: '已处理' });
    expect(await stats()).toMatchObject({ overdueNow: 0, acceptedLate: 1, repliedLate: 1, open: 0 });
  });
});
