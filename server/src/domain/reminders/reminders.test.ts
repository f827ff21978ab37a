import { and, eq, inArray } from 'drizzle-orm';
import { bookingReminders, notifications, users } from '../../db/schema';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { createActivity } from '../../../test/support/booking';
import { sendBookingReminders } from './job';

// Booking rows get the database's own created_at (the real time, before this frozen clock), so
// they count as booked well ahead; rules.test.ts covers the bookings made too late for a reminder.
const T0 = '2028-05-06T09:00:00+08:00';
const START = new Date('2028-05-09T09:00:00+08:00');
const TPL = 'tpl_booking';

let t: TestServer;
let worker: { token: string };

type Who = { id: number; token: string; openid: string };
async function wechatResident(tag: string): Promise<Who> {
  const u = await buildResident(t);
  const openid = `rem_${tag}_${u.id}`;
  await t.deps.db.update(users).set({ openid }).where(eq(users.id, u.id));
  // allowed the booking template twice in wx.requestSubscribeMessage
  for (let i = 0; i < 2; i++) expect((await t.api('POST', '/api/v1/me/subscriptions', { token: u.token, body: { templateIds: [TPL] } })).status).toBe(204);
  return { ...u, openid };
}

const notices = (userId: number, kind: string) =>
  t.deps.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
const sentTo = (u: Who) => t.wechat.sent.filter((m) => m.touser === u.openid);
const run = () => sendBookingReminders(t.deps, t.clock.now());
async function until(check: () => boolean) {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
}

beforeAll(async () => {
  t = await startTestServer({ WECHAT_TPL_BOOKING: TPL });
  t.clock.set(T0);
  worker = await buildWorker(t, [1]);
});
afterAll(() => t.close());

describe('booking reminders (scheduled job, frozen clock)', () => {
  let a: Who, b: Who, c: Who;
  let activityId: number;
  const bookingOf: Record<number, number> = {};

  beforeAll(async () => {
    [a, b, c] = [await wechatResident('a'), await wechatResident('b'), await wechatResident('c')];
    const act = await createActivity(t, worker.token, {
      title: '太极拳晨练',
      location: '二楼活动室',
      capacity: 2,
      waitlistCapacity: 2,
      startAt: START.toISOString(),
      endAt: new Date(START.getTime() + 3_600_000).toISOString(),
    });
    activityId = act.id;
    for (const u of [a, c, b]) {
      const r = await t.api('POST', `/api/v1/activities/${activityId}/bookings`, { token: u.token });
      expect(r.status).toBe(201);
      bookingOf[u.id] = r.body.id;
    }
    expect((await t.api('GET', `/api/v1/me/bookings`, { token: b.token })).body.items[0]).toMatchObject({ status: 'waitlisted' });
  });

  it('tells a waitlisted person at once when they get a seat, with the cancel deadline', async () => {
    expect((await t.api('POST', `/api/v1/bookings/${bookingOf[c.id]}/cancel`, { token: c.token })).status).toBe(200);
    const [n] = await notices(b.id, 'booking_promoted');
    expect(n.title).toBe('候补成功：「太极拳晨练」');
    // the activity's default deadline: 2 hours before the start
    expect(n.body).toContain('不能参加请在 2028年5月9日 07:00 前取消');
    await until(() => sentTo(b).length > 0);
    expect(sentTo(b)).toEqual([
      expect.objectContaining({ template_id: TPL, page: `/packages/booking/pages/detail/index?id=${activityId}`, data: expect.objectContaining({ thing1: { value: '太极拳晨练' }, time2: { value: '2028年5月9日 09:00' } }) }),
    ]);
    // the job does not send it again
    await run();
    expect(sentTo(b)).toHaveLength(1);
  });

  it('nothing is due three days ahead', async () => {
    await run();
    expect(await notices(a.id, 'booking_reminder')).toHaveLength(0);
  });

  it('sends the day-before reminder once, in the app and as a subscribe message, never to the cancelled', async () => {
    t.clock.set('2028-05-08T09:01:00+08:00');
    await Promise.all([run(), run(), run()]);
    await run();
    for (const u of [a, b]) {
      const got = await notices(u.id, 'booking_reminder');
      expect(got).toHaveLength(1);
      expect(got[0].title).toBe('活动提醒：「太极拳晨练」明天 09:00 开始');
      expect(got[0].body).toContain('地点 二楼活动室');
      expect(got[0].link).toBe(`/packages/booking/pages/detail/index?id=${activityId}`);
    }
    expect(await notices(c.id, 'booking_reminder')).toHaveLength(0);
    expect(sentTo(a)).toHaveLength(1);
    expect(sentTo(a)[0].data.thing3.value).toBe('5月9日 07:00前可取消');
    expect(sentTo(b)).toHaveLength(2);
    expect(sentTo(c)).toHaveLength(0);
  });

  it('sends the hour-before reminder once, and none for a booking cancelled in between', async () => {
    t.clock.set('2028-05-08T10:00:00+08:00');
    expect((await t.api('POST', `/api/v1/bookings/${bookingOf[b.id]}/cancel`, { token: b.token })).status).toBe(200);
    t.clock.set('2028-05-09T08:05:00+08:00');
    const [first, second] = [await run(), await run()];
    expect(second.told).toBe(0);
    expect(first.told).toBeGreaterThanOrEqual(1);
    const got = await notices(a.id, 'booking_reminder');
    expect(got.map((n) => n.title)).toEqual(['活动提醒：「太极拳晨练」明天 09:00 开始', '活动提醒：「太极拳晨练」1 小时后开始']);
    expect(await notices(b.id, 'booking_reminder')).toHaveLength(1);
    expect(sentTo(a)).toHaveLength(2);
    expect(sentTo(b)).toHaveLength(2);
    const rows = await t.deps.db.select().from(bookingReminders).where(inArray(bookingReminders.userId, [a.id, b.id, c.id]));
    expect(rows.map((r) => `${r.userId === a.id ? 'a' : r.userId === b.id ? 'b' : 'c'}:${r.kind}`).sort()).toEqual(['a:day_before', 'a:hour_before', 'b:day_before', 'b:promoted']);
  });

  it('no more subscribe messages once the allowance is spent, the in-app notice still comes', async () => {
    // a space slot the next day: a has spent both allowances
    const c1 = await t.api('GET', '/api/v1/complexes/1');
    const gym = c1.body.spaces.find((s: any) => s.name === '健身房').id;
    t.clock.set('2028-05-09T10:00:00+08:00');
    const r = await t.api('POST', `/api/v1/spaces/${gym}/bookings`, { token: a.token, body: { startAt: '2028-05-10T10:30:00+08:00' } });
    expect(r.status).toBe(201);
    t.clock.set('2028-05-09T10:45:00+08:00');
    await run();
    const got = await notices(a.id, 'booking_reminder');
    expect(got.at(-1)!.title).toBe('场地预约提醒：「健身房」明天 10:30 开始');
    t.clock.set('2028-05-10T09:40:00+08:00');
    await run();
    await run();
    expect((await notices(a.id, 'booking_reminder')).map((n) => n.title).slice(-2)).toEqual(['场地预约提醒：「健身房」明天 10:30 开始', '场地预约提醒：「健身房」1 小时后开始']);
    expect(sentTo(a)).toHaveLength(2);
    const [row] = await t.deps.db.select().from(bookingReminders).where(and(eq(bookingReminders.userId, a.id), eq(bookingReminders.target, 'slot'), eq(bookingReminders.kind, 'hour_before')));
    expect(row.pushOutcome).toBe('not_subscribed');
  });
});
