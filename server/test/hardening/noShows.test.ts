import { and, eq } from 'drizzle-orm';
import { bookingSuspensions, bookings, notifications } from '../../src/db/schema';
import { settleNoShows } from '../../src/domain/booking/noShows';
import { buildResident, buildWorker } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';
import { createActivity } from '../support/booking';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());
afterEach(() => t.clock.set(null));

const DAY = 86_400_000;
const book = (activityId: number, token: string) => t.api('POST', `/api/v1/activities/${activityId}/bookings`, { token });
const statusOf = async (bookingId: number) => (await t.deps.db.select({ s: bookings.status }).from(bookings).where(eq(bookings.id, bookingId)))[0].s;

describe('time changes and suspensions are fair', () => {
  it('moving a booked activity into the past is refused: no no-shows; a valid move tells everyone booked', async () => {
    const worker = await buildWorker(t, [1]);
    const r = await buildResident(t);
    const act = await createActivity(t, worker.token);
    const b = await book(act.id, r.token);
    expect(b.status).toBe(201);
    const past = { startAt: new Date(Date.now() - 3 * 3600_000).toISOString(), endAt: new Date(Date.now() - 3600_000).toISOString() };
    expect((await t.api('PATCH', `/api/v1/activities/${act.id}`, { body: past })).status).toBe(401);
    expect((await t.api('PATCH', `/api/v1/activities/${act.id}`, { token: r.token, body: past })).status).toBe(403);
    const moved = await t.api('PATCH', `/api/v1/activities/${act.id}`, { token: worker.token, body: past });
    expect(moved.status).toBe(422);
    expect(moved.body.error.details.fields).toHaveProperty('startAt');
    await settleNoShows(t.deps.db, new Date(), r.id);
    expect(await statusOf(b.body.id)).toBe('booked');

    const later = { startAt: new Date(Date.now() + 5 * DAY).toISOString(), endAt: new Date(Date.now() + 5 * DAY + 7200_000).toISOString() };
    const ok = await t.api('PATCH', `/api/v1/activities/${act.id}`, { token: worker.token, body: later });
    expect(ok.status).toBe(200);
    const told = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, r.id), eq(notifications.kind, 'activity_changed')));
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('原定');
  });

  it('only activities that took place (someone checked in) count towards a suspension', async () => {
    const worker = await buildWorker(t, [1]);
    const attendee = await buildResident(t);
    const T0 = Date.now();
    /** Three rounds: an activity the resident books and misses; `held` says whether anyone came. */
    async function missThree(held: boolean) {
      const r = await buildResident(t);
      let suspended: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = T0 + (held ? 20 : 0) * DAY + i * 2 * DAY + DAY;
        t.clock.set(new Date(start - DAY));
        const a = await createActivity(t, worker.token, { startAt: new Date(start).toISOString(), endAt: new Date(start + 3600_000).toISOString() });
        const mine = await book(a.id, r.token);
        expect([mine.status, mine.body?.error?.code]).toEqual([201, undefined]);
        if (held) {
          const theirs = await book(a.id, attendee.token);
          await t.deps.db.update(bookings).set({ status: 'checked_in' }).where(eq(bookings.id, theirs.body.id));
        }
        t.clock.set(new Date(start + 2 * 3600_000));
        suspended = (await settleNoShows(t.deps.db, t.clock.now(), r.id)).suspended;
        expect(await statusOf(mine.body.id)).toBe('no_show');
      }
      const rows = await t.deps.db.select().from(bookingSuspensions).where(eq(bookingSuspensions.userId, r.id));
      return { r, suspended, rows };
    }
    const notHeld = await missThree(false);
    expect(notHeld.rows).toHaveLength(0);
    const held = await missThree(true);
    expect(held.suspended).toEqual([held.r.id]);
    expect(held.rows).toHaveLength(1);
  });
});
