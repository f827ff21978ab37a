import ExcelJS from 'exceljs';
import { evaluations, volunteerPosts, volunteerSignups } from '../../db/schema';
import { buildBranchAdmin, buildDistrictAdmin, buildResident } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { book } from '../../../test/support/offerings';

// Fixture month far from the other suites' offerings (they publish relative to the real clock).
const MONTH = '2030-05';
let t: TestServer;
let admin: string;
let x: { id: number; token: string }; // branch 10
let y: { id: number; token: string }; // branch 11
let cx: number;
let cy: number;
const ids: Record<string, number> = {};
const residentOf = new Map<number, string>(); // booking id → the resident's token

async function offer(token: string, branchId: number, complexId: number, serviceItemId: number, startAt: string, key: string) {
  const start = new Date(startAt);
  const r = await t.api('POST', `/api/v1/branches/${branchId}/offerings`, {
    token,
    body: { complexId, serviceItemId, description: '测试', startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString(), capacity: 10, volunteersNeeded: 0 },
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  ids[key] = r.body.id;
  return r.body.id as number;
}

/** Books `n` residents now; returns their booking ids. */
async function seats(offeringId: number, n: number) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const b = await book(t, offeringId);
    residentOf.set(b.bookingId, b.resident.token);
    out.push(b.bookingId);
  }
  return out;
}

/** The resident of the booking rates the branch service (评议) through the API. */
async function rate(bookingId: number, offeringId: number, stars: number) {
  const r = await t.api('POST', '/api/v1/evaluations', { token: residentOf.get(bookingId)!, body: { targetType: 'branch_service', targetId: offeringId, stars } });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
}

async function checkIn(token: string, offeringId: number, at: string, bookingIds: number[]) {
  t.clock.set(at);
  for (const b of bookingIds) {
    const r = await t.api('POST', `/api/v1/offerings/${offeringId}/checkins`, { token, body: { bookingId: b } });
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  }
}

beforeAll(async () => {
  t = await startTestServer();
  admin = (await buildDistrictAdmin(t)).token;
  x = await buildBranchAdmin(t, 10);
  y = await buildBranchAdmin(t, 11);
  cx = (await t.api('GET', '/api/v1/branches/10')).body.complexIds[0];
  cy = (await t.api('GET', '/api/v1/branches/11')).body.complexIds[0];
  expect(cx).not.toBe(cy);

  t.clock.set('2030-04-20T02:00:00Z');
  // items 1–6 are 助老服务 (category 1), 7–12 医疗健康 (category 2)
  await offer(x.token, 10, cx, 1, '2030-05-03T09:00:00+08:00', 'x1');
  await offer(x.token, 10, cx, 7, '2030-05-10T09:00:00+08:00', 'x2');
  await offer(x.token, 10, cx, 2, '2030-05-20T09:00:00+08:00', 'xCancelled');
  await offer(x.token, 10, cx, 3, '2030-05-28T09:00:00+08:00', 'xLater');
  await offer(x.token, 10, cx, 4, '2030-05-31T23:00:00+08:00', 'xLastHour');
  await offer(x.token, 10, cx, 5, '2030-06-01T00:30:00+08:00', 'xJune');
  await offer(x.token, 10, cx, 6, '2030-04-28T09:00:00+08:00', 'xApril');
  await offer(y.token, 11, cy, 8, '2030-05-04T14:00:00+08:00', 'y1');
  await offer(y.token, 11, cy, 9, '2030-05-25T05:00:00Z', 'yAboutToStart');
  await t.api('POST', `/api/v1/offerings/${ids.xCancelled}/cancel`, { token: x.token, body: {} });

  const x1 = await seats(ids.x1, 3);
  const x2 = await seats(ids.x2, 1);
  const y1 = await seats(ids.y1, 2);
  const yEarly = await seats(ids.yAboutToStart, 1);
  const xApril = await seats(ids.xApril, 1);
  await checkIn(x.token, ids.xApril, '2030-04-28T01:10:00Z', xApril);
  await checkIn(x.token, ids.x1, '2030-05-03T01:10:00Z', x1.slice(0, 2));
  await checkIn(y.token, ids.y1, '2030-05-04T06:10:00Z', y1.slice(0, 1));
  await checkIn(x.token, ids.x2, '2030-05-10T01:10:00Z', x2);
  t.clock.set('2030-05-10T05:00:00Z');
  const rec = await t.api('PUT', `/api/v1/offerings/${ids.x2}/record`, { token: x.token, body: { peopleServed: 5, notes: '另有 4 位居民现场咨询' } });
  expect(rec.status).toBe(200);
  // volunteer posts the branches opened for their offerings, with hours a worker approved
  const post = async (branchId: number, activityId: number, startAt: string, minutes: number[]) => {
    const start = new Date(startAt);
    const [{ id: postId }] = await t.deps.db
      .insert(volunteerPosts)
      .values({ complexId: cx, activityId, organizerBranchId: branchId, createdBy: x.id, title: '志愿者', startAt: start, endAt: new Date(start.getTime() + 3 * 3600_000), positions: 5, skills: [] })
      .$returningId();
    for (const m of minutes) {
      const volunteer = await buildResident(t);
      await t.deps.db.insert(volunteerSignups).values({ postId, userId: volunteer.id, status: 'approved', approvedMinutes: m });
    }
  };
  await post(10, ids.x1, '2030-05-03T00:30:00Z', [90, 60]);
  await post(10, ids.xJune, '2030-05-31T16:00:00Z', [120]);
  await post(11, ids.y1, '2030-05-04T05:30:00Z', [30]);

  // checked in at the door before the start: the session counts as held
  await checkIn(y.token, ids.yAboutToStart, '2030-05-25T04:35:00Z', yEarly);

  // residents rate what they attended: branch 10's May sessions 5, 4 (given in June) and 4;
  // its April session 1; branch 11's May session 2
  await rate(x1[0], ids.x1, 5);
  await rate(x2[0], ids.x2, 4);
  await rate(xApril[0], ids.xApril, 1);
  await rate(y1[0], ids.y1, 2);
  t.clock.set('2030-06-02T02:00:00Z');
  await rate(x1[1], ids.x1, 4);
  // a rating of another kind of thing that happens to share the offering's id is not the branch's
  await t.deps.db.insert(evaluations).values({ userId: x.id, targetType: 'activity', targetId: ids.x1, complexId: cx, stars: 1 });
  t.clock.set('2030-05-25T04:40:00Z');
});
afterAll(() => t.close());

