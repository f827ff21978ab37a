import { eq } from 'drizzle-orm';
import { spaceSlots } from '../../db/schema';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { inBatches } from '../../../test/support/booking';

let t: TestServer;
let worker: { id: number; token: string };
let kitchen: number;
let gym: number;
const T0 = '2026-12-01T01:00:00.000Z'; // Tuesday 09:00 in Shanghai; ISO week 11-30 … 12-06
const zone = process.env.TZ;

beforeAll(async () => {
  // Slots are Shanghai wall time whatever the server's own zone is.
  process.env.TZ = 'America/Los_Angeles';
  t = await startTestServer();
  t.clock.set(T0);
  worker = await buildWorker(t, [1]);
  const c = await t.api('GET', '/api/v1/complexes/1');
  kitchen = c.body.spaces.find((s: any) => s.name === '共享厨房').id;
  gym = c.body.spaces.find((s: any) => s.name === '健身房').id;
  // the kitchen opens around midnight, exclusive hourly slots
  const r = await t.api('PUT', `/api/v1/spaces/${kitchen}/rules`, {
    token: worker.token,
    body: {
      weeklyHours: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: '00:00', close: '02:00' }, { open: '22:00', close: '24:00' }]])),
      slotMinutes: 60,
      capacityPerSlot: 1,
      daysAhead: 7,
      perUserPerDay: 2,
      perUserPerWeek: 3,
      cancelDeadlineMinutes: 30,
    },
  });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
});
afterAll(async () => {
  process.env.TZ = zone;
  await t.close();
});
beforeEach(() => t.clock.set(T0));

const bookSlot = (space: number, token: string, startAt: string) => t.api('POST', `/api/v1/spaces/${space}/bookings`, { token, body: { startAt } });

