import { and, eq } from 'drizzle-orm';
import { activities, auditLogs, ballots, bookings, complexes, notifications } from '../../db/schema';
import { buildDistrictAdmin, buildResident, buildStreetAdmin, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
let worker: { id: number; token: string };
let c1: typeof complexes.$inferSelect;
let c3: typeof complexes.$inferSelect;

const NOW = '2027-03-01T09:00:00+08:00';

beforeAll(async () => {
  t = await startTestServer();
  t.clock.set(NOW);
  worker = await buildWorker(t, [1]);
  const all = await t.deps.db.select().from(complexes);
  c1 = all.find((c) => c.id === 1)!;
  c3 = all.find((c) => c.streetId !== c1.streetId)!;
});
afterAll(() => t.close());

const me = (token: string) => t.api('GET', '/api/v1/me', { token });
const claim = (token: string, homeComplexId: number | null) => t.api('PATCH', '/api/v1/me', { token, body: { homeComplexId } });
const verify = (complexId: number, userId: number, token?: string) => t.api('POST', `/api/v1/complexes/${complexId}/residents/${userId}/verify`, { token });
const revoke = (complexId: number, userId: number, token?: string) => t.api('POST', `/api/v1/complexes/${complexId}/residents/${userId}/revoke`, { token, body: { reason: '核实有误' } });
const streetVote = async () => {
  const r = await t.api('POST', '/api/v1/votes', {
    token: worker.token,
    body: { complexId: 1, question: '口袋公园改造', options: ['方案一', '方案二'], eligibility: { type: 'street' }, opensAt: '2027-03-01T08:00:00+08:00', closesAt: '2027-03-05T20:00:00+08:00' },
  });
  const d = await t.api('GET', `/api/v1/votes/${r.body.id}`, { token: worker.token });
  return { id: r.body.id as number, opt: d.body.options[0].id as number };
};
const ballot = (voteId: number, token: string, opt: number) => t.api('POST', `/api/v1/votes/${voteId}/ballots`, { token, body: { optionIds: [opt] } });

describe('residency: claim → verify → vote', () => {
  it('claims a home, is verified by a worker there, then votes; every step audited and told', async () => {
    const u = await buildResident(t);
    expect((await me(u.token)).body.residency).toEqual({ complexId: null, complexName: null, status: 'none', verifiedAt: null });
    expect((await claim(u.token, 999_999)).status).toBe(422); // not a 500
    expect((await claim(u.token, 1)).body.residency).toMatchObject({ complexId: 1, complexName: c1.name, status: 'claimed', verifiedAt: null });

    const v = await streetVote();
    const refused = await ballot(v.id, u.token, v.opt);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'residency_unverified']);
    // the message names the real steps of the 我的 screen
    expect(refused.body.error.message).toContain('我的 → 我的综合体');
    expect(refused.body.error.message).toContain('出示认证码');
    expect(refused.body.error.message).toContain('等待工作人员认证');

    // the worker's 居民认证 list, searched by the masked phone's last digits
    const list = await t.api('GET', `/api/v1/complexes/1/residents?q=${u.phone.slice(-4)}`, { token: worker.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.userId)).toContain(u.id);
    expect(list.body.items.find((i: any) => i.userId === u.id)).toMatchObject({ status: 'claimed', phoneMasked: `${u.phone.slice(0, 3)}****${u.phone.slice(-4)}` });

    const ok = await verify(1, u.id, worker.token);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ userId: u.id, complexId: 1, status: 'verified' });
    expect(new Date(ok.body.verifiedAt).toISOString()).toBe(new Date(NOW).toISOString());
    expect((await me(u.token)).body.residency).toMatchObject({ complexId: 1, status: 'verified' });
    expect((await t.api('GET', `/api/v1/complexes/1/residents?status=verified&q=${u.phone.slice(-4)}`, { token: worker.token })).body.items.map((i: any) => i.userId)).toContain(u.id);

    expect((await ballot(v.id, u.token, v.opt)).status).toBe(201);
    const audit = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'residency.verify'), eq(auditLogs.targetId, String(u.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe(worker.id);
    const told = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, u.id), eq(notifications.kind, 'residency_verified')));
    expect(told).toHaveLength(1);
  });

  it('refuses verification by anyone but staff of that complex (401, resident, another complex\'s worker, another street)', async () => {
    const u = await buildResident(t);
    await claim(u.token, 1);
    const other = await buildResident(t);
    expect((await verify(1, u.id)).status).toBe(401);
    expect((await verify(1, u.id, other.token)).status).toBe(403);
    expect((await verify(1, u.id, (await buildWorker(t, [2])).token)).status).toBe(403);
    expect((await verify(1, u.id, (await buildStreetAdmin(t, c3.streetId)).token)).status).toBe(403);
    expect((await t.api('GET', '/api/v1/complexes/1/residents', { token: (await buildWorker(t, [2])).token })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/complexes/1/residents', { token: other.token })).status).toBe(403);
    // a claim on another complex cannot be verified here
    expect((await verify(2, u.id, (await buildWorker(t, [2])).token)).body.error.code).toBe('not_claimed');
    // the street admin and a district admin may
    expect((await verify(1, u.id, (await buildStreetAdmin(t, c1.streetId)).token)).status).toBe(200);
    const v = await buildResident(t);
    await claim(v.token, 1);
    expect((await verify(1, v.id, (await buildDistrictAdmin(t)).token)).status).toBe(200);
  });

  it('a revoked verification stops the next ballot, and is audited and told', async () => {
    const u = await buildResident(t);
    await claim(u.token, 1);
    await verify(1, u.id, worker.token);
    expect((await revoke(1, u.id, (await buildResident(t)).token)).status).toBe(403);
    const r = await revoke(1, u.id, worker.token);
    expect(r.body).toMatchObject({ status: 'claimed', verifiedAt: null });
    expect((await revoke(1, u.id, worker.token)).body.error.code).toBe('not_verified');
    const v = await streetVote();
    expect((await ballot(v.id, u.token, v.opt)).body.error.code).toBe('residency_unverified');
    expect(await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'residency.revoke'), eq(auditLogs.targetId, String(u.id))))).toHaveLength(1);
    expect(await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, u.id), eq(notifications.kind, 'residency_revoked')))).toHaveLength(1);
  });

  it('moving home makes the status claimed again; ballots already cast stay counted', async () => {
    const u = await buildResident(t);
    await claim(u.token, 1);
    await verify(1, u.id, worker.token);
    const first = await streetVote();
    expect((await ballot(first.id, u.token, first.opt)).status).toBe(201);
    // claiming the same home again changes nothing
    expect((await claim(u.token, 1)).body.residency.status).toBe('verified');
    expect((await claim(u.token, c3.id)).body.residency).toMatchObject({ complexId: c3.id, status: 'claimed' });
    const second = await streetVote();
    expect((await ballot(second.id, u.token, second.opt)).body.error.code).toBe('residency_unverified');
    // and moving back does not bring the old verification back
    expect((await claim(u.token, 1)).body.residency.status).toBe('claimed');
    expect(await t.deps.db.select().from(ballots).where(and(eq(ballots.voteId, first.id), eq(ballots.userId, u.id)))).toHaveLength(1);
    expect((await t.api('GET', `/api/v1/votes/${first.id}`, { token: worker.token })).body.onlineBallots).toBe(1);
    expect((await claim(u.token, null)).body.residency.status).toBe('none');
  });

  it('the 认证码: shown by the resident, scanned by the worker, short-lived and bound to the claim', async () => {
    const u = await buildResident(t);
    expect((await t.api('GET', '/api/v1/me/residency/code')).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me/residency/code', { token: u.token })).body.error.code).toBe('no_home');
    await claim(u.token, 1);
    const code = (await t.api('GET', '/api/v1/me/residency/code', { token: u.token })).body;
    expect(code).toMatchObject({ complexId: 1, refreshInS: 60 });
    const scan = (token: string | undefined, c: string) => t.api('POST', '/api/v1/residency/scan', { token, body: { code: c } });
    expect((await scan(undefined, code.code)).status).toBe(401);
    expect((await scan(u.token, code.code)).status).toBe(403);
    expect((await scan((await buildWorker(t, [2])).token, code.code)).status).toBe(403);
    expect((await scan(worker.token, code.code.slice(0, -2) + 'xx')).status).toBe(422);
    t.clock.advance(121_000);
    try {
      expect((await scan(worker.token, code.code)).body.error.details.fields.code).toMatch(/过期/);
    } finally {
      t.clock.set(NOW);
    }
    const ok = await scan(worker.token, code.code);
    expect(ok.body).toMatchObject({ userId: u.id, complexId: 1, status: 'verified' });
    expect((await t.api('GET', '/api/v1/me/residency/code', { token: u.token })).body.error.code).toBe('already_verified');
    // a code issued before moving home no longer verifies anyone
    const w = await buildResident(t);
    await claim(w.token, 1);
    const old = (await t.api('GET', '/api/v1/me/residency/code', { token: w.token })).body.code;
    await claim(w.token, 2);
    expect((await scan(worker.token, old)).body.error.code).toBe('not_claimed');
  });

  it('GET /me says the street of a street admin', async () => {
    const sa = await buildStreetAdmin(t, c1.streetId);
    const body = (await me(sa.token)).body;
    expect(body).toMatchObject({ role: 'street_admin', streetId: c1.streetId });
    expect(body.complexIds).toEqual(expect.arrayContaining([1, 2]));
    expect(body.complexIds).not.toContain(c3.id);
    expect((await me(worker.token)).body.streetId).toBeNull();
  });
});

