import { eq } from 'drizzle-orm';
import { activities, notifications, pointsEntries } from '../../db/schema';
import { buildBranchAdmin, buildDistrictAdmin, buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { BRANCH_1, UNPAIRED_COMPLEX, book, offeringBody, publish } from '../../../test/support/offerings';

let t: TestServer;
let a: { id: number; token: string }; // branch 1
let b: { id: number; token: string }; // branch 2
beforeAll(async () => {
  t = await startTestServer();
  a = await buildBranchAdmin(t, BRANCH_1);
  b = await buildBranchAdmin(t, 2);
});
afterEach(() => t.clock.set(null));
afterAll(() => t.close());

describe('publishing offerings', () => {
  it('a branch admin publishes a catalogue item at a paired complex: an activity residents see', async () => {
    const r = await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: a.token, body: offeringBody(t, { serviceItemId: 7 }) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ branchId: 1, complexId: 1, serviceItemId: 7, serviceItemName: '义诊与健康体检', categoryName: '医疗健康', title: '义诊与健康体检', capacity: 10, bookedCount: 0, volunteersNeeded: 2, status: 'published', canManage: true, myBooking: null });
    const [row] = await t.deps.db.select().from(activities).where(eq(activities.id, r.body.id));
    expect(row).toMatchObject({ organizerBranchId: 1, serviceItemId: 7, createdBy: a.id, status: 'published', category: '医疗健康' });
    const pub = await t.api('GET', `/api/v1/offerings/${r.body.id}`);
    expect(pub.body).toMatchObject({ id: r.body.id, canManage: false, myBooking: null });
    expect(pub.body.record).toBeUndefined();
  });

  it('403 at a complex the branch is not paired with, and for another branch', async () => {
    const unpaired = await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: a.token, body: offeringBody(t, { complexId: UNPAIRED_COMPLEX }) });
    expect(unpaired.status).toBe(403);
    expect(unpaired.body.error.message).toContain('未与该民生综合体结对');
    const other = await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: b.token, body: offeringBody(t) });
    expect(other.status).toBe(403);
    const worker = await buildWorker(t, [1]);
    expect((await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: worker.token, body: offeringBody(t) })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: (await buildResident(t)).token, body: offeringBody(t) })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { body: offeringBody(t) })).status).toBe(401);
    const admin = await buildDistrictAdmin(t);
    expect((await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: admin.token, body: offeringBody(t, { complexId: UNPAIRED_COMPLEX }) })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: admin.token, body: offeringBody(t) })).status).toBe(201);
  });

  it('422 for times in the past or backwards, unknown items, bad capacity; one offering per Idempotency-Key', async () => {
    const past = await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: a.token, body: offeringBody(t, {}, -1) });
    expect(past.status).toBe(422);
    expect(past.body.error.details.fields.startAt).toBe('开始时间必须晚于现在');
    const body = offeringBody(t);
    const backwards = await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: a.token, body: { ...body, endAt: body.startAt } });
    expect(backwards.body.error.details.fields.endAt).toBeTruthy();
    const item = await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: a.token, body: offeringBody(t, { serviceItemId: 99999 }) });
    expect(item.body.error.details.fields.serviceItemId).toBeTruthy();
    expect((await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: a.token, body: offeringBody(t, { capacity: 0 }) })).body.error.details.fields.capacity).toBe('名额至少 1 人');
    expect((await t.api('POST', '/api/v1/branches/9999/offerings', { token: a.token, body: offeringBody(t) })).status).toBe(404);

    const headers = { 'idempotency-key': `offer-${Date.now()}` };
    // a retry sends the same body (the same key with another body is 422 idempotency_key_reused)
    const retryBody = offeringBody(t, { title: '幂等测试' });
    const first = await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: a.token, body: retryBody, headers });
    const second = await t.api('POST', `/api/v1/branches/${BRANCH_1}/offerings`, { token: a.token, body: retryBody, headers });
    expect(second.body.id).toBe(first.body.id);
    expect(await t.deps.db.select().from(activities).where(eq(activities.title, '幂等测试'))).toHaveLength(1);
  });
});

