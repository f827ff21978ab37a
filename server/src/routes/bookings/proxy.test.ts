import { and, eq } from 'drizzle-orm';
import { auditLogs, bookingSuspensions, bookings, notifications } from '../../db/schema';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { createActivity } from '../../../test/support/booking';
import { startTestServer, type TestServer } from '../../../test/support/harness';

/** 亲情代办: a linked family member books, lists and cancels activities for the senior. */

let t: TestServer;
let worker: { id: number; token: string };
const T0 = '2026-12-01T01:00:00.000Z';
const D = 86_400_000;

beforeAll(async () => {
  t = await startTestServer({ MAX_ACTIVE_BOOKINGS: '2' });
  t.clock.set(T0);
  worker = await buildWorker(t, [1]);
});
afterAll(() => t.close());
beforeEach(() => t.clock.set(T0));

type Who = { id: number; token: string; phone: string };

/** Links family → senior with a code from the senior's own device; returns the link id. */
async function link(family: Who, senior: Who): Promise<number> {
  const code = await t.api('POST', '/api/v1/family/link-codes', { token: senior.token, body: {} });
  const r = await t.api('POST', '/api/v1/family/links', { token: family.token, body: { seniorPhone: senior.phone, relation: '儿子', code: code.body.code } });
  expect(r.body.link.status).toBe('active');
  return r.body.link.id;
}

const bookFor = (activityId: number, token: string, forUserId?: number) =>
  t.api('POST', `/api/v1/activities/${activityId}/bookings`, { token, body: forUserId === undefined ? undefined : { forUserId } });
const seniorBookings = (seniorId: number, token: string) => t.api('GET', `/api/v1/family/${seniorId}/bookings`, { token });
const rowsOf = (activityId: number) => t.deps.db.select().from(bookings).where(eq(bookings.activityId, activityId));