describe('complex ratings need a verified home there or a recent check-in there', () => {
  it('refuses a claimed home, a stale visit and a stranger; accepts a verified home and a visit within 90 days', async () => {
    const rate = (token: string, complexId: number) => t.api('POST', '/api/v1/evaluations', { token, body: { targetType: 'complex', targetId: complexId, stars: 4 } });
    const visit = async (userId: number, complexId: number, at: string) => {
      const [{ id }] = await t.deps.db
        .insert(activities)
        .values({ complexId, createdBy: worker.id, title: '健康讲座', startAt: new Date(at), endAt: new Date(new Date(at).getTime() + 3_600_000), capacity: 10 })
        .$returningId();
      await t.deps.db.insert(bookings).values({ activityId: id, userId, status: 'checked_in', activeFlag: 1, endsAt: new Date(at), checkedInAt: new Date(at) });
    };
    const stranger = await buildResident(t);
    expect((await rate(stranger.token, 2)).body.error.code).toBe('not_eligible');
    const claimed = await buildResident(t);
    await claim(claimed.token, 2);
    const r = await rate(claimed.token, 2);
    expect([r.status, r.body.error.code]).toEqual([403, 'not_eligible']);
    expect(r.body.error.message).toContain('我的 → 我的综合体');
    const stale = await buildResident(t);
    await visit(stale.id, 2, '2026-11-20T02:00:00Z'); // 101 days before NOW
    expect((await rate(stale.token, 2)).body.error.code).toBe('not_eligible');
    const recent = await buildResident(t);
    await visit(recent.id, 2, '2027-02-10T02:00:00Z');
    expect((await rate(recent.token, 2)).status).toBe(201);
    await verify(2, claimed.id, (await buildWorker(t, [2])).token);
    expect((await rate(claimed.token, 2)).status).toBe(201);
  });
});

describe('many new residents claiming at once', () => {
  it('every claim lands (no deadlock between the residency inserts)', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => buildResident(t)));
    const rs = await Promise.all(people.map((p) => claim(p.token, 1)));
    expect(rs.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(rs.every((r) => r.body.residency.status === 'claimed')).toBe(true);
  });
});
