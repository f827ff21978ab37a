import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { auditLogs, complexes, users } from '../../db/schema';
import { refreshDashboard } from '../../domain/dashboard/refresh';
import { dashboardFactory } from '../../../test/support/dashboard';
import { buildBranchAdmin, buildDistrictAdmin, buildResident, buildUser, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
afterAll(() => t.close());

/**
 * Fixture (March 2031, a period nobody else uses): a new street with complexes A and B.
 * Now = 2031-03-30 12:00 Shanghai; the period is 2031-03-01 … 2031-03-30 (30 days).
 */
const FROM = '2031-03-01';
const TO = '2031-03-30';
const NOW = '2031-03-30T12:00:00+08:00';
let S: number, A: number, B: number, otherStreet: number;

async function buildFixture() {
  const f = dashboardFactory(t);
  S = await f.street();
  otherStreet = await f.street('另一');
  A = await f.complex(S);
  B = await f.complex(S);
  await f.complex(otherStreet);
  const staff = await f.user();
  const r = await Promise.all([1, 2, 3, 4, 5].map(() => f.user()));
  // A: an activity with 3 check-ins, a no-show and a cancellation (not counted)
  const a1 = await f.activity(A, '2031-03-05T10:00:00+08:00', staff);
  for (const u of r.slice(0, 3)) await f.booking(a1, u, 'checked_in');
  await f.booking(a1, r[3], 'no_show');
  await f.booking(a1, r[4], 'cancelled');
  // A: a branch session held (record filed), 2 booked and checked in
  const a2 = await f.activity(A, '2031-03-10T14:00:00+08:00', staff, { branchId: 1 });
  await f.booking(a2, r[0], 'checked_in');
  await f.booking(a2, r[1], 'checked_in');
  await f.offeringRecord(a2, 1, staff);
  // a cancelled branch activity with a record: not a session held
  const a3 = await f.activity(A, '2031-03-12T14:00:00+08:00', staff, { branchId: 1, status: 'cancelled' });
  await f.offeringRecord(a3, 1, staff);
  // A: 120 approved volunteer minutes; one checked out, not yet approved
  await f.volunteer(A, '2031-03-06T09:00:00+08:00', staff, [{ userId: r[0], approvedMinutes: 120 }, { userId: r[1] }]);
  // A: opinions
  await f.opinion(A, r[0], {
    status: 'closed',
    title: '路灯坏了',
    content: '北门路灯坏了，晚上很黑',
    submittedAt: '2031-03-03T09:00:00+08:00',
    acceptDueAt: '2031-03-05T09:00:00+08:00',
    acceptedAt: '2031-03-03T15:00:00+08:00',
    replyDueAt: '2031-03-18T15:00:00+08:00',
    repliedAt: '2031-03-10T10:00:00+08:00',
    closedAt: '2031-03-11T10:00:00+08:00',
    rating: 'satisfied',
  });
  await f.opinion(A, r[1], {
    status: 'accepted',
    title: '路灯太暗',
    content: '小区路灯太暗',
    submittedAt: '2031-03-04T09:00:00+08:00',
    acceptDueAt: '2031-03-06T09:00:00+08:00',
    acceptedAt: '2031-03-07T09:00:00+08:00',
    replyDueAt: '2031-03-22T09:00:00+08:00',
  });
  await f.opinion(A, r[2], {
    status: 'rejected',
    submittedAt: '2031-03-20T10:00:00+08:00',
    acceptDueAt: '2031-03-24T10:00:00+08:00',
    closedAt: '2031-03-20T12:00:00+08:00',
  });
  await f.opinion(A, r[3], { status: 'pending_review', submittedAt: '2031-03-21T10:00:00+08:00' });
  await f.evaluation(A, r[0], 4, '2031-03-06T12:00:00+08:00', a1);
  await f.care(A, r[4], '2031-03-08T09:00:00+08:00', { stars: 3, at: '2031-03-09T09:00:00+08:00' });
  // B: 2 bookings, 1 check-in; an opinion never accepted (late)
  const b1 = await f.activity(B, '2031-03-15T10:00:00+08:00', staff);
  await f.booking(b1, r[0], 'checked_in');
  await f.booking(b1, r[1], 'booked');
  await f.opinion(B, r[4], { status: 'submitted', submittedAt: '2031-03-25T10:00:00+08:00', acceptDueAt: '2031-03-27T10:00:00+08:00' });
  // previous period (2031-01-30 … 2031-02-28): one check-in at A
  const p1 = await f.activity(A, '2031-02-10T10:00:00+08:00', staff);
  await f.booking(p1, r[0], 'checked_in');
  t.clock.set(NOW);
  await refreshDashboard(t.deps.db, t.clock.now());
}

const get = (token: string | undefined, q: string) => t.api('GET', `/api/v1/dashboard?${q}&from=${FROM}&to=${TO}`, { token });
const termMap = (terms: any[]) => Object.fromEntries(terms.map((x) => [x.key, x.score]));

describe('GET /api/v1/dashboard on fixture data', () => {
  let admin: Awaited<ReturnType<typeof buildDistrictAdmin>>;
  beforeAll(async () => {
    t = await startTestServer();
    await buildFixture();
    admin = await buildDistrictAdmin(t);
  });

  it('complex A: exact counts, indicators, index and terms', async () => {
    const r = await get(admin.token, `scope=complex&id=${A}`);
    expect(r.status).toBe(200);
    const d = r.body;
    expect(d).toMatchObject({ scope: 'complex', id: A, from: FROM, to: TO, children: [] });
    expect(d.counts).toEqual({ bookings: 6, checkIns: 5, volunteerHours: 2, opinions: 3, careRequests: 1, residentsServed: 5 });
    expect(d.indicators).toMatchObject({
      satisfaction: { average: 4, count: 3 },
      acceptOnTimeRate: 0.6667,
      replyOnTimeRate: 0.5,
      resolutionRate: 0.3333,
      medianFirstResponseHours: 6,
    });
    expect(termMap(d.activityIndex.terms)).toEqual({
      checkIns: 1.7,
      attendanceRate: 92.6,
      volunteerHours: 2,
      opinions: 15,
      onTimeReplies: 50,
      satisfaction: 75,
      branchSessions: 25,
    });
    const values = Object.fromEntries(d.activityIndex.terms.map((x: any) => [x.key, x.value]));
    expect(values).toMatchObject({ checkIns: 5, attendanceRate: 0.8333, volunteerHours: 2, opinions: 3, onTimeReplies: 0.5, satisfaction: 4, branchSessions: 1 });
    expect(d.activityIndex.value).toBe(37.3);
    const sumW = d.activityIndex.terms.reduce((s: number, x: any) => s + x.weight, 0);
    expect(sumW).toBeCloseTo(1, 6);
    expect(d.activityIndex.value).toBeCloseTo(d.activityIndex.terms.reduce((s: number, x: any) => s + x.weight * x.score, 0), 1);
    // previous period: one booking, one check-in
    expect(d.previousCounts).toMatchObject({ bookings: 1, checkIns: 1, opinions: 0 });
    expect(d.indicators.previous.acceptOnTimeRate).toBeNull();
    expect(d.indicators.delta.acceptOnTimeRate).toBeNull();
    // previous: checkIns 1 → 0.3, attendance 100% → 100 (capped): 0.06 + 15 = 15.1
    expect(d.activityIndex.previous).toBe(15.1);
    expect(d.activityIndex.delta).toBe(22.2);
    // hot topics: 路灯 in two opinions
    expect(d.hotTopics[0]).toMatchObject({ term: '路灯', weight: 2, opinions: 2 });
    expect(d.hotTopics[0].trend.find((x: any) => x.date === '2031-03-03').weight).toBe(1);
    expect(d.trend).toHaveLength(30);
    expect(d.trend.find((x: any) => x.date === '2031-03-05')).toEqual({ date: '2031-03-05', bookings: 4, checkIns: 3, opinions: 0 });
  });

  it('complex B and the street (complex-weighted mean)', async () => {
    const b = (await get(admin.token, `scope=complex&id=${B}`)).body;
    expect(b.counts).toEqual({ bookings: 2, checkIns: 1, volunteerHours: 0, opinions: 1, careRequests: 0, residentsServed: 1 });
    expect(b.indicators).toMatchObject({ satisfaction: { average: null, count: 0 }, acceptOnTimeRate: 0, replyOnTimeRate: null, resolutionRate: 0, medianFirstResponseHours: null });
    expect(b.activityIndex.value).toBe(8.9);

    const s = await get(admin.token, `scope=street&id=${S}`);
    expect(s.status).toBe(200);
    expect(s.body.counts).toEqual({ bookings: 8, checkIns: 6, volunteerHours: 2, opinions: 4, careRequests: 1, residentsServed: 6 });
    expect(s.body.indicators).toMatchObject({ satisfaction: { average: 4, count: 3 }, acceptOnTimeRate: 0.5, replyOnTimeRate: 0.5, resolutionRate: 0.25, medianFirstResponseHours: 6 });
    expect(termMap(s.body.activityIndex.terms)).toEqual({ checkIns: 1, attendanceRate: 74.1, volunteerHours: 1, opinions: 10, onTimeReplies: 25, satisfaction: 37.5, branchSessions: 12.5 });
    expect(s.body.activityIndex.value).toBe(23.1);
    expect(s.body.children.map((c: any) => [c.scope, c.id, c.activityIndex, c.satisfaction])).toEqual([
      ['complex', A, 37.3, 4],
      ['complex', B, 8.9, null],
    ]);
  });

  it('the district: streets as children, the mean over every complex', async () => {
    const d = await get(admin.token, 'scope=district');
    expect(d.status).toBe(200);
    // nothing else happened in March 2031
    expect(d.body.counts).toEqual({ bookings: 8, checkIns: 6, volunteerHours: 2, opinions: 4, careRequests: 1, residentsServed: 6 });
    const n = (await t.deps.db.select({ id: complexes.id }).from(complexes)).length;
    const mean = (x: number) => Math.round((x / n) * 10) / 10;
    expect(termMap(d.body.activityIndex.terms)).toEqual({
      checkIns: mean(2),
      attendanceRate: mean(92.6 + 55.6),
      volunteerHours: mean(2),
      opinions: mean(20),
      onTimeReplies: mean(50),
      satisfaction: mean(75),
      branchSessions: mean(25),
    });
    const street = d.body.children.find((c: any) => c.id === S);
    expect(street).toMatchObject({ scope: 'street', activityIndex: 23.1, satisfaction: 4 });
    expect(d.body.children[0].id).toBe(S);
    const other = d.body.children.find((c: any) => c.id === otherStreet);
    expect(other.activityIndex).toBe(0);
  });

  it('the report: one row per child', async () => {
    const r = await fetch(`${t.url}/api/v1/dashboard/report.xlsx?scope=street&id=${S}&from=${FROM}&to=${TO}`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(1).text).toBe('名称');
    expect(ws.getRow(3).getCell(2).value).toBe(37.3);
    expect(ws.getRow(4).getCell(2).value).toBe(8.9);
    expect(ws.getRow(5).getCell(1).text).toBe('');
    expect((await t.api('GET', `/api/v1/dashboard/report.xlsx?scope=street&id=${S}`)).status).toBe(401);
  });

  it('permissions per role and scope', async () => {
    const worker = await buildWorker(t, [A]);
    const resident = await buildResident(t);
    const branch = await buildBranchAdmin(t, 1);
    const streetAdmin = await buildUser(t, { role: 'street_admin' });
    await t.deps.db.update(users).set({ streetId: S }).where(eq(users.id, streetAdmin.id));
    const [otherComplex] = await t.deps.db.select({ id: complexes.id }).from(complexes).where(eq(complexes.streetId, otherStreet));

    expect((await get(undefined, 'scope=district')).status).toBe(401);
    for (const who of [resident, branch]) {
      expect((await get(who.token, 'scope=district')).status).toBe(403);
      expect((await get(who.token, `scope=complex&id=${A}`)).status).toBe(403);
    }
    // worker: its complex only
    expect((await get(worker.token, `scope=complex&id=${A}`)).status).toBe(200);
    expect((await get(worker.token, `scope=complex&id=${B}`)).status).toBe(403);
    expect((await get(worker.token, `scope=street&id=${S}`)).status).toBe(403);
    expect((await get(worker.token, 'scope=district')).status).toBe(403);
    // street admin: its street and its complexes
    expect((await get(streetAdmin.token, `scope=street&id=${S}`)).status).toBe(200);
    expect((await get(streetAdmin.token, `scope=complex&id=${B}`)).status).toBe(200);
    expect((await get(streetAdmin.token, `scope=street&id=${otherStreet}`)).status).toBe(403);
    expect((await get(streetAdmin.token, `scope=complex&id=${otherComplex.id}`)).status).toBe(403);
    expect((await get(streetAdmin.token, 'scope=district')).status).toBe(403);
    // district admin: everything; unknown places 404; bad input 422
    expect((await get(admin.token, `scope=street&id=${otherStreet}`)).status).toBe(200);
    expect((await get(admin.token, 'scope=complex&id=99999999')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/dashboard?scope=town', { token: admin.token })).status).toBe(422);
    expect((await t.api('GET', '/api/v1/dashboard?scope=district&from=2031-03-10&to=2031-03-01', { token: admin.token })).status).toBe(422);
    expect((await t.api('GET', `/api/v1/dashboard/report.xlsx?scope=complex&id=${B}`, { token: worker.token })).status).toBe(403);
  });

  it('weights: district admins set them (audited), they must sum to 1, the index follows', async () => {
    const worker = await buildWorker(t, [A]);
    const put = (token: string | undefined, weights: Record<string, number>) => t.api('PUT', '/api/v1/dashboard/weights', { token, body: { weights } });
    const all = { checkIns: 0, attendanceRate: 0, volunteerHours: 0, opinions: 0, onTimeReplies: 0, satisfaction: 1, branchSessions: 0 };
    expect((await put(undefined, all)).status).toBe(401);
    expect((await put(worker.token, all)).status).toBe(403);
    expect((await put(admin.token, { ...all, satisfaction: 0.9 })).status).toBe(422);
    expect((await put(admin.token, { satisfaction: 1 })).status).toBe(422);
    const ok = await put(admin.token, all);
    expect(ok.status).toBe(200);
    expect(ok.body.items.find((i: any) => i.key === 'satisfaction')).toMatchObject({ weight: 1, defaultWeight: 0.15 });
    const a = (await get(worker.token, `scope=complex&id=${A}`)).body;
    expect(a.activityIndex.value).toBe(75);
    const [entry] = await t.deps.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'dashboard.weights.set'), eq(auditLogs.actorId, admin.id)));
    expect(entry.detail).toMatchObject({ weights: { satisfaction: 1 } });
    const defaults = Object.fromEntries(ok.body.items.map((i: any) => [i.key, i.defaultWeight]));
    expect((await put(admin.token, defaults)).status).toBe(200);
    expect((await get(worker.token, `scope=complex&id=${A}`)).body.activityIndex.value).toBe(37.3);
    expect((await t.api('GET', '/api/v1/dashboard/weights', { token: worker.token })).body.items).toHaveLength(7);
  });
});