/** The seed's 12 complexes (server/src/db/seed/places.data.ts). */
const SEEDED_COMPLEXES = 12;

describe('branch monthly record', () => {
  it('counts sessions held, residents served (checked in) and recorded people for the month', async () => {
    const r = await t.api('GET', `/api/v1/branches/10/records?month=${MONTH}`, { token: x.token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      branchId: 10,
      month: MONTH,
      sessionsHeld: 2,
      residentsServed: 3,
      peopleServedRecorded: 5,
      sessionsRecorded: 1,
      volunteerHours: 2.5,
    });
    expect(r.body.sessions.map((s: any) => [s.offeringId, s.checkedIn, s.recorded])).toEqual([
      [ids.x1, 2, false],
      [ids.x2, 1, true],
    ]);
    const current = await t.api('GET', '/api/v1/branches/10/records', { token: x.token });
    expect(current.body.month).toBe(MONTH);
    const june = await t.api('GET', '/api/v1/branches/10/records?month=2030-06', { token: x.token });
    expect(june.body.sessionsHeld).toBe(0);
  });

  it('averages the ratings of the branch\'s sessions held in the month, not other months\' or other branches\'', async () => {
    const may = await t.api('GET', `/api/v1/branches/10/records?month=${MONTH}`, { token: x.token });
    // (5 + 4 + 4) / 3: the April session's 1, branch 11's 2 and the activity rating are left out
    expect(may.body).toMatchObject({ averageRating: 4.3, ratingCount: 3 });
    expect(may.body.sessions.map((s: any) => [s.offeringId, s.averageRating, s.ratingCount])).toEqual([
      [ids.x1, 4.5, 2],
      [ids.x2, 4, 1],
    ]);
    const april = await t.api('GET', '/api/v1/branches/10/records?month=2030-04', { token: x.token });
    expect(april.body).toMatchObject({ sessionsHeld: 1, averageRating: 1, ratingCount: 1 });
    const y11 = await t.api('GET', `/api/v1/branches/11/records?month=${MONTH}`, { token: y.token });
    expect(y11.body).toMatchObject({ averageRating: 2, ratingCount: 1 });
    expect(y11.body.sessions.find((s: any) => s.offeringId === ids.yAboutToStart)).toMatchObject({ averageRating: null, ratingCount: 0 });
  });

  it('has no rating when nobody rated', async () => {
    const june = await t.api('GET', '/api/v1/branches/10/records?month=2030-06', { token: x.token });
    expect(june.body).toMatchObject({ averageRating: null, ratingCount: 0 });
    const other = await t.api('GET', `/api/v1/branches/12/records?month=${MONTH}`, { token: admin });
    expect(other.body).toMatchObject({ sessionsHeld: 0, averageRating: null, ratingCount: 0 });
  });

  it('is for the branch and district admins only', async () => {
    expect((await t.api('GET', `/api/v1/branches/10/records?month=${MONTH}`, { token: y.token })).status).toBe(403);
    const y11 = await t.api('GET', `/api/v1/branches/11/records?month=${MONTH}`, { token: admin });
    expect(y11.body).toMatchObject({ sessionsHeld: 2, residentsServed: 2, volunteerHours: 0.5 });
    const june = await t.api('GET', '/api/v1/branches/10/records?month=2030-06', { token: admin });
    // 2030-05-31T16:00Z is 00:00 on 1 June in Shanghai
    expect(june.body.volunteerHours).toBe(2);
    expect((await t.api('GET', `/api/v1/branches/10/records?month=${MONTH}`)).status).toBe(401);
    expect((await t.api('GET', '/api/v1/branches/10/records?month=2030-13', { token: x.token })).status).toBe(422);
  });
});