describe('space slots', () => {
  it('lists a day\'s slots with places left from the seeded rules', async () => {
    const u = await buildResident(t);
    const r = await t.api('GET', `/api/v1/spaces/${gym}/slots?date=2026-12-02`, { token: u.token });
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(15); // 06:30–21:30 hourly
    expect(r.body.items[0]).toMatchObject({ startAt: '2026-12-01T22:30:00.000Z', day: '2026-12-02', capacity: 20, placesLeft: 20, bookable: true });
    expect(r.body.days[0]).toBe('2026-12-01');
    expect(r.body.days).toHaveLength(8);
    expect((await t.api('GET', `/api/v1/spaces/${gym}/slots`)).status).toBe(401);
  });

  it('a slot near midnight keeps its Asia/Shanghai date', async () => {
    const u = await buildResident(t);
    const b = await bookSlot(kitchen, u.token, '2026-12-03T00:00:00+08:00');
    expect(b.status).toBe(201);
    expect(b.body).toMatchObject({ startAt: '2026-12-02T16:00:00.000Z', endAt: '2026-12-02T17:00:00.000Z', day: '2026-12-03', status: 'booked' });
    const d3 = await t.api('GET', `/api/v1/spaces/${kitchen}/slots?date=2026-12-03`, { token: u.token });
    expect(d3.body.items.map((s: any) => s.startAt)).toEqual([
      '2026-12-02T16:00:00.000Z',
      '2026-12-02T17:00:00.000Z',
      '2026-12-03T14:00:00.000Z',
      '2026-12-03T15:00:00.000Z',
    ]);
    expect(d3.body.items[0]).toMatchObject({ myBookingId: b.body.id, placesLeft: 0, bookable: false });
    const d2 = await t.api('GET', `/api/v1/spaces/${kitchen}/slots?date=2026-12-02`, { token: u.token });
    expect(d2.body.items.some((s: any) => s.startAt === '2026-12-02T16:00:00.000Z')).toBe(false);
    expect(d2.body.items.find((s: any) => s.startAt === '2026-12-02T15:00:00.000Z')).toMatchObject({ day: '2026-12-02', placesLeft: 1 });
    const [row] = await t.deps.db.select().from(spaceSlots).where(eq(spaceSlots.startAt, new Date('2026-12-02T16:00:00Z')));
    expect(row.day).toBe('2026-12-03');
  });

  it('an exclusive slot goes to exactly one of 20 people at once', async () => {
    const users = await inBatches(Array.from({ length: 20 }), 10, () => buildResident(t));
    const res = await Promise.all(users.map((u) => bookSlot(kitchen, u.token, '2026-12-05T22:00:00+08:00')));
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    expect(res.filter((r) => r.status === 409 && r.body.error.code === 'slot_full')).toHaveLength(19);
    const [row] = await t.deps.db.select().from(spaceSlots).where(eq(spaceSlots.startAt, new Date('2026-12-05T14:00:00Z')));
    expect(row.bookedCount).toBe(1);
  });

  it('one booking per user per slot, even 5 at once', async () => {
    const u = await buildResident(t);
    const res = await Promise.all(Array.from({ length: 5 }, () => bookSlot(gym, u.token, '2026-12-02T08:30:00+08:00')));
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.error.code === 'already_booked')).toBe(true);
    const slots = await t.api('GET', `/api/v1/spaces/${gym}/slots?date=2026-12-02`, { token: u.token });
    expect(slots.body.items.find((s: any) => s.startAt === '2026-12-02T00:30:00.000Z')).toMatchObject({ bookedCount: 1, placesLeft: 19 });
  });

  it('enforces the per-day and per-week quotas', async () => {
    const u = await buildResident(t);
    expect((await bookSlot(kitchen, u.token, '2026-12-04T00:00:00+08:00')).status).toBe(201);
    expect((await bookSlot(kitchen, u.token, '2026-12-04T01:00:00+08:00')).status).toBe(201);
    const day = await bookSlot(kitchen, u.token, '2026-12-04T22:00:00+08:00');
    expect(day.status).toBe(409);
    expect(day.body.error).toMatchObject({ code: 'quota_exceeded', details: { per: 'day', max: 2 } });
    expect((await bookSlot(kitchen, u.token, '2026-12-06T23:00:00+08:00')).status).toBe(201);
    const week = await bookSlot(kitchen, u.token, '2026-12-06T22:00:00+08:00');
    expect(week.body.error).toMatchObject({ code: 'quota_exceeded', details: { per: 'week', max: 3 } });
    // Monday 12-07 starts a new ISO week
    expect((await bookSlot(kitchen, u.token, '2026-12-07T00:00:00+08:00')).status).toBe(201);
  });

  it('keeps to the booking window and the space\'s own slots', async () => {
    const u = await buildResident(t);
    const far = await bookSlot(kitchen, u.token, '2026-12-09T00:00:00+08:00');
    expect(far.body.error.code).toBe('booking_closed');
    expect(far.body.error.message).toContain('7 天');
    const past = await bookSlot(kitchen, u.token, '2026-12-01T00:00:00+08:00');
    expect(past.body.error.code).toBe('booking_closed');
    const odd = await bookSlot(kitchen, u.token, '2026-12-03T00:30:00+08:00');
    expect(odd.status).toBe(422);
    expect(odd.body.error.details.fields.startAt).toBeDefined();
    expect((await bookSlot(999999, u.token, '2026-12-03T00:00:00+08:00')).status).toBe(404);
  });

  it('a blackout cancels that day\'s bookings, tells the holders and blocks new ones', async () => {
    const u = await buildResident(t);
    const b = await bookSlot(gym, u.token, '2026-12-04T10:30:00+08:00');
    expect(b.status).toBe(201);
    expect((await t.api('POST', `/api/v1/spaces/${gym}/blackouts`, { token: u.token, body: { day: '2026-12-04' } })).status).toBe(403);
    const other = await buildWorker(t, [2]);
    expect((await t.api('POST', `/api/v1/spaces/${gym}/blackouts`, { token: other.token, body: { day: '2026-12-04' } })).status).toBe(403);
    const r = await t.api('POST', `/api/v1/spaces/${gym}/blackouts`, { token: worker.token, body: { day: '2026-12-04', reason: '器材检修' } });
    expect(r.status).toBe(201);
    expect(r.body.cancelledBookings).toBe(1);
    expect((await t.api('POST', `/api/v1/spaces/${gym}/blackouts`, { token: worker.token, body: { day: '2026-12-04' } })).body.error.code).toBe('blackout_exists');
    const n = await t.api('GET', '/api/v1/me/notifications', { token: u.token });
    expect(n.body.items[0]).toMatchObject({ kind: 'slot_cancelled' });
    expect(n.body.items[0].body).toContain('器材检修');
    const again = await bookSlot(gym, u.token, '2026-12-04T11:30:00+08:00');
    expect(again.body.error.code).toBe('booking_closed');
    expect(again.body.error.message).toContain('器材检修');
    const view = await t.api('GET', `/api/v1/spaces/${gym}/slots?date=2026-12-04`, { token: u.token });
    expect(view.body.blackout).toEqual({ day: '2026-12-04', reason: '器材检修' });
    expect(view.body.items.every((s: any) => !s.bookable && s.bookedCount === 0)).toBe(true);
    expect((await t.api('DELETE', `/api/v1/spaces/${gym}/blackouts/2026-12-04`, { token: worker.token })).status).toBe(204);
    expect((await bookSlot(gym, u.token, '2026-12-04T11:30:00+08:00')).status).toBe(201);
  });

  it('cancels own bookings until the deadline; someone else\'s is 404', async () => {
    const [x, y] = [await buildResident(t), await buildResident(t)];
    const b = await bookSlot(gym, x.token, '2026-12-03T09:30:00+08:00');
    expect((await t.api('POST', `/api/v1/slot-bookings/${b.body.id}/cancel`, { token: y.token })).status).toBe(404);
    const c = await t.api('POST', `/api/v1/slot-bookings/${b.body.id}/cancel`, { token: x.token });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('cancelled');
    const b2 = await bookSlot(gym, x.token, '2026-12-03T09:30:00+08:00');
    const listed = async () => (await t.api('GET', '/api/v1/me/slot-bookings', { token: x.token })).body.items.find((i: any) => i.id === b2.body.id).canCancel;
    t.clock.set('2026-12-03T00:50:00Z'); // 08:50, before the 09:00 deadline
    expect(await listed()).toBe(true);
    t.clock.set('2026-12-03T01:10:00Z'); // 09:10, deadline 09:00: the list says so too (the same rule as the cancel)
    expect(await listed()).toBe(false);
    const late = await t.api('POST', `/api/v1/slot-bookings/${b2.body.id}/cancel`, { token: x.token });
    expect(late.body.error.code).toBe('cancel_deadline_passed');
  });

  it('checks in with the space\'s rotating code during the slot', async () => {
    const u = await buildResident(t);
    const b = await bookSlot(gym, u.token, '2026-12-02T14:30:00+08:00');
    t.clock.set('2026-12-02T06:20:00Z'); // 14:20 Shanghai
    const qr = await t.api('GET', `/api/v1/spaces/${gym}/checkin-code`, { token: worker.token });
    expect(qr.status).toBe(200);
    const r = await t.api('POST', '/api/v1/checkins', { token: u.token, body: { code: qr.body.code } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'space', bookingId: b.body.id, status: 'checked_in' });
    const roster = await t.api('GET', `/api/v1/spaces/${gym}/roster?date=2026-12-02`, { token: worker.token });
    expect(roster.body.items.find((i: any) => i.bookingId === b.body.id).status).toBe('checked_in');
    const mine = await t.api('GET', '/api/v1/me/slot-bookings', { token: u.token });
    expect(mine.body.items[0]).toMatchObject({ id: b.body.id, spaceName: '健身房', status: 'checked_in' });
  });

  it('validates rules', async () => {
    const r = await t.api('PUT', `/api/v1/spaces/${gym}/rules`, {
      token: worker.token,
      body: { weeklyHours: { '1': [{ open: '10:00', close: '09:00' }] }, slotMinutes: 60, capacityPerSlot: 20 },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields.weeklyHours).toContain('周一');
  });
});
