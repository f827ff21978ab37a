import { and, eq } from 'drizzle-orm';
import { withTx } from '../../db/client';
import { auditLogs, pointsAccounts, pointsEntries } from '../../db/schema';
import { buildDistrictAdmin, buildResident } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { buildPost, buildVolunteer, grantPoints, worker1 } from '../../../test/support/volunteer';
import { checkLedgerInvariant } from '../../domain/points/invariant';
import { maskName, monthOf } from '../../domain/points/leaderboard';
import { credit } from '../../domain/points/ledger';

let t: TestServer;
let admin: { id: number; token: string };
beforeAll(async () => {
  t = await startTestServer();
  admin = await buildDistrictAdmin(t);
});
afterAll(() => t.close());
afterEach(() => t.clock.set(null));

describe('GET /me/points', () => {
  it('needs sign-in; pages newest first; balance = sum of deltas', async () => {
    expect((await t.api('GET', '/api/v1/me/points')).status).toBe(401);
    const u = await buildResident(t);
    for (const d of [5, 7, -3, 11]) await grantPoints(t, admin.token, u.id, d);
    const p1 = await t.api('GET', '/api/v1/me/points?limit=3', { token: u.token });
    expect(p1.body.balance).toBe(20);
    expect(p1.body.items.map((i: any) => i.delta)).toEqual([11, -3, 7]);
    expect(p1.body.items[0]).toMatchObject({ reason: 'admin_adjustment', reasonLabel: '管理员调整', description: '管理员调整：测试发放积分 +11', balanceAfter: 20 });
    const p2 = await t.api('GET', `/api/v1/me/points?limit=3&cursor=${p1.body.nextCursor}`, { token: u.token });
    expect(p2.body.items.map((i: any) => i.delta)).toEqual([5]);
    expect(p2.body.nextCursor).toBeNull();
  });
});

describe('district-admin adjustment', () => {
  it('only district admins, with a written reason, audited, never below zero', async () => {
    const u = await buildResident(t);
    const w = await worker1(t);
    const body = { userId: u.id, delta: 50, reason: '社区表彰奖励' };
    expect((await t.api('POST', '/api/v1/admin/points/adjustments', { body })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/admin/points/adjustments', { token: u.token, body })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/admin/points/adjustments', { token: w.token, body })).status).toBe(403);
    const noReason = await t.api('POST', '/api/v1/admin/points/adjustments', { token: admin.token, body: { userId: u.id, delta: 50, reason: '' } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details.fields.reason).toBeDefined();
    expect((await t.api('POST', '/api/v1/admin/points/adjustments', { token: admin.token, body: { ...body, delta: 0 } })).status).toBe(422);
    expect((await t.api('POST', '/api/v1/admin/points/adjustments', { token: admin.token, body: { ...body, userId: 99999999 } })).status).toBe(404);
    const ok = await t.api('POST', '/api/v1/admin/points/adjustments', { token: admin.token, body, headers: { 'idempotency-key': 'adjust-once-0001' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ userId: u.id, delta: 50, balance: 50 });
    const retry = await t.api('POST', '/api/v1/admin/points/adjustments', { token: admin.token, body, headers: { 'idempotency-key': 'adjust-once-0001' } });
    expect(retry.body.entryId).toBe(ok.body.entryId);
    const tooMuch = await t.api('POST', '/api/v1/admin/points/adjustments', { token: admin.token, body: { ...body, delta: -51, reason: '误发扣回' } });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('insufficient_points');
    const [log] = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'points.adjust'), eq(auditLogs.targetId, String(u.id))));
    expect(log).toMatchObject({ actorId: admin.id, detail: expect.objectContaining({ delta: 50, reason: '社区表彰奖励' }) });
    expect((await t.api('GET', '/api/v1/me', { token: u.token })).body.pointsBalance).toBe(50);
  });
});

