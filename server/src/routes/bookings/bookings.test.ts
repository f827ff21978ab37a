import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { activities, auditLogs, bookings } from '../../db/schema';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { buildBranchAdmin, buildResident, buildWorker, buildDistrictAdmin } from '../../../test/support/factories';
import { createActivity, inBatches } from '../../../test/support/booking';

let t: TestServer;
let worker: { id: number; token: string };
const T0 = '2026-12-01T01:00:00.000Z'; // Tuesday 09:00 in Shanghai
const H = 3_600_000;
const D = 86_400_000;

beforeAll(async () => {
  t = await startTestServer({ MAX_ACTIVE_BOOKINGS: '5' });
  t.clock.set(T0);
  worker = await buildWorker(t, [1]);
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(T0));

const book = (id: number, token: string, headers?: Record<string, string>) => t.api('POST', `/api/v1/activities/${id}/bookings`, { token, headers });

async function dbCounts(activityId: number) {
  const [a] = await t.deps.db.select().from(activities).where(eq(activities.id, activityId));
  const rows = await t.deps.db
    .select({ status: bookings.status, n: sql<number>`COUNT(*)` })
    .from(bookings)
    .where(eq(bookings.activityId, activityId))
    .groupBy(bookings.status);
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  return { bookedCount: a.bookedCount, waitlistCount: a.waitlistCount, booked: by.booked ?? 0, waitlisted: by.waitlisted ?? 0 };
}

describe('access', () => {
  it('needs a token', async () => {
    expect((await t.api('POST', '/api/v1/activities/1/bookings')).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me/bookings')).status).toBe(401);
    expect((await t.api('POST', '/api/v1/activities', { body: {} })).status).toBe(401);
  });

  it('lets only the complex workers and paired branches publish', async () => {
    const resident = await buildResident(t);
    const body = { complexId: 1, title: '居民自办', startAt: '2026-12-05T01:00:00Z', endAt: '2026-12-05T02:00:00Z', capacity: 5 };
    const r1 = await t.api('POST', '/api/v1/activities', { token: resident.token, body });
    expect(r1.status).toBe(403);
    expect(r1.body.error.code).toBe('forbidden');
    const other = await buildWorker(t, [2]);
    expect((await t.api('POST', '/api/v1/activities', { token: other.token, body })).status).toBe(403);

    // branch 1 is paired with complexes 1 and 6, not 2
    const branch = await buildBranchAdmin(t, 1);
    const ok = await t.api('POST', '/api/v1/activities', { token: branch.token, body: { ...body, title: '支部送服务', serviceItemId: 1 } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ organizerBranchId: 1, serviceItemId: 1, waitlistCapacity: 0, status: 'published', bookedCount: 0 });
    const no = await t.api('POST', '/api/v1/activities', { token: branch.token, body: { ...body, complexId: 2 } });
    expect(no.status).toBe(403);

    // the branch runs its own offering, not the complex's other activities
    const mine = await t.api('GET', `/api/v1/activities/${ok.body.id}/roster`, { token: branch.token });
    expect(mine.status).toBe(200);
    const a = await createActivity(t, worker.token);
    expect((await t.api('GET', `/api/v1/activities/${a.id}/roster`, { token: branch.token })).status).toBe(403);
    expect((await t.api('GET', `/api/v1/activities/${a.id}/roster`, { token: other.token })).status).toBe(403);
    expect((await t.api('PATCH', `/api/v1/activities/${a.id}`, { token: other.token, body: { capacity: 3 } })).status).toBe(403);
  });

  it('validates the activity fields in Chinese', async () => {
    const r = await t.api('POST', '/api/v1/activities', {
      token: worker.token,
      body: { complexId: 1, title: '时间反了', startAt: '2026-12-05T03:00:00Z', endAt: '2026-12-05T02:00:00Z', capacity: 0 },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields.capacity).toMatch(/至少/);
    const r2 = await t.api('POST', '/api/v1/activities', {
      token: worker.token,
      body: { complexId: 1, title: '时间反了', startAt: '2026-12-05T03:00:00Z', endAt: '2026-12-05T02:00:00Z', capacity: 3 },
    });
    expect(r2.status).toBe(422);
    expect(r2.body.error.details.fields.endAt).toBe('结束时间必须晚于开始时间');
  });

  it('hides drafts from residents', async () => {
    const a = await createActivity(t, worker.token, { title: '草稿活动', status: 'draft' });
    const resident = await buildResident(t);
    expect((await t.api('GET', `/api/v1/activities/${a.id}`, { token: resident.token })).status).toBe(404);
    const b = await book(a.id, resident.token);
    expect(b.status).toBe(404);
    const list = await t.api('GET', '/api/v1/activities?complexId=1&limit=100', { token: resident.token });
    expect(list.body.items.map((x: any) => x.id)).not.toContain(a.id);
    const managed = await t.api('GET', '/api/v1/activities?manage=1&limit=100', { token: worker.token });
    expect(managed.body.items.map((x: any) => x.id)).toContain(a.id);
    await t.api('PATCH', `/api/v1/activities/${a.id}`, { token: worker.token, body: { status: 'published' } });
    expect((await book(a.id, resident.token)).status).toBe(201);
  });
});

describe('never oversold', () => {
  it('200 distinct users at once for 20 seats and 10 waitlist places', async () => {
    const a = await createActivity(t, worker.token, { capacity: 20, waitlistCapacity: 10 });
    const users = await inBatches(Array.from({ length: 200 }), 20, () => buildResident(t));
    const res = await Promise.all(users.map((u) => book(a.id, u.token)));
    const by = (s: string) => res.filter((r) => r.body?.status === s).length;
    expect(by('booked')).toBe(20);
    expect(by('waitlisted')).toBe(10);
    const full = res.filter((r) => r.status === 409);
    expect(full).toHaveLength(170);
    expect(full.every((r) => r.body.error.code === 'activity_full')).toBe(true);
    expect(res.filter((r) => r.status === 201)).toHaveLength(30);
    expect(await dbCounts(a.id)).toEqual({ bookedCount: 20, waitlistCount: 10, booked: 20, waitlisted: 10 });
    const detail = await t.api('GET', `/api/v1/activities/${a.id}`, { token: users[0].token });
    expect(detail.body).toMatchObject({ bookedCount: 20, waitlistCount: 10, seatsLeft: 0 });
  });

  it('the same user firing 10 times at once gets one booking', async () => {
    const a = await createActivity(t, worker.token, { capacity: 5 });
    const u = await buildResident(t);
    const res = await Promise.all(Array.from({ length: 10 }, () => book(a.id, u.token)));
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.error.code === 'already_booked')).toBe(true);
    expect(await dbCounts(a.id)).toMatchObject({ bookedCount: 1, booked: 1 });
  });

  it('the same Idempotency-Key 10 times at once acts once and answers the same', async () => {
    const a = await createActivity(t, worker.token, { capacity: 5 });
    const u = await buildResident(t);
    const headers = { 'Idempotency-Key': `book-${a.id}-${u.id}-abc` };
    const res = await Promise.all(Array.from({ length: 10 }, () => book(a.id, u.token, headers)));
    expect(res.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(res.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(res[0].body).toMatchObject({ activityId: a.id, status: 'booked' });
    expect(await dbCounts(a.id)).toMatchObject({ bookedCount: 1, booked: 1 });
  });

  it('one user booking 8 activities at once stops at the limit of 5 upcoming', async () => {
    const acts = await Promise.all(Array.from({ length: 8 }, (_, i) => createActivity(t, worker.token, { title: `限额 ${i}` })));
    const u = await buildResident(t);
    const res = await Promise.all(acts.map((a) => book(a.id, u.token)));
    expect(res.filter((r) => r.status === 201)).toHaveLength(5);
    const refused = res.filter((r) => r.status === 409);
    expect(refused).toHaveLength(3);
    expect(refused.every((r) => r.body.error.code === 'booking_limit_reached')).toBe(true);
    const total = acts.reduce(async (p, a) => (await p) + (await dbCounts(a.id)).bookedCount, Promise.resolve(0));
    expect(await total).toBe(5);
    // cancelling one frees the quota
    const mine = await t.api('GET', '/api/v1/me/bookings?scope=upcoming', { token: u.token });
    expect(mine.body.items).toHaveLength(5);
    await t.api('POST', `/api/v1/bookings/${mine.body.items[0].id}/cancel`, { token: u.token });
    const again = acts.find((a) => !mine.body.items.some((m: any) => m.activityId === a.id))!;
    expect((await book(again.id, u.token)).status).toBe(201);
  });
});

describe('cancellation and the waitlist', () => {
  it('gives a freed seat to the first waitlisted person and tells them', async () => {
    const a = await createActivity(t, worker.token, { capacity: 1, waitlistCapacity: 2, title: '候补测试' });
    const [x, y, z] = [await buildResident(t), await buildResident(t), await buildResident(t)];
    const bx = await book(a.id, x.token);
    const by = await book(a.id, y.token);
    const bz = await book(a.id, z.token);
    expect([bx.body.status, by.body.status, bz.body.status]).toEqual(['booked', 'waitlisted', 'waitlisted']);
    const dz = await t.api('GET', `/api/v1/activities/${a.id}`, { token: z.token });
    expect(dz.body.myBooking).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const c = await t.api('POST', `/api/v1/bookings/${bx.body.id}/cancel`, { token: x.token });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ id: bx.body.id, activityId: a.id, status: 'cancelled' });
    const dy = await t.api('GET', `/api/v1/activities/${a.id}`, { token: y.token });
    expect(dy.body.myBooking.status).toBe('booked');
    expect(dy.body).toMatchObject({ bookedCount: 1, waitlistCount: 1 });
    const notes = await t.api('GET', '/api/v1/me/notifications', { token: y.token });
    expect(notes.body.items[0]).toMatchObject({ kind: 'booking_promoted' });
    expect(notes.body.items[0].title).toContain('候补测试');
    const dz2 = await t.api('GET', `/api/v1/activities/${a.id}`, { token: z.token });
    expect(dz2.body.myBooking).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(await dbCounts(a.id)).toEqual({ bookedCount: 1, waitlistCount: 1, booked: 1, waitlisted: 1 });

    // cancelled twice → 409; a cancelled user may book again
    expect((await t.api('POST', `/api/v1/bookings/${bx.body.id}/cancel`, { token: x.token })).body.error.code).toBe('booking_not_active');
    expect((await book(a.id, x.token)).body.status).toBe('waitlisted');
  });

  it('refuses cancelling after the deadline (default 2 h before start)', async () => {
    const start = new Date(Date.parse(T0) + 5 * H);
    const a = await createActivity(t, worker.token, { startAt: start.toISOString(), endAt: new Date(start.getTime() + H).toISOString() });
    const u = await buildResident(t);
    const b = await book(a.id, u.token);
    t.clock.set(new Date(start.getTime() - 2 * H - 60_000));
    const d = await t.api('GET', `/api/v1/activities/${a.id}`, { token: u.token });
    expect(d.body.myBooking.canCancel).toBe(true);
    t.clock.set(new Date(start.getTime() - 2 * H + 60_000));
    const late = await t.api('POST', `/api/v1/bookings/${b.body.id}/cancel`, { token: u.token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('cancel_deadline_passed');
    expect(late.body.error.message).toContain('2 小时');
  });

  it('shows canCancel by the same deadline on the detail and on the list (seat and waitlist)', async () => {
    const start = new Date(Date.parse(T0) + 5 * H);
    const a = await createActivity(t, worker.token, {
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + H).toISOString(),
      capacity: 1,
      waitlistCapacity: 1,
    });
    const [seat, wait] = [await buildResident(t), await buildResident(t)];
    expect((await book(a.id, seat.token)).body.status).toBe('booked');
    expect((await book(a.id, wait.token)).body.status).toBe('waitlisted');
    const shown = async (token: string) => {
      const detail = await t.api('GET', `/api/v1/activities/${a.id}`, { token });
      const list = await t.api('GET', '/api/v1/me/bookings', { token });
      const row = list.body.items.find((b: any) => b.activityId === a.id);
      return { detail: detail.body.myBooking.canCancel, list: row.canCancel };
    };
    // before the seat's deadline (2 h before the start): both may cancel, on both screens
    t.clock.set(new Date(start.getTime() - 2 * H - 60_000));
    expect(await shown(seat.token)).toEqual({ detail: true, list: true });
    expect(await shown(wait.token)).toEqual({ detail: true, list: true });
    // after the deadline: the seat no longer, the waitlist place still (until the start)
    t.clock.set(new Date(start.getTime() - 2 * H + 60_000));
    expect(await shown(seat.token)).toEqual({ detail: false, list: false });
    expect(await shown(wait.token)).toEqual({ detail: true, list: true });
    // from the start: neither
    t.clock.set(new Date(start.getTime() + 60_000));
    expect(await shown(wait.token)).toEqual({ detail: false, list: false });
  });

  it('answers 404 for someone else\'s booking', async () => {
    const a = await createActivity(t, worker.token);
    const [x, y] = [await buildResident(t), await buildResident(t)];
    const b = await book(a.id, x.token);
    const r = await t.api('POST', `/api/v1/bookings/${b.body.id}/cancel`, { token: y.token });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect((await t.api('GET', `/api/v1/bookings/${b.body.id}/qr`, { token: y.token })).status).toBe(404);
    expect((await t.api('GET', `/api/v1/bookings/${b.body.id}/qr`, { token: x.token })).body.dataUrl).toMatch(/^data:image\/png;base64,/);
  });

  it('calling an activity off cancels every booking and tells everyone', async () => {
    const a = await createActivity(t, worker.token, { capacity: 1, waitlistCapacity: 1, title: '因雨取消' });
    const [x, y] = [await buildResident(t), await buildResident(t)];
    await book(a.id, x.token);
    await book(a.id, y.token);
    const resident = await t.api('POST', `/api/v1/activities/${a.id}/cancel`, { token: x.token, body: { reason: '天气原因' } });
    expect(resident.status).toBe(403);
    const r = await t.api('POST', `/api/v1/activities/${a.id}/cancel`, { token: worker.token, body: { reason: '天气原因' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'cancelled', notified: 2, bookedCount: 0 });
    for (const u of [x, y]) {
      const n = await t.api('GET', '/api/v1/me/notifications', { token: u.token });
      expect(n.body.items[0]).toMatchObject({ kind: 'activity_cancelled' });
      expect(n.body.items[0].body).toContain('天气原因');
    }
    expect((await book(a.id, (await buildResident(t)).token)).body.error.code).toBe('booking_closed');
  });

  it('raising the capacity moves the waitlist up; lowering below the booked is refused', async () => {
    const a = await createActivity(t, worker.token, { capacity: 1, waitlistCapacity: 3 });
    const us = [await buildResident(t), await buildResident(t), await buildResident(t)];
    for (const u of us) await book(a.id, u.token);
    const r = await t.api('PATCH', `/api/v1/activities/${a.id}`, { token: worker.token, body: { capacity: 2 } });
    expect(r.body).toMatchObject({ capacity: 2, bookedCount: 2, waitlistCount: 1 });
    const low = await t.api('PATCH', `/api/v1/activities/${a.id}`, { token: worker.token, body: { capacity: 1 } });
    expect(low.status).toBe(409);
    expect(low.body.error.code).toBe('capacity_below_booked');
  });
});

describe('booking window, suspension', () => {
  it('is closed before it opens and after it closes', async () => {
    const opens = new Date(Date.parse(T0) + D);
    const a = await createActivity(t, worker.token, { bookingOpensAt: opens.toISOString() });
    const u = await buildResident(t);
    const early = await book(a.id, u.token);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('booking_closed');
    expect(early.body.error.message).toContain('12月2日 09:00');
    t.clock.set(opens);
    expect((await book(a.id, u.token)).status).toBe(201);
    t.clock.set(new Date(Date.parse(a.startAt) + 60_000));
    const late = await book(a.id, (await buildResident(t)).token);
    expect(late.body.error.code).toBe('booking_closed');
  });

  it('suspends booking for 7 days after 3 no-shows within 30 days', async () => {
    const u = await buildResident(t);
    const present = await buildResident(t);
    const ends: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = Date.parse(T0) + (i + 1) * D;
      const a = await createActivity(t, worker.token, { startAt: new Date(start).toISOString(), endAt: new Date(start + H).toISOString(), title: `爽约 ${i}` });
      expect((await book(a.id, u.token)).status).toBe(201);
      // the activity took place: someone else came (only those count towards a suspension)
      const came = await book(a.id, present.token);
      await t.deps.db.update(bookings).set({ status: 'checked_in' }).where(eq(bookings.id, came.body.id));
      ends.push(start + H);
    }
    const next = await createActivity(t, worker.token, { startAt: new Date(Date.parse(T0) + 20 * D).toISOString(), endAt: new Date(Date.parse(T0) + 20 * D + H).toISOString() });
    t.clock.set(new Date(ends[2] + 60_000));
    const r = await book(next.id, u.token);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('booking_suspended');
    // 7 days after the third no-show: 12-04 10:00 Shanghai + 7 days
    expect(r.body.error.message).toContain('2026年12月11日');
    const mine = await t.api('GET', '/api/v1/me/bookings', { token: u.token });
    expect(mine.body.items.filter((b: any) => b.status === 'no_show')).toHaveLength(3);
    t.clock.set(new Date(ends[2] + 7 * D + 60_000));
    expect((await book(next.id, u.token)).status).toBe(201);
  });

  it('the periodic sweep settles everyone (district admin endpoint)', async () => {
    const start = Date.parse(T0) + 2 * H;
    const a = await createActivity(t, worker.token, { startAt: new Date(start).toISOString(), endAt: new Date(start + H).toISOString() });
    const u = await buildResident(t);
    await book(a.id, u.token);
    t.clock.set(new Date(start + 2 * H));
    const admin = await buildDistrictAdmin(t);
    expect((await t.api('POST', '/api/v1/bookings/settle', { token: worker.token })).status).toBe(403);
    const r = await t.api('POST', '/api/v1/bookings/settle', { token: admin.token });
    expect(r.status).toBe(200);
    expect(r.body.noShows).toBeGreaterThanOrEqual(1);
    const audit = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'booking.settle'), eq(auditLogs.actorId, admin.id)));
    expect(audit.map((a) => [a.targetType, a.targetId, a.detail])).toEqual([[null, null, { noShows: r.body.noShows, suspended: r.body.suspended }]]);
    expect(audit[0].requestId).toBeTruthy();
    const [row] = await t.deps.db.select().from(bookings).where(and(eq(bookings.activityId, a.id), eq(bookings.userId, u.id)));
    expect(row.status).toBe('no_show');
    const [act] = await t.deps.db.select().from(activities).where(eq(activities.id, a.id));
    expect(act.status).toBe('finished');
  });
});