describe('booking for a senior (亲情代办)', () => {
  it('needs a token', async () => {
    expect((await t.api('POST', '/api/v1/activities/1/bookings', { body: { forUserId: 1 } })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/family/1/bookings')).status).toBe(401);
    expect((await t.api('POST', '/api/v1/bookings/1/cancel', { body: { forUserId: 1 } })).status).toBe(401);
  });

  it('a linked family member books for the senior: the booking is the senior’s, visibly; cancel and list too', async () => {
    const [senior, family] = [await buildResident(t), await buildResident(t)];
    await link(family, senior);
    const a = await createActivity(t, worker.token, { title: '代办预约测试' });

    const r = await bookFor(a.id, family.token, senior.id);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ activityId: a.id, status: 'booked' });
    const [row] = await rowsOf(a.id);
    expect(row).toMatchObject({ id: r.body.id, userId: senior.id, bookedBy: family.id, status: 'booked' });

    // the senior's own list shows it, with who booked it; the family member's own list does not
    const mine = await t.api('GET', '/api/v1/me/bookings', { token: senior.token });
    expect(mine.body.items).toEqual([expect.objectContaining({ id: r.body.id, bookedBy: family.id, bookedByName: expect.any(String) })]);
    expect((await t.api('GET', '/api/v1/me/bookings', { token: family.token })).body.items).toEqual([]);
    // booking for oneself still reports bookedBy = self and no name
    const own = await createActivity(t, worker.token);
    expect((await bookFor(own.id, family.token)).status).toBe(201);
    expect((await t.api('GET', '/api/v1/me/bookings', { token: family.token })).body.items[0]).toMatchObject({ bookedBy: family.id, bookedByName: null });

    // the senior's rules: already booked
    const again = await bookFor(a.id, family.token, senior.id);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_booked');
    expect((await bookFor(a.id, senior.token)).body.error.code).toBe('already_booked');

    // the family member lists the senior's bookings
    const list = await seniorBookings(senior.id, family.token);
    expect(list.status).toBe(200);
    expect(list.body.items.map((b: any) => b.id)).toEqual([r.body.id]);

    // the senior is told and sees the proxy actions
    const notes = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, senior.id), eq(notifications.kind, 'booking_proxy')));
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toContain('代办预约测试');

    // cancel for the senior
    expect((await t.api('POST', `/api/v1/bookings/${r.body.id}/cancel`, { token: family.token })).status).toBe(404);
    const c = await t.api('POST', `/api/v1/bookings/${r.body.id}/cancel`, { token: family.token, body: { forUserId: senior.id } });
    expect(c.status).toBe(200);
    expect(c.body.status).toBe('cancelled');

    const seen = await t.api('GET', '/api/v1/me/proxy-actions', { token: senior.token });
    expect(seen.body.items.map((x: any) => x.action)).toEqual(['booking.cancel.proxy', 'booking.view', 'booking.create.proxy']);
    expect(seen.body.items.every((x: any) => x.actor.id === family.id)).toBe(true);
    expect(seen.body.items[2].summary).toBe('代为预约「代办预约测试」');
    expect(seen.body.items[0].summary).toBe('代为取消预约「代办预约测试」');
  });

  it('an unlinked (or no longer linked) family member gets 404 and nothing is booked', async () => {
    const [senior, family, stranger] = [await buildResident(t), await buildResident(t), await buildResident(t)];
    const a = await createActivity(t, worker.token);
    const r = await bookFor(a.id, stranger.token, senior.id);
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect((await seniorBookings(senior.id, stranger.token)).status).toBe(404);
    expect(await rowsOf(a.id)).toEqual([]);

    const linkId = await link(family, senior);
    const ok = await bookFor(a.id, family.token, senior.id);
    expect(ok.status).toBe(201);
    expect((await t.api('POST', `/api/v1/bookings/${ok.body.id}/cancel`, { token: stranger.token, body: { forUserId: senior.id } })).status).toBe(404);

    expect((await t.api('POST', `/api/v1/family/links/${linkId}/unlink`, { token: senior.token })).body.status).toBe('revoked');
    const b = await createActivity(t, worker.token);
    expect((await bookFor(b.id, family.token, senior.id)).status).toBe(404);
    expect(await rowsOf(b.id)).toEqual([]);
    expect((await seniorBookings(senior.id, family.token)).status).toBe(404);
    expect((await t.api('POST', `/api/v1/bookings/${ok.body.id}/cancel`, { token: family.token, body: { forUserId: senior.id } })).status).toBe(404);
    const [still] = await rowsOf(a.id);
    expect(still.status).toBe('booked');
    // no audit entry for the refused attempts
    const logs = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.onBehalfOf, senior.id));
    expect(logs.map((l) => l.action)).toEqual(['booking.create.proxy']);
  });

  it('the senior’s quota and suspension apply, not the family member’s', async () => {
    const [senior, family] = [await buildResident(t), await buildResident(t)];
    await link(family, senior);
    const acts = [await createActivity(t, worker.token), await createActivity(t, worker.token), await createActivity(t, worker.token)];
    expect((await bookFor(acts[0].id, senior.token)).status).toBe(201);
    expect((await bookFor(acts[1].id, family.token, senior.id)).status).toBe(201);
    const over = await bookFor(acts[2].id, family.token, senior.id);
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('booking_limit_reached');
    // the family member's own quota is untouched
    expect((await bookFor(acts[2].id, family.token)).status).toBe(201);

    const other = await buildResident(t);
    const fam2 = await buildResident(t);
    await link(fam2, other);
    await t.deps.db.insert(bookingSuspensions).values({ userId: other.id, startsAt: new Date(Date.parse(T0) - D), endsAt: new Date(Date.parse(T0) + 6 * D), noShows: 3 });
    const s = await bookFor(acts[2].id, fam2.token, other.id);
    expect(s.status).toBe(403);
    expect(s.body.error.code).toBe('booking_suspended');
    expect((await bookFor(acts[2].id, other.token)).status).toBe(403);
    expect((await bookFor(acts[2].id, fam2.token)).status).toBe(201);
  });

  it('rejects a malformed body with 422', async () => {
    const u = await buildResident(t);
    const r = await t.api('POST', '/api/v1/activities/1/bookings', { token: u.token, body: { forUserId: 'x' } });
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields.forUserId).toBeTruthy();
  });
});
