import { and, eq } from 'drizzle-orm';
import { auditLogs, pointsEntries, redemptions, rewards } from '../../db/schema';
import { buildDistrictAdmin, buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { grantPoints, worker1 } from '../../../test/support/volunteer';
import { checkLedgerInvariant } from '../../domain/points/invariant';

let t: TestServer;
let admin: { id: number; token: string };
beforeAll(async () => {
  t = await startTestServer();
  admin = await buildDistrictAdmin(t);
});
afterAll(() => t.close());

let seq = 0;
async function buildReward(o: { stock?: number; pointsCost?: number; perUserLimit?: number; complexId?: number; token?: string } = {}) {
  const token = o.token ?? (await worker1(t)).token;
  const r = await t.api('POST', '/api/v1/rewards', {
    token,
    body: { complexId: o.complexId ?? 1, kind: 'goods', name: `无人超市 10 元券 ${++seq}`, pointsCost: o.pointsCost ?? 30, stock: o.stock ?? 10, perUserLimit: o.perUserLimit ?? 0 },
  });
  if (r.status !== 201) throw new Error(`reward: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: number; stock: number };
}

async function richResident(points: number) {
  const u = await buildResident(t);
  await grantPoints(t, admin.token, u.id, points);
  return u;
}

const redeem = (token: string, rewardId: number, key?: string) =>
  t.api('POST', `/api/v1/rewards/${rewardId}/redemptions`, { token, headers: key ? { 'idempotency-key': key } : {} });

describe('reward catalogue', () => {
  it('only workers of the complex manage it; stock changes are relative', async () => {
    const u = await buildResident(t);
    const w2 = await buildWorker(t, [2]);
    expect((await t.api('POST', '/api/v1/rewards', { body: {} })).status).toBe(401);
    await expect(buildReward({ token: u.token })).rejects.toThrow(/reward: 403/);
    await expect(buildReward({ token: w2.token })).rejects.toThrow(/reward: 403/);
    const r = await buildReward({ stock: 3 });
    const w = await worker1(t);
    expect((await t.api('PATCH', `/api/v1/rewards/${r.id}`, { token: w2.token, body: { addStock: 5 } })).status).toBe(403);
    expect((await t.api('PATCH', `/api/v1/rewards/${r.id}`, { token: w.token, body: { addStock: -4 } })).body.error.code).toBe('stock_negative');
    expect((await t.api('PATCH', `/api/v1/rewards/${r.id}`, { token: w.token, body: { addStock: 5 } })).body.stock).toBe(8);
    const archived = await t.api('PATCH', `/api/v1/rewards/${r.id}`, { token: w.token, body: { status: 'archived' } });
    expect(archived.body.available).toBe(false);
    expect((await t.api('GET', '/api/v1/rewards?complexId=1', { token: u.token })).body.items.some((i: any) => i.id === r.id)).toBe(false);
    expect((await t.api('GET', '/api/v1/rewards?complexId=1&view=all', { token: w.token })).body.items.some((i: any) => i.id === r.id)).toBe(true);
    expect((await t.api('GET', '/api/v1/rewards?complexId=1&view=all', { token: u.token })).status).toBe(403);
    expect((await t.api('GET', `/api/v1/rewards/${r.id}`, { token: u.token })).status).toBe(404);
  });
});

describe('valid period', () => {
  it('a reward outside its valid period is not listed and cannot be redeemed', async () => {
    const w = await worker1(t);
    const from = new Date(Date.now() + 86400_000);
    const r = await t.api('POST', '/api/v1/rewards', {
      token: w.token,
      body: { complexId: 1, kind: 'service', name: '下周开放的理发', pointsCost: 10, stock: 5, validFrom: from.toISOString(), validUntil: new Date(from.getTime() + 7 * 86400_000).toISOString() },
    });
    expect(r.body.available).toBe(false);
    const bad = await t.api('POST', '/api/v1/rewards', { token: w.token, body: { complexId: 1, kind: 'service', name: '颠倒的期限', pointsCost: 10, stock: 5, validFrom: from.toISOString(), validUntil: new Date(from.getTime() - 1).toISOString() } });
    expect(bad.status).toBe(422);
    const u = await richResident(50);
    expect((await t.api('GET', '/api/v1/rewards?complexId=1', { token: u.token })).body.items.some((i: any) => i.id === r.body.id)).toBe(false);
    const early = await redeem(u.token, r.body.id);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('reward_not_available');
    t.clock.set(new Date(from.getTime() + 3600_000));
    try {
      expect((await redeem(u.token, r.body.id)).status).toBe(201);
    } finally {
      t.clock.set(null);
    }
  });
});

describe('redemption', () => {
  it('40 people redeeming a reward with stock 10 at once: exactly 10 get it', async () => {
    const reward = await buildReward({ stock: 10, pointsCost: 50, perUserLimit: 1 });
    // four times the stock asks at once (100 cost 2.5× the time for the same race)
    const people = await Promise.all(Array.from({ length: 40 }, () => richResident(60)));
    const res = await Promise.all(people.map((p) => redeem(p.token, reward.id)));
    expect(res.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = res.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.body.error.code === 'out_of_stock')).toBe(true);
    const [row] = await t.deps.db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(row.stock).toBe(0);
    const taken = await t.deps.db.select().from(redemptions).where(eq(redemptions.rewardId, reward.id));
    expect(taken).toHaveLength(10);
    const report = await checkLedgerInvariant(t.deps.db, people.map((p) => p.id));
    expect(report.violations).toEqual([]);
    const balances = await Promise.all(people.map((p) => t.api('GET', '/api/v1/me/points', { token: p.token })));
    expect(balances.filter((b) => b.body.balance === 10)).toHaveLength(10);
    expect(balances.filter((b) => b.body.balance === 60)).toHaveLength(30);
  });

  it('100 points and five 30-point redemptions at once: at most 3 succeed, never negative', async () => {
    const reward = await buildReward({ stock: 100, pointsCost: 30, perUserLimit: 0 });
    const u = await richResident(100);
    const res = await Promise.all(Array.from({ length: 5 }, () => redeem(u.token, reward.id)));
    const ok = res.filter((r) => r.status === 201).length;
    expect(ok).toBe(3);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.error.code === 'insufficient_points')).toBe(true);
    const me = await t.api('GET', '/api/v1/me/points', { token: u.token });
    expect(me.body.balance).toBe(100 - 30 * ok);
    expect(me.body.items.every((i: any) => i.balanceAfter >= 0)).toBe(true);
    const [row] = await t.deps.db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(row.stock).toBe(100 - ok);
    expect((await checkLedgerInvariant(t.deps.db, [u.id])).ok).toBe(true);
  });

  it('the per-user limit holds when one person presses five times at once', async () => {
    const reward = await buildReward({ stock: 100, pointsCost: 10, perUserLimit: 2 });
    const u = await richResident(200);
    const res = await Promise.all(Array.from({ length: 5 }, () => redeem(u.token, reward.id)));
    expect(res.filter((r) => r.status === 201)).toHaveLength(2);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.error.code === 'redemption_limit_reached')).toBe(true);
  });

  it('a retried redeem with the same Idempotency-Key acts once', async () => {
    const reward = await buildReward({ stock: 5, pointsCost: 20 });
    const u = await richResident(100);
    const res = await Promise.all(Array.from({ length: 4 }, () => redeem(u.token, reward.id, 'redeem-retry-0001')));
    const ids = new Set(res.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(res.every((r) => r.status === 201 || (r.status === 409 && r.body.error.code === 'request_in_progress'))).toBe(true);
    expect((await t.api('GET', '/api/v1/me/points', { token: u.token })).body.balance).toBe(80);
  });

  it('code → counter verification by a worker of that complex only → fulfilled; no cancel after', async () => {
    const reward = await buildReward({ pointsCost: 40 });
    const u = await richResident(100);
    const r = await redeem(u.token, reward.id);
    expect(r.status).toBe(201);
    expect(r.body.shortCode).toMatch(/^\d{8}$/);
    expect(r.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const other = await buildResident(t);
    expect((await t.api('GET', `/api/v1/redemptions/${r.body.id}`, { token: other.token })).status).toBe(404);
    expect((await t.api('POST', `/api/v1/redemptions/${r.body.id}/cancel`, { token: other.token })).status).toBe(404);

    const w = await worker1(t);
    const w2 = await buildWorker(t, [2]);
    expect((await t.api('POST', '/api/v1/redemptions/verify', { token: u.token, body: { code: r.body.shortCode } })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/redemptions/verify', { token: w2.token, body: { code: r.body.code } })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/redemptions/verify', { body: { code: r.body.code } })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/redemptions/verify', { token: w.token, body: { code: `${r.body.code.slice(0, -2)}xx` } })).status).toBe(404);
    const look = await t.api('GET', `/api/v1/redemptions/lookup?code=${r.body.shortCode}`, { token: w.token });
    expect(look.body).toMatchObject({ id: r.body.id, status: 'pending' });
    const done = await t.api('POST', '/api/v1/redemptions/verify', { token: w.token, body: { code: r.body.code } });
    expect(done.body).toMatchObject({ id: r.body.id, status: 'fulfilled', code: null });
    const twice = await t.api('POST', '/api/v1/redemptions/verify', { token: w.token, body: { code: r.body.shortCode } });
    expect(twice.body.error.code).toBe('already_fulfilled');
    const cancel = await t.api('POST', `/api/v1/redemptions/${r.body.id}/cancel`, { token: u.token });
    expect(cancel.body.error.code).toBe('already_fulfilled');
    const [log] = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'redemption.fulfil'), eq(auditLogs.targetId, String(r.body.id))));
    expect(log.actorId).toBe(w.id);
  });

  it('cancelling before fulfilment refunds once and returns the stock, however often it is pressed', async () => {
    const reward = await buildReward({ stock: 1, pointsCost: 40 });
    const u = await richResident(100);
    const r = await redeem(u.token, reward.id);
    const res = await Promise.all(Array.from({ length: 4 }, () => t.api('POST', `/api/v1/redemptions/${r.body.id}/cancel`, { token: u.token })));
    expect(res.every((x) => x.status === 200 && x.body.status === 'cancelled')).toBe(true);
    const me = await t.api('GET', '/api/v1/me/points', { token: u.token });
    expect(me.body.balance).toBe(100);
    expect(me.body.items[0]).toMatchObject({ reason: 'redemption_refund', delta: 40, description: expect.stringContaining('退回 +40') });
    const refunds = await t.deps.db.select().from(pointsEntries).where(and(eq(pointsEntries.userId, u.id), eq(pointsEntries.reason, 'redemption_refund')));
    expect(refunds).toHaveLength(1);
    const [row] = await t.deps.db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(row.stock).toBe(1);
    const byShort = await t.api('POST', '/api/v1/redemptions/verify', { token: (await worker1(t)).token, body: { code: r.body.shortCode } });
    expect(byShort.body.error.code).toBe('redemption_cancelled');
    const byQr = await t.api('POST', '/api/v1/redemptions/verify', { token: (await worker1(t)).token, body: { code: r.body.code } });
    expect(byQr.body.error.code).toBe('redemption_cancelled');
    const mine = await t.api('GET', '/api/v1/me/redemptions', { token: u.token });
    expect(mine.body.items[0]).toMatchObject({ id: r.body.id, status: 'cancelled', code: null, shortCode: null });
  });
});