describe('check-in', () => {
  it('rotating venue code: opens 30 min before, credits the points reward once', async () => {
    const start = Date.parse(T0) + 3 * H;
    const a = await createActivity(t, worker.token, { startAt: new Date(start).toISOString(), endAt: new Date(start + H).toISOString(), pointsReward: 5, title: '签到积分' });
    const u = await buildResident(t);
    await book(a.id, u.token);
    const resident = await t.api('GET', `/api/v1/activities/${a.id}/checkin-code`, { token: u.token });
    expect(resident.status).toBe(403);

    const early = await t.api('GET', `/api/v1/activities/${a.id}/checkin-code`, { token: worker.token });
    expect(early.body.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await t.api('POST', '/api/v1/checkins', { token: u.token, body: { code: early.body.code } })).body.error.code).toBe('checkin_not_open');

    t.clock.set(new Date(start - 20 * 60_000));
    const code = (await t.api('GET', `/api/v1/activities/${a.id}/checkin-code`, { token: worker.token })).body.code;
    const stranger = await buildResident(t);
    expect((await t.api('POST', '/api/v1/checkins', { token: stranger.token, body: { code } })).body.error.code).toBe('not_booked');
    const first = await t.api('POST', '/api/v1/checkins', { token: u.token, body: { code } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'checked_in', pointsAwarded: 5, alreadyCheckedIn: false, title: '签到积分' });
    const again = await t.api('POST', '/api/v1/checkins', { token: u.token, body: { code } });
    expect(again.body).toMatchObject({ pointsAwarded: 0, alreadyCheckedIn: true });
    const points = await t.api('GET', '/api/v1/me/points', { token: u.token });
    expect(points.body.balance).toBe(5);
    expect(points.body.items[0].description).toContain('参加「签到积分」签到');

    t.clock.advance(61_000);
    const stale = await t.api('POST', '/api/v1/checkins', { token: stranger.token, body: { code } });
    expect(stale.body.error.code).toBe('checkin_code_expired');
  });

  it('says why a check-in paid less than the activity offered: the daily cap (50), in words', async () => {
    const start = t.clock.now().getTime() + 10 * 60_000;
    const u = await buildResident(t);
    const checkIn = async (title: string) => {
      const a = await createActivity(t, worker.token, { startAt: new Date(start).toISOString(), endAt: new Date(start + H).toISOString(), pointsReward: 40, title });
      await book(a.id, u.token);
      const code = (await t.api('GET', `/api/v1/activities/${a.id}/checkin-code`, { token: worker.token })).body.code;
      return (await t.api('POST', '/api/v1/checkins', { token: u.token, body: { code } })).body;
    };
    const first = await checkIn('上限一');
    expect(first).toMatchObject({ pointsAwarded: 40, pointsOffered: 40 });
    expect(first.pointsNote).toBeUndefined();
    const second = await checkIn('上限二');
    expect(second).toMatchObject({ pointsAwarded: 10, pointsOffered: 40 });
    expect(second.pointsNote).toContain('实得 10 分');
    expect(second.pointsNote).toContain('每天最多 50 分');
    const third = await checkIn('上限三');
    expect(third).toMatchObject({ pointsAwarded: 0, alreadyCheckedIn: false });
    expect(third.pointsNote).toContain('不再加分');
  });

  it('an activity someone has checked in to can no longer be cancelled, even when both happen at once', async () => {
    const start = Date.parse(T0) + H;
    const a = await createActivity(t, worker.token, { startAt: new Date(start).toISOString(), endAt: new Date(start + H).toISOString() });
    const u = await buildResident(t);
    await book(a.id, u.token);
    t.clock.set(new Date(start - 10 * 60_000));
    const code = (await t.api('GET', `/api/v1/activities/${a.id}/checkin-code`, { token: worker.token })).body.code;
    const [checkin, cancel] = await Promise.all([
      t.api('POST', '/api/v1/checkins', { token: u.token, body: { code } }),
      t.api('POST', `/api/v1/activities/${a.id}/cancel`, { token: worker.token, body: { reason: '场地临时维修' } }),
    ]);
    // exactly one wins: a checked-in booking never sits on a cancelled activity
    expect([checkin.status, cancel.status].sort()).toEqual([200, 409]);
    const detail = await t.api('GET', `/api/v1/activities/${a.id}`, { token: u.token });
    const roster = await t.api('GET', `/api/v1/activities/${a.id}/roster`, { token: worker.token });
    // the roster's counts always carry a checked_in key: count the rows, not the word
    const checkedIn = roster.body.counts.checked_in > 0;
    expect(detail.body.status === 'cancelled' && checkedIn).toBe(false);
    if (checkin.status === 200) expect(cancel.body.error.code).toBe('activity_in_progress');
  });

  it('staff scan the resident\'s booking code; only staff of that activity', async () => {
    const start = Date.parse(T0) + H;
    const a = await createActivity(t, worker.token, { startAt: new Date(start).toISOString(), endAt: new Date(start + H).toISOString(), pointsReward: 2 });
    const u = await buildResident(t);
    const b = await book(a.id, u.token);
    const mine = await t.api('GET', '/api/v1/me/bookings', { token: u.token });
    const code = mine.body.items.find((x: any) => x.id === b.body.id).code;
    t.clock.set(new Date(start + 10 * 60_000));
    const other = await buildWorker(t, [3]);
    expect((await t.api('POST', '/api/v1/checkins/scan', { token: other.token, body: { code } })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/checkins/scan', { token: u.token, body: { code } })).status).toBe(403);
    const r = await t.api('POST', '/api/v1/checkins/scan', { token: worker.token, body: { code, activityId: a.id } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ userId: u.id, pointsAwarded: 2 });
    const roster = await t.api('GET', `/api/v1/activities/${a.id}/roster`, { token: worker.token });
    expect(roster.body.items[0]).toMatchObject({ userId: u.id, status: 'checked_in', statusLabel: '已签到' });
    expect(roster.body.counts.checked_in).toBe(1);
  });

  it('exports the roster as xlsx', async () => {
    const a = await createActivity(t, worker.token, { title: '导出名单' });
    const us = [await buildResident(t), await buildResident(t)];
    for (const u of us) await book(a.id, u.token);
    const res = await fetch(`${t.url}/api/v1/activities/${a.id}/roster.xlsx`, { headers: { authorization: `Bearer ${worker.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    const ws = wb.getWorksheet('报名名单')!;
    expect(String(ws.getCell('A1').value)).toContain('导出名单');
    expect(ws.rowCount).toBe(4);
    expect(String(ws.getCell('E3').value)).toBe('已预约');
    expect(String(ws.getCell('D3').value)).toMatch(/^\d{3}\*{4}\d{4}$/);
  });
});

describe('listing', () => {
  it('filters by complex, category, elder-friendly and pages with a cursor', async () => {
    const tag = `分类${Date.now() % 10000}`;
    for (let i = 0; i < 3; i++) await createActivity(t, worker.token, { title: `长辈 ${i}`, category: tag, elderFriendly: i < 2 });
    const u = await buildResident(t);
    const all = await t.api('GET', `/api/v1/activities?complexId=1&category=${encodeURIComponent(tag)}`, { token: u.token });
    expect(all.body.items).toHaveLength(3);
    const elder = await t.api('GET', `/api/v1/activities?category=${encodeURIComponent(tag)}&elderFriendly=1`, { token: u.token });
    expect(elder.body.items).toHaveLength(2);
    const p1 = await t.api('GET', `/api/v1/activities?category=${encodeURIComponent(tag)}&limit=2`, { token: u.token });
    const p2 = await t.api('GET', `/api/v1/activities?category=${encodeURIComponent(tag)}&limit=2&cursor=${p1.body.nextCursor}`, { token: u.token });
    expect([...p1.body.items, ...p2.body.items].map((x: any) => x.id)).toEqual(all.body.items.map((x: any) => x.id));
    expect(p2.body.nextCursor).toBeNull();
    const none = await t.api('GET', `/api/v1/activities?complexId=2&category=${encodeURIComponent(tag)}`, { token: u.token });
    expect(none.body.items).toHaveLength(0);
  });
});