describe('ledger rules', () => {
  it('caps a reason per Asia/Shanghai day: 30 + 30 of activity_checkin pays 30 + 20, then nothing; the next day pays again', async () => {
    const u = await buildResident(t);
    const day = new Date('2026-12-01T15:30:00Z'); // 23:30 in Shanghai
    const c = (source: string, now: Date) =>
      withTx(t.deps.db, (tx) => credit(tx, { userId: u.id, delta: 30, reason: 'activity_checkin', source, description: '参加「太极拳入门」签到', now }));
    expect((await c('booking:a', day)).entry!.delta).toBe(30);
    const second = await c('booking:b', new Date(day.getTime() + 60_000));
    expect([second.entry!.delta, second.cappedBy]).toEqual([20, 10]);
    const third = await c('booking:c', new Date(day.getTime() + 120_000));
    expect([third.entry, third.cappedBy]).toEqual([null, 30]);
    const dup = await c('booking:a', new Date(day.getTime() + 180_000));
    expect(dup.duplicate).toBe(true);
    const nextDay = await c('booking:d', new Date(day.getTime() + 31 * 60_000)); // 00:01 next day in Shanghai
    expect(nextDay.entry!.delta).toBe(30);
    expect((await checkLedgerInvariant(t.deps.db, [u.id])).ok).toBe(true);
  });

  it('the invariant check finds a balance that drifted from its entries', async () => {
    const u = await buildResident(t);
    await grantPoints(t, admin.token, u.id, 10);
    expect((await checkLedgerInvariant(t.deps.db, [u.id])).ok).toBe(true);
    await t.deps.db.update(pointsAccounts).set({ balance: 15 }).where(eq(pointsAccounts.userId, u.id));
    const bad = await checkLedgerInvariant(t.deps.db, [u.id]);
    expect(bad.ok).toBe(false);
    expect(bad.violations).toEqual([{ userId: u.id, kind: 'balance_mismatch', detail: { balance: 15, sumOfEntries: 10 } }]);
    await t.deps.db.update(pointsAccounts).set({ balance: 10 }).where(eq(pointsAccounts.userId, u.id));
    await t.deps.db.update(pointsEntries).set({ balanceAfter: 9 }).where(eq(pointsEntries.userId, u.id));
    expect((await checkLedgerInvariant(t.deps.db, [u.id])).violations[0].kind).toBe('broken_chain');
    await t.deps.db.update(pointsEntries).set({ balanceAfter: 10 }).where(eq(pointsEntries.userId, u.id));
    const w = await worker1(t);
    expect((await t.api('GET', '/api/v1/admin/points/invariant', { token: w.token })).status).toBe(403);
    const whole = await t.api('GET', '/api/v1/admin/points/invariant', { token: admin.token });
    expect(whole.body).toMatchObject({ ok: true, violations: [] });
  });

  it('a randomized concurrent mix of earn, spend and refund over 20 users keeps every balance = its entries, ≥ 0', async () => {
    const w = await worker1(t);
    const reward = await t.api('POST', '/api/v1/rewards', { token: w.token, body: { complexId: 1, kind: 'service', name: '随机混合测试', pointsCost: 15, stock: 10_000, perUserLimit: 0 } });
    // 20 people × 8 operations each, all at once: the same contention per account as 50 × 8, at 40 % of the cost.
    const USERS = 20;
    const OPS = USERS * 8;
    const people = await Promise.all(Array.from({ length: USERS }, () => buildResident(t)));
    let rng = 20261201;
    const rand = (n: number) => {
      rng = (rng * 1103515245 + 12345) % 2 ** 31;
      return rng % n;
    };
    const redeemed: Array<{ token: string; id: number }> = [];
    const ops: Array<() => Promise<unknown>> = [];
    for (let i = 0; i < OPS; i++) {
      const p = people[rand(USERS)];
      const kind = rand(10);
      if (kind < 4) ops.push(() => grantPoints(t, admin.token, p.id, 1 + rand(40)).catch(() => undefined));
      else if (kind < 6) ops.push(() => t.api('POST', '/api/v1/admin/points/adjustments', { token: admin.token, body: { userId: p.id, delta: -(1 + rand(20)), reason: '随机扣减测试' } }));
      else if (kind < 9)
        ops.push(async () => {
          const r = await t.api('POST', `/api/v1/rewards/${reward.body.id}/redemptions`, { token: p.token });
          if (r.status === 201) redeemed.push({ token: p.token, id: r.body.id });
        });
      else
        ops.push(async () => {
          const r = redeemed[rand(Math.max(1, redeemed.length))];
          if (r) await t.api('POST', `/api/v1/redemptions/${r.id}/cancel`, { token: r.token });
        });
    }
    const results = await Promise.all(ops.map((op) => op()));
    expect(results).toHaveLength(OPS);
    const report = await checkLedgerInvariant(t.deps.db, people.map((p) => p.id));
    expect(report.violations).toEqual([]);
    expect(report.entries).toBeGreaterThan(OPS / 4);
    for (const p of people) {
      const me = await t.api('GET', '/api/v1/me/points?limit=100', { token: p.token });
      const [acc] = await t.deps.db.select().from(pointsAccounts).where(eq(pointsAccounts.userId, p.id));
      const entries = await t.deps.db.select().from(pointsEntries).where(eq(pointsEntries.userId, p.id));
      const sum = entries.reduce((s, e) => s + e.delta, 0);
      expect(acc?.balance ?? 0).toBe(sum);
      expect(me.body.balance).toBe(sum);
      expect(sum).toBeGreaterThanOrEqual(0);
    }
    // 160 requests at once: ~20 s on an idle machine, 80–90 s measured at load average 20 on 2 cores.
  }, 180_000);
});