describe('district coverage', () => {
  it('shows complexes × categories with the seeded pairings, flags complexes without service, ranks branches', async () => {
    const r = await t.api('GET', `/api/v1/district/coverage?month=${MONTH}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.categories).toHaveLength(11);
    const row = (id: number) => r.body.complexes.find((c: any) => c.complexId === id);
    // scheduled in May and not cancelled: x1, xLater, xLastHour (category 1), x2 (category 2); June is out
    expect(row(cx).cells.slice(0, 2)).toEqual([3, 1]);
    expect(row(cx)).toMatchObject({ total: 4, flagged: false, flagReason: null });
    expect(row(cx).pairedBranches).toContainEqual({ id: 10, name: expect.any(String) });
    expect(row(cy).cells[1]).toBe(2);
    const complexes = (await t.api('GET', '/api/v1/complexes?limit=100')).body.items;
    expect(r.body.complexes).toHaveLength(complexes.length);
    // every seeded complex is paired (suites sharing this database may add unpaired complexes of their own)
    const seeded = r.body.complexes.filter((c: any) => c.complexId <= SEEDED_COMPLEXES);
    expect(seeded).toHaveLength(SEEDED_COMPLEXES);
    expect(seeded.every((c: any) => c.pairedBranches.length > 0)).toBe(true);
    const flagged = r.body.complexes.filter((c: any) => c.flagged);
    expect(r.body.flaggedCount).toBe(flagged.length);
    // every seeded complex but the two with May sessions: paired, but no service this month
    const seededFlagged = seeded.filter((c: any) => c.flagged);
    expect(seededFlagged.every((c: any) => c.total === 0 && c.flagReason === '本月没有党员服务')).toBe(true);
    expect(seededFlagged.length).toBe(SEEDED_COMPLEXES - 2);
    // a complex without any pairing says so
    expect(flagged.filter((c: any) => c.complexId > SEEDED_COMPLEXES).every((c: any) => c.pairedBranches.length > 0 || c.flagReason === '没有结对党支部')).toBe(true);

    expect(r.body.ranking).toHaveLength(149);
    expect(r.body.ranking[0]).toMatchObject({ rank: 1, branchId: 10, sessionsHeld: 2, residentsServed: 3, averageRating: 4.3, ratingCount: 3 });
    expect(r.body.ranking[1]).toMatchObject({ rank: 2, branchId: 11, sessionsHeld: 2, residentsServed: 2, averageRating: 2, ratingCount: 1 });
    expect(r.body.ranking.slice(2).every((b: any) => b.rank === 3 && b.residentsServed === 0 && b.averageRating === null && b.ratingCount === 0)).toBe(true);
  });

  it('exports the matrix and the ranking as .xlsx', async () => {
    const res = await fetch(`${t.url}/api/v1/district/coverage/export?month=${MONTH}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const [matrix, ranking] = wb.worksheets;
    expect(matrix.getRow(1).getCell(4).text).toBe('助老服务');
    const complexName = (await t.api('GET', `/api/v1/complexes/${cx}`)).body.name;
    let found = false;
    matrix.eachRow((r) => {
      if (r.getCell(2).text === complexName) {
        found = true;
        expect([r.getCell(4).value, r.getCell(5).value, r.getCell(15).value]).toEqual([3, 1, 4]);
      }
    });
    expect(found).toBe(true);
    expect(ranking.getRow(2).getCell(4).value).toBe(2);
    expect(ranking.getRow(2).getCell(5).value).toBe(3);
    expect(ranking.getRow(1).getCell(6).text).toBe('平均评分');
    expect([ranking.getRow(2).getCell(6).value, ranking.getRow(2).getCell(7).value]).toEqual([4.3, 3]);
    expect([ranking.getRow(3).getCell(6).value, ranking.getRow(3).getCell(7).value]).toEqual([2, 1]);
    expect([ranking.getRow(4).getCell(6).value, ranking.getRow(4).getCell(7).value]).toEqual(['暂无评价', 0]);
  });

  it('is for district admins only', async () => {
    expect((await t.api('GET', '/api/v1/district/coverage', { token: x.token })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/district/coverage')).status).toBe(401);
    const res = await fetch(`${t.url}/api/v1/district/coverage/export`, { headers: { authorization: `Bearer ${x.token}` } });
    expect(res.status).toBe(403);
  });
});
