import { activities, bookings } from '../../db/schema';
import { buildDistrictAdmin, buildResident } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
let staffId: number;
beforeAll(async () => {
  t = await startTestServer();
  // the seeded check-ins (2026-11-01) count as recent visits (last 90 days) on this day
  t.clock.set('2026-12-01T10:00:00+08:00');
  staffId = (await t.login('13900000002')).user.id;
});
afterAll(() => t.close());

/** An activity (owned by the booking domain) and, optionally, a checked-in booking for `userId`. */
async function activity(o: { branchId?: number; attendee?: number } = {}) {
  const [{ id }] = await t.deps.db
    .insert(activities)
    .values({
      complexId: 1,
      createdBy: staffId,
      organizerBranchId: o.branchId ?? null,
      title: o.branchId ? '义诊进社区' : '太极拳入门',
      startAt: new Date('2026-11-01T01:00:00Z'),
      endAt: new Date('2026-11-01T03:00:00Z'),
      capacity: 20,
    })
    .$returningId();
  if (o.attendee) await t.deps.db.insert(bookings).values({ activityId: id, userId: o.attendee, status: 'checked_in', activeFlag: 1, endsAt: new Date('2026-11-01T03:00:00Z'), checkedInAt: new Date('2026-11-01T01:05:00Z') });
  return id;
}
const rate = (token: string, body: Record<string, unknown>) => t.api('POST', '/api/v1/evaluations', { token, body: { stars: 5, ...body } });

describe('evaluations (评议)', () => {
  it('rates an attended activity once and earns points once', async () => {
    const u = await buildResident(t);
    const stranger = await buildResident(t);
    const a = await activity({ attendee: u.id });
    expect((await t.api('POST', '/api/v1/evaluations', { body: { targetType: 'activity', targetId: a, stars: 5 } })).status).toBe(401);
    expect((await rate(stranger.token, { targetType: 'activity', targetId: a })).body.error.code).toBe('not_attended');
    expect((await rate(u.token, { targetType: 'activity', targetId: a, stars: 6 })).status).toBe(422);
    expect((await rate(u.token, { targetType: 'branch_service', targetId: a })).status).toBe(404);
    const pending = await t.api('GET', '/api/v1/me/evaluations/pending', { token: u.token });
    expect(pending.body.items).toEqual([{ targetType: 'activity', targetId: a, name: '太极拳入门', complexId: 1 }]);
    const first = await rate(u.token, { targetType: 'activity', targetId: a, stars: 4, comment: '老师很耐心' });
    expect(first.status).toBe(201);
    expect(first.body.pointsAwarded).toBe(5);
    const twice = await Promise.all([1, 2, 3].map(() => rate(u.token, { targetType: 'activity', targetId: a, stars: 1 })));
    expect(twice.map((r) => r.body.error.code)).toEqual(['already_rated', 'already_rated', 'already_rated']);
    expect((await t.api('GET', '/api/v1/me/points', { token: u.token })).body.balance).toBe(5);
    expect((await t.api('GET', '/api/v1/me/evaluations/pending', { token: u.token })).body.items).toEqual([]);
    expect((await t.api('GET', '/api/v1/me/evaluations', { token: u.token })).body.items).toEqual([expect.objectContaining({ targetType: 'activity', targetId: a, stars: 4, comment: '老师很耐心' })]);
  });

  it('rates a branch service and a complex, and sums them up', async () => {
    const u = await buildResident(t);
    const v = await buildResident(t);
    const s = await activity({ branchId: 1, attendee: u.id });
    await t.deps.db.insert(bookings).values({ activityId: s, userId: v.id, status: 'checked_in', activeFlag: 1, endsAt: new Date('2026-11-01T03:00:00Z') });
    expect((await rate(u.token, { targetType: 'activity', targetId: s })).status).toBe(404);
    expect((await rate(u.token, { targetType: 'branch_service', targetId: s, stars: 5 })).status).toBe(201);
    expect((await rate(v.token, { targetType: 'branch_service', targetId: s, stars: 2 })).status).toBe(201);
    const sum = await t.api('GET', `/api/v1/evaluations/summary?targetType=branch_service&targetId=${s}`);
    expect(sum.body).toMatchObject({ count: 2, average: 3.5, distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } });

    expect((await rate(u.token, { targetType: 'complex', targetId: 3 })).body.error.code).toBe('not_eligible');
    expect((await rate(u.token, { targetType: 'complex', targetId: 1, comment: '很方便' })).status).toBe(201); // visited for the service
    const w = await buildResident(t);
    await t.api('PATCH', '/api/v1/me', { token: w.token, body: { homeComplexId: 3 } });
    // a claimed home is not enough: only once it is verified may they rate it
    expect((await t.api('GET', '/api/v1/me/evaluations/pending', { token: w.token })).body.items).toEqual([]);
    expect((await rate(w.token, { targetType: 'complex', targetId: 3, stars: 3 })).body.error.code).toBe('not_eligible');
    const admin = await buildDistrictAdmin(t);
    expect((await t.api('POST', `/api/v1/complexes/3/residents/${w.id}/verify`, { token: admin.token })).status).toBe(200);
    expect((await t.api('GET', '/api/v1/me/evaluations/pending', { token: w.token })).body.items.map((i: any) => i.targetType)).toEqual(['complex']);
    expect((await rate(w.token, { targetType: 'complex', targetId: 3, stars: 3 })).body.pointsAwarded).toBe(5);
    expect((await rate(w.token, { targetType: 'complex', targetId: 99999 })).status).toBe(404);
    expect((await rate(w.token, { targetType: 'complex', targetId: 3, comment: '有人卖冰毒' })).body.error.code).toBe('content_rejected');
  });
});