describe('editing and cancelling', () => {
  it('only the organizing branch edits or cancels (403 for branch B)', async () => {
    const o = await publish(t, a.token);
    expect((await t.api('PATCH', `/api/v1/offerings/${o.id}`, { token: b.token, body: { capacity: 20 } })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/offerings/${o.id}/cancel`, { token: b.token, body: {} })).status).toBe(403);
    expect((await t.api('GET', `/api/v1/offerings/${o.id}/roster`, { token: b.token })).status).toBe(403);
    expect((await t.api('PATCH', `/api/v1/offerings/${o.id}`, { token: (await buildResident(t)).token, body: { capacity: 20 } })).status).toBe(403);
    expect((await t.api('PATCH', `/api/v1/offerings/${o.id}`, { body: { capacity: 20 } })).status).toBe(401);
    const ok = await t.api('PATCH', `/api/v1/offerings/${o.id}`, { token: a.token, body: { capacity: 20, title: '血压测量', location: '一楼健康小屋' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ capacity: 20, title: '血压测量', location: '一楼健康小屋' });
    expect((await t.api('PATCH', '/api/v1/offerings/99999', { token: a.token, body: { capacity: 2 } })).status).toBe(404);
  });

  it('capacity never drops below the seats taken', async () => {
    const o = await publish(t, a.token, BRANCH_1, { capacity: 5 });
    for (let i = 0; i < 3; i++) await book(t, o.id);
    const r = await t.api('PATCH', `/api/v1/offerings/${o.id}`, { token: a.token, body: { capacity: 2 } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('capacity_below_booked');
    expect((await t.api('PATCH', `/api/v1/offerings/${o.id}`, { token: a.token, body: { capacity: 3 } })).body.capacity).toBe(3);
  });

  it('cancelling frees every booking and tells the residents; a cancelled offering cannot be edited', async () => {
    const o = await publish(t, a.token);
    const { resident: r1 } = await book(t, o.id);
    await book(t, o.id);
    const c = await t.api('POST', `/api/v1/offerings/${o.id}/cancel`, { token: a.token, body: { reason: '讲师临时有事' } });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'cancelled', bookedCount: 0 });
    const roster = await t.api('GET', `/api/v1/offerings/${o.id}/roster`, { token: a.token });
    expect(roster.body.items.map((x: any) => x.status)).toEqual(['cancelled', 'cancelled']);
    const notes = await t.deps.db.select().from(notifications).where(eq(notifications.userId, r1.id));
    expect(notes.some((n) => n.kind === 'activity_cancelled' && n.body.includes('讲师临时有事'))).toBe(true);
    expect((await t.api('POST', `/api/v1/offerings/${o.id}/cancel`, { token: a.token, body: {} })).status).toBe(200);
    expect((await t.api('PATCH', `/api/v1/offerings/${o.id}`, { token: a.token, body: { capacity: 4 } })).body.error.code).toBe('activity_not_editable');
    const list = await t.api('GET', '/api/v1/offerings?limit=100');
    expect(list.body.items.map((x: any) => x.id)).not.toContain(o.id);
  });
});

describe('booking an offering', () => {
  it('cannot be oversold: many residents at once get exactly the capacity', async () => {
    const o = await publish(t, a.token, BRANCH_1, { capacity: 7 });
    const residents = await Promise.all(Array.from({ length: 40 }, () => buildResident(t)));
    const results = await Promise.all(residents.map((r) => t.api('POST', `/api/v1/activities/${o.id}/bookings`, { token: r.token })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(7);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(33).fill('activity_full'));
    const detail = await t.api('GET', `/api/v1/offerings/${o.id}`);
    expect(detail.body).toMatchObject({ capacity: 7, bookedCount: 7 });
    const roster = await t.api('GET', `/api/v1/offerings/${o.id}/roster`, { token: a.token });
    expect(roster.body.items.filter((x: any) => x.status === 'booked')).toHaveLength(7);
    const [row] = await t.deps.db.select().from(activities).where(eq(activities.id, o.id));
    expect(row.bookedCount).toBe(7);
  });
});

describe('residents find offerings', () => {
  it('lists upcoming offerings by category, nearest complex first', async () => {
    const near = await publish(t, a.token, BRANCH_1, { complexId: 1, serviceItemId: 13, title: '法律咨询@阳光' });
    const far = await publish(t, a.token, BRANCH_1, { complexId: 6, serviceItemId: 13, title: '法律咨询@远处' }, 24);
    const c1 = (await t.api('GET', '/api/v1/complexes/1')).body;
    const r = await t.api('GET', `/api/v1/offerings?category=3&lat=${c1.lat}&lng=${c1.lng}&limit=100`);
    expect(r.status).toBe(200);
    const ids = r.body.items.map((x: any) => x.id);
    expect(ids.indexOf(near.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(near.id)).toBeLessThan(ids.indexOf(far.id));
    expect(r.body.items.every((x: any) => x.categoryId === 3)).toBe(true);
    expect(r.body.items[0].distanceM).toBeLessThan(50);
    const soonest = await t.api('GET', '/api/v1/offerings?category=3&limit=100');
    const sIds = soonest.body.items.map((x: any) => x.id);
    expect(sIds.indexOf(far.id)).toBeLessThan(sIds.indexOf(near.id));
    const byBranch = await t.api('GET', '/api/v1/offerings?branchId=1&limit=2');
    expect(byBranch.body.items).toHaveLength(2);
    expect(byBranch.body.nextCursor).toBeTruthy();
    expect((await t.api('GET', '/api/v1/offerings?lat=30.2')).status).toBe(422);
  });
});

describe('the branch runs the session', () => {
  it('roster with masked phones, check-in once with points, record after the start', async () => {
    const o = await publish(t, a.token, BRANCH_1, { capacity: 1, waitlistCapacity: 1, pointsReward: 5 }, 2);
    const { bookingId: b1, resident: r1 } = await book(t, o.id);
    const { bookingId: b2 } = await book(t, o.id, 'waitlisted');
    const roster = await t.api('GET', `/api/v1/offerings/${o.id}/roster`, { token: a.token });
    expect(roster.body.items).toHaveLength(2);
    expect(roster.body.items[0]).toMatchObject({ bookingId: b1, userId: r1.id, status: 'booked', phoneMasked: `${r1.phone.slice(0, 3)}****${r1.phone.slice(-4)}` });
    expect(JSON.stringify(roster.body)).not.toContain(r1.phone);

    const early = await t.api('POST', `/api/v1/offerings/${o.id}/checkins`, { token: a.token, body: { bookingId: b1 } });
    expect(early.body.error.code).toBe('checkin_not_open');
    t.clock.set(new Date(Date.parse(o.startAt) + 10 * 60_000));
    expect((await t.api('POST', `/api/v1/offerings/${o.id}/checkins`, { token: b.token, body: { bookingId: b1 } })).status).toBe(403);
    const ok = await t.api('POST', `/api/v1/offerings/${o.id}/checkins`, { token: a.token, body: { bookingId: b1 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'checked_in', pointsAwarded: 5, alreadyCheckedIn: false });
    const again = await t.api('POST', `/api/v1/offerings/${o.id}/checkins`, { token: a.token, body: { bookingId: b1 } });
    expect(again.body).toMatchObject({ status: 'checked_in', pointsAwarded: 0, alreadyCheckedIn: true });
    const points = await t.deps.db.select().from(pointsEntries).where(eq(pointsEntries.userId, r1.id));
    expect(points.map((p) => p.delta)).toEqual([5]);
    expect((await t.api('POST', `/api/v1/offerings/${o.id}/checkins`, { token: a.token, body: { bookingId: b2 } })).body.error.code).toBe('not_booked');
    expect((await t.api('POST', `/api/v1/offerings/${o.id}/checkins`, { token: a.token, body: { bookingId: 999999 } })).status).toBe(404);

    const noCancel = await t.api('POST', `/api/v1/offerings/${o.id}/cancel`, { token: a.token, body: {} });
    expect(noCancel.status).toBe(409);
    expect(noCancel.body.error.code).toBe('offering_started');

    const rec = await t.api('PUT', `/api/v1/offerings/${o.id}/record`, { token: a.token, body: { peopleServed: 12, notes: '现场另有 11 位居民咨询' } });
    expect(rec.status).toBe(200);
    expect(rec.body).toMatchObject({ record: { peopleServed: 12, notes: '现场另有 11 位居民咨询' }, checkedInCount: 1 });
    expect((await t.api('PUT', `/api/v1/offerings/${o.id}/record`, { token: b.token, body: { peopleServed: 1 } })).status).toBe(403);
    const detail = await t.api('GET', `/api/v1/offerings/${o.id}`, { token: a.token });
    expect(detail.body).toMatchObject({ canManage: true, checkedInCount: 1, record: { peopleServed: 12 } });
    const mine = await t.api('GET', `/api/v1/offerings/${o.id}`, { token: r1.token });
    expect(mine.body.myBooking).toMatchObject({ id: b1, status: 'checked_in' });
  });

  it('no record before the session starts, unless someone was already checked in at the door', async () => {
    const o = await publish(t, a.token, BRANCH_1, {}, 0.25);
    const r = await t.api('PUT', `/api/v1/offerings/${o.id}/record`, { token: a.token, body: { peopleServed: 3 } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('session_not_started');
    const { bookingId } = await book(t, o.id);
    expect((await t.api('POST', `/api/v1/offerings/${o.id}/checkins`, { token: a.token, body: { bookingId } })).status).toBe(200);
    expect((await t.api('PUT', `/api/v1/offerings/${o.id}/record`, { token: a.token, body: { peopleServed: 3 } })).status).toBe(200);
  });

  it('the workbench lists the branch\'s upcoming offerings only for the branch', async () => {
    const o = await publish(t, a.token, BRANCH_1, { title: '工作台可见' });
    const r = await t.api('GET', `/api/v1/branches/${BRANCH_1}/offerings?when=upcoming&limit=100`, { token: a.token });
    expect(r.status).toBe(200);
    expect(r.body.items.find((x: any) => x.id === o.id)).toMatchObject({ title: '工作台可见', checkedInCount: 0, record: null });
    expect((await t.api('GET', `/api/v1/branches/${BRANCH_1}/offerings`, { token: b.token })).status).toBe(403);
    expect((await t.api('GET', `/api/v1/branches/${BRANCH_1}/offerings`)).status).toBe(401);
  });
});