describe('leaderboards', () => {
  it('masks names', () => {
    expect(maskName('张秀英')).toBe('张*英');
    expect(maskName('李明')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });

  it('ranks volunteer hours and points earned by community and street for the month', async () => {
    const w = await worker1(t);
    // the posts start 1.5 h from now; the board counts them in their (Asia/Shanghai) month
    const month = monthOf(new Date(Date.now() + 1.5 * 3600_000));
    const a = await buildVolunteer(t, 1, '陈美玲');
    const b = await buildVolunteer(t, 1, '赵刚');
    const run = async (token: string, hours: number) => {
      const p = await buildPost(t, { hours, inHours: 1.5 });
      const s = await t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token });
      t.clock.set(new Date(p.startAt));
      await t.api('POST', `/api/v1/volunteer-signups/${s.body.id}/check-in`, { token: w.token, body: {} });
      t.clock.set(new Date(p.endAt));
      await t.api('POST', `/api/v1/volunteer-signups/${s.body.id}/check-out`, { token: w.token, body: {} });
      await t.api('POST', `/api/v1/volunteer-signups/${s.body.id}/approve`, { token: w.token, body: {} });
      t.clock.set(null);
    };
    await run(a.token, 3);
    await run(b.token, 1);
    const complex = await t.api('GET', '/api/v1/complexes/1', { token: a.token });
    const streetId = complex.body.streetId;
    expect((await t.api('GET', `/api/v1/leaderboards?scope=street&id=${streetId}`)).status).toBe(401);
    const hours = await t.api('GET', `/api/v1/leaderboards?scope=street&id=${streetId}&metric=hours&month=${month}`, { token: a.token });
    expect(hours.status).toBe(200);
    const names = hours.body.items.map((i: any) => i.name);
    expect(names).toEqual(expect.arrayContaining(['陈*玲', '赵*']));
    expect(names.indexOf('陈*玲')).toBeLessThan(names.indexOf('赵*'));
    expect(hours.body.items.find((i: any) => i.name === '陈*玲')).toMatchObject({ value: 3, isMe: true });
    const pts = await t.api('GET', `/api/v1/leaderboards?scope=street&id=${streetId}&metric=points&month=${month}`, { token: b.token });
    expect(pts.body.items.find((i: any) => i.name === '赵*')).toMatchObject({ value: 10, isMe: true });
    expect(JSON.stringify(pts.body)).not.toContain('陈美玲');
    const community = await t.api('GET', `/api/v1/leaderboards?scope=community&complexId=1&metric=hours&month=${month}`, { token: a.token });
    expect(community.body.items.map((i: any) => i.name)).toEqual(expect.arrayContaining(['陈*玲', '赵*']));
    expect((await t.api('GET', '/api/v1/leaderboards?scope=community&id=999999', { token: a.token })).status).toBe(404);
    expect((await t.api('GET', '/api/v1/leaderboards?scope=community', { token: a.token })).status).toBe(422);
    expect((await t.api('GET', '/api/v1/leaderboards?scope=street&id=1&month=2026-13', { token: a.token })).status).toBe(422);
  });
});

