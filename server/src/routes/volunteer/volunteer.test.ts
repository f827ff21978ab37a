import { and, eq } from 'drizzle-orm';
import { activities, auditLogs, volunteerPosts, volunteerSignups } from '../../db/schema';
import { buildBranchAdmin, buildDistrictAdmin, buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { buildPost, buildVolunteer, worker1 } from '../../../test/support/volunteer';
import { issueVenueCode } from '../../domain/checkin/venueCode';
import { presentMinutes } from '../../domain/volunteer/hours';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());
afterEach(() => t.clock.set(null));

const reg = (token: string, body: Record<string, unknown> = {}) =>
  t.api('POST', '/api/v1/volunteer/registrations', {
    token,
    body: { realName: '王小明', skills: ['tutoring'], complexIds: [1], agreementAccepted: true, agreementVersion: '2026-11', ...body },
  });

describe('presentMinutes', () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2026, 11, 1, h, m));
  it('clips the time present to the post', () => {
    expect(presentMinutes(at(0, 30), at(4), at(1), at(3))).toBe(120); // early and late
    expect(presentMinutes(at(1, 15), at(2, 45), at(1), at(3))).toBe(90);
    expect(presentMinutes(at(3, 30), at(4), at(1), at(3))).toBe(0); // after the end
  });
});

describe('volunteer registration', () => {
  it('needs sign-in, consent, a real name and skills from the list', async () => {
    expect((await t.api('POST', '/api/v1/volunteer/registrations', { body: {} })).status).toBe(401);
    const u = await buildResident(t);
    const bad = await reg(u.token, { agreementAccepted: false, skills: ['juggling'], realName: 'x' });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(expect.arrayContaining(['agreementAccepted', 'skills.0', 'realName']));
    const old = await reg(u.token, { agreementVersion: '2020-01' });
    expect(old.status).toBe(422);
    const unknownComplex = await reg(u.token, { complexIds: [99999] });
    expect(unknownComplex.status).toBe(422);
  });

  it('a worker of that complex approves or declines with a reason; /me says isVolunteer', async () => {
    const u = await buildResident(t);
    const r = await reg(u.token, { complexIds: [1, 2] });
    expect(r.status).toBe(201);
    expect(r.body.complexes.map((c: any) => c.status)).toEqual(['pending', 'pending']);
    expect((await t.api('GET', '/api/v1/me', { token: u.token })).body.isVolunteer).toBe(false);

    const w1 = await worker1(t);
    const w2 = await buildWorker(t, [2]);
    const [a1, a2] = r.body.complexes;
    // a resident cannot decide; a worker of another complex is refused
    expect((await t.api('POST', `/api/v1/volunteer/applications/${a1.id}/decision`, { token: u.token, body: { approve: true } })).status).toBe(403);
    const other = await t.api('POST', `/api/v1/volunteer/applications/${a1.id}/decision`, { token: w2.token, body: { approve: true } });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');

    const pending = await t.api('GET', '/api/v1/volunteer/applications', { token: w1.token });
    expect(pending.body.items.some((i: any) => i.id === a1.id)).toBe(true);
    expect(pending.body.items.some((i: any) => i.id === a2.id)).toBe(false); // not w1's complex

    const noReason = await t.api('POST', `/api/v1/volunteer/applications/${a2.id}/decision`, { token: w2.token, body: { approve: false } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.details.fields.reason).toBeDefined();
    const declined = await t.api('POST', `/api/v1/volunteer/applications/${a2.id}/decision`, { token: w2.token, body: { approve: false, reason: '本月名额已满' } });
    expect(declined.body.status).toBe('declined');
    const approved = await t.api('POST', `/api/v1/volunteer/applications/${a1.id}/decision`, { token: w1.token, body: { approve: true } });
    expect(approved.status).toBe(200);
    const again = await t.api('POST', `/api/v1/volunteer/applications/${a1.id}/decision`, { token: w1.token, body: { approve: false, reason: '改变主意了' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_decided');

    expect((await t.api('GET', '/api/v1/me', { token: u.token })).body.isVolunteer).toBe(true);
    const mine = await t.api('GET', '/api/v1/me/volunteer', { token: u.token });
    expect(mine.body.registration.complexes.map((c: any) => [c.complexId, c.status, c.reason])).toEqual([
      [1, 'approved', null],
      [2, 'declined', '本月名额已满'],
    ]);
    const [log] = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.targetType, 'volunteer_application'), eq(auditLogs.targetId, String(a2.id))));
    expect(log.action).toBe('volunteer.decline');
  });
});

describe('volunteer posts', () => {
  it('workers publish for their complex; branch admins only for their own offerings; residents never', async () => {
    const u = await buildResident(t);
    await expect(buildPost(t, { token: u.token })).rejects.toThrow(/post: 403/);
    const w2 = await buildWorker(t, [2]);
    await expect(buildPost(t, { token: w2.token })).rejects.toThrow(/post: 403/);
    const b = await buildBranchAdmin(t, 1);
    await expect(buildPost(t, { token: b.token })).rejects.toThrow(/post: 403/);
    const p = await buildPost(t, { positions: 3 });
    expect(p.positions).toBe(3);
    const detail = await t.api('GET', `/api/v1/volunteer-posts/${p.id}`, { token: u.token });
    expect(detail.body).toMatchObject({ id: p.id, pointsPerHour: 10, remaining: 3, mySignup: null, canManage: false });
    expect((await t.api('GET', `/api/v1/volunteer-posts/${p.id}`)).status).toBe(401);
    const list = await t.api('GET', '/api/v1/volunteer-posts?complexId=1', { token: u.token });
    expect(list.body.items.some((i: any) => i.id === p.id)).toBe(true);
  });

  it('a branch admin publishes a post for its own offering (activities.organizerBranchId)', async () => {
    const b = await buildBranchAdmin(t, 1);
    const start = new Date(Date.now() + 2 * 86400_000);
    const end = new Date(start.getTime() + 2 * 3600_000);
    const act = (branchId: number | null) =>
      t.deps.db
        .insert(activities)
        .values({ complexId: 1, organizerBranchId: branchId, createdBy: b.id, title: '义诊送服务', startAt: start, endAt: end, capacity: 30 })
        .$returningId()
        .then(([r]) => r.id);
    const own = await act(1);
    const others = await act(2);
    const body = (activityId: number) => ({ complexId: 1, activityId, title: '义诊引导志愿者', startAt: start.toISOString(), endAt: end.toISOString(), positions: 2 });
    const r = await t.api('POST', '/api/v1/volunteer-posts', { token: b.token, body: body(own) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ activityId: own, organizerBranchId: 1 });
    expect((await t.api('POST', '/api/v1/volunteer-posts', { token: b.token, body: body(others) })).status).toBe(403);
    // the branch runs its own post's roster
    expect((await t.api('GET', `/api/v1/volunteer-posts/${r.body.id}/signups`, { token: b.token })).status).toBe(200);
  });

  it('rejects an end before the start', async () => {
    const w = await worker1(t);
    const start = new Date(Date.now() + 86400_000);
    const r = await t.api('POST', '/api/v1/volunteer-posts', {
      token: w.token,
      body: { complexId: 1, title: '测试岗位', startAt: start.toISOString(), endAt: new Date(start.getTime() - 1).toISOString(), positions: 1 },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields.endAt).toBeDefined();
  });
});

describe('sign-up', () => {
  it('only approved volunteers of the complex may sign up', async () => {
    const p = await buildPost(t);
    const u = await buildResident(t);
    const r = await t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token: u.token });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('not_a_volunteer');
    const elsewhere = await buildVolunteer(t, 2, '李四');
    expect((await t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token: elsewhere.token })).status).toBe(403);
  });

  it('never exceeds the positions when 30 volunteers press at once', async () => {
    const p = await buildPost(t, { positions: 5 });
    const vols = await Promise.all(Array.from({ length: 30 }, (_, i) => buildVolunteer(t, 1, `志愿者${'甲乙丙丁戊己庚辛壬癸'[i % 10]}`)));
    const res = await Promise.all(vols.map((v) => t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token: v.token })));
    const ok = res.filter((r) => r.status === 201);
    expect(ok).toHaveLength(5);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.error.code === 'post_full')).toBe(true);
    expect(res.filter((r) => r.status !== 201 && r.status !== 409)).toHaveLength(0);
    const [post] = await t.deps.db.select().from(volunteerPosts).where(eq(volunteerPosts.id, p.id));
    expect(post.signedUpCount).toBe(5);
    const rows = await t.deps.db.select().from(volunteerSignups).where(eq(volunteerSignups.postId, p.id));
    expect(rows.filter((r) => r.status === 'signed_up')).toHaveLength(5);
  });

  it('one per volunteer even when the same person presses five times at once', async () => {
    const p = await buildPost(t, { positions: 10 });
    const v = await buildVolunteer(t);
    const res = await Promise.all(Array.from({ length: 5 }, () => t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token: v.token })));
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.error.code === 'already_signed_up')).toBe(true);
    const [post] = await t.deps.db.select().from(volunteerPosts).where(eq(volunteerPosts.id, p.id));
    expect(post.signedUpCount).toBe(1);
  });

  it('cancels until 2 h before the start, freeing the position; someone else cannot', async () => {
    const p = await buildPost(t, { positions: 1, inHours: 3 });
    const v = await buildVolunteer(t);
    const s = await t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token: v.token });
    const other = await buildVolunteer(t);
    expect((await t.api('POST', `/api/v1/volunteer-signups/${s.body.id}/cancel`, { token: other.token })).status).toBe(404);
    t.clock.set(new Date(new Date(p.startAt).getTime() - 119 * 60_000));
    const late = await t.api('POST', `/api/v1/volunteer-signups/${s.body.id}/cancel`, { token: v.token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('cancel_closed');
    t.clock.set(new Date(new Date(p.startAt).getTime() - 121 * 60_000));
    const ok = await t.api('POST', `/api/v1/volunteer-signups/${s.body.id}/cancel`, { token: v.token });
    expect(ok.body.status).toBe('cancelled');
    expect((await t.api('GET', `/api/v1/volunteer-posts/${p.id}`, { token: v.token })).body.remaining).toBe(1);
    expect((await t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token: other.token })).status).toBe(201);
    // the first volunteer may come back only if a place is free
    const back = await t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token: v.token });
    expect(back.body.error.code).toBe('post_full');
  });
});

describe('check-in, hours and points', () => {
  async function signedUp(o: { hours?: number; pointsPerHour?: number } = {}) {
    const p = await buildPost(t, { positions: 3, inHours: 24, hours: o.hours ?? 2, pointsPerHour: o.pointsPerHour });
    const v = await buildVolunteer(t);
    const s = await t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token: v.token });
    return { p, v, s: s.body, start: new Date(p.startAt), end: new Date(p.endAt) };
  }
  const code = (postId: number) => issueVenueCode(t.deps.config.JWT_SECRET, 'post', postId, t.clock.now()).code;

  it('venue QR check-in/out, clipped hours, approval credits once however often clicked', async () => {
    const { p, v, s, start, end } = await signedUp({ hours: 2 });
    const w = await worker1(t);
    t.clock.set(new Date(start.getTime() - 61 * 60_000));
    const tooEarly = await t.api('POST', '/api/v1/volunteer/check-in', { token: v.token, body: { code: code(p.id) } });
    expect(tooEarly.body.error.code).toBe('checkin_not_open');
    const wrongKind = issueVenueCode(t.deps.config.JWT_SECRET, 'activity', p.id, t.clock.now()).code;
    expect((await t.api('POST', '/api/v1/volunteer/check-in', { token: v.token, body: { code: wrongKind } })).body.error.code).toBe('code_invalid');
    const forged = `${code(p.id).slice(0, -3)}abc`;
    expect((await t.api('POST', '/api/v1/volunteer/check-in', { token: v.token, body: { code: forged } })).status).toBe(422);
    const stranger = await buildVolunteer(t);
    expect((await t.api('POST', '/api/v1/volunteer/check-in', { token: stranger.token, body: { code: code(p.id) } })).status).toBe(404);
    t.clock.set(new Date(start.getTime() - 20 * 60_000)); // arrives 20 min early
    const venue = await t.api('GET', `/api/v1/volunteer-posts/${p.id}/venue-code`, { token: w.token });
    expect(venue.status).toBe(200);
    const cin = await t.api('POST', '/api/v1/volunteer/check-in', { token: v.token, body: { code: venue.body.code } });
    expect(cin.body.status).toBe('checked_in');
    t.clock.set(new Date(end.getTime() + 30 * 60_000)); // leaves 30 min late
    const expired = await t.api('POST', '/api/v1/volunteer/check-out', { token: v.token, body: { code: venue.body.code } });
    expect(expired.status).toBe(409);
    expect(expired.body.error.code).toBe('code_expired');
    const cout = await t.api('POST', '/api/v1/volunteer/check-out', { token: v.token, body: { code: code(p.id) } });
    expect(cout.body).toMatchObject({ status: 'checked_out', presentMinutes: 120 });

    const before = (await t.api('GET', '/api/v1/me/points', { token: v.token })).body.balance;
    const clicks = await Promise.all(Array.from({ length: 4 }, () => t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { token: w.token, body: {} })));
    expect(clicks.every((c) => c.status === 200)).toBe(true);
    expect(clicks.filter((c) => !c.body.alreadyApproved)).toHaveLength(1);
    expect(clicks.reduce((sum, c) => sum + c.body.credited, 0)).toBe(20);
    const again = await t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { token: w.token, body: { minutes: 60, reason: '再点一次' } });
    expect(again.body).toMatchObject({ alreadyApproved: true, credited: 0, approvedMinutes: 120 });
    const pts = await t.api('GET', '/api/v1/me/points', { token: v.token });
    expect(pts.body.balance).toBe(before + 20);
    expect(pts.body.items[0]).toMatchObject({ delta: 20, reason: 'volunteer_hours', reasonLabel: '志愿服务', description: '志愿服务「助老助餐配送」2 小时 +20' });

    const inbox = await t.api('GET', '/api/v1/me/notifications', { token: v.token });
    expect(inbox.body.items.filter((n: any) => n.kind === 'volunteer_hours')).toHaveLength(1);
    const mine = await t.api('GET', '/api/v1/me/volunteer', { token: v.token });
    expect(mine.body).toMatchObject({ totalMinutes: 120, totalHours: 2, approvedPosts: 1, pointsEarned: 20, isVolunteer: true });
    const history = await t.api('GET', '/api/v1/me/volunteer-signups?scope=history', { token: v.token });
    expect(history.body.items[0]).toMatchObject({ id: s.id, status: 'approved', approvedHours: 2, post: { id: p.id } });
  });

  it('a worker marks check-in/out and adjusts hours only with a reason; resident and other complexes cannot', async () => {
    const { s, v, start } = await signedUp({ hours: 3, pointsPerHour: 12 });
    const w = await worker1(t);
    const w2 = await buildWorker(t, [2]);
    const u = await buildResident(t);
    t.clock.set(new Date(start.getTime() + 10 * 60_000));
    expect((await t.api('POST', `/api/v1/volunteer-signups/${s.id}/check-in`, { token: w2.token, body: {} })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/volunteer-signups/${s.id}/check-in`, { token: v.token, body: {} })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/volunteer-signups/${s.id}/check-in`, { body: {} })).status).toBe(401);
    const early = await t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { token: w.token, body: {} });
    expect(early.body.error.code).toBe('not_checked_in');
    expect((await t.api('POST', `/api/v1/volunteer-signups/${s.id}/check-in`, { token: w.token, body: {} })).body.status).toBe('checked_in');
    t.clock.set(new Date(start.getTime() + 130 * 60_000));
    expect((await t.api('POST', `/api/v1/volunteer-signups/${s.id}/check-out`, { token: w.token, body: {} })).body.presentMinutes).toBe(120);

    expect((await t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { token: u.token, body: {} })).status).toBe(403);
    expect((await t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { token: v.token, body: {} })).status).toBe(403);
    const foreign = await t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { token: w2.token, body: {} });
    expect(foreign.status).toBe(403);
    expect((await t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { body: {} })).status).toBe(401);
    const noReason = await t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { token: w.token, body: { minutes: 150 } });
    expect(noReason.status).toBe(422);
    const tooMuch = await t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { token: w.token, body: { minutes: 200, reason: '多算一点' } });
    expect(tooMuch.status).toBe(422);
    const ok = await t.api('POST', `/api/v1/volunteer-signups/${s.id}/approve`, { token: w.token, body: { minutes: 150, reason: '提前到场布置' } });
    expect(ok.body).toMatchObject({ status: 'approved', approvedMinutes: 150, adjustReason: '提前到场布置', credited: 30, pointsAwarded: 30 });
    const logs = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.targetType, 'volunteer_signup'), eq(auditLogs.targetId, String(s.id))));
    expect(logs.map((l) => l.action)).toEqual(expect.arrayContaining(['volunteer_signup.check_in', 'volunteer_signup.check_out', 'volunteer_signup.approve_hours']));
  });

  it('the daily cap of volunteer_hours (configured by a district admin) cuts the credit', async () => {
    const admin = await buildDistrictAdmin(t);
    const w = await worker1(t);
    expect((await t.api('PUT', '/api/v1/admin/points/caps/volunteer_hours', { token: w.token, body: { dailyCap: 25 } })).status).toBe(403);
    const set = await t.api('PUT', '/api/v1/admin/points/caps/volunteer_hours', { token: admin.token, body: { dailyCap: 25 } });
    expect(set.body.items.find((c: any) => c.reason === 'volunteer_hours')).toMatchObject({ dailyCap: 25, configured: true });
    expect((await t.api('PUT', '/api/v1/admin/points/caps/redemption', { token: admin.token, body: { dailyCap: 1 } })).status).toBe(422);
    try {
      const v = await buildVolunteer(t);
      const posts = [await buildPost(t, { hours: 2 }), await buildPost(t, { hours: 2 })];
      const paid: number[] = [];
      for (const p of posts) {
        const s = await t.api('POST', `/api/v1/volunteer-posts/${p.id}/signups`, { token: v.token });
        t.clock.set(new Date(p.startAt));
        await t.api('POST', `/api/v1/volunteer-signups/${s.body.id}/check-in`, { token: w.token, body: {} });
        t.clock.set(new Date(p.endAt));
        await t.api('POST', `/api/v1/volunteer-signups/${s.body.id}/check-out`, { token: w.token, body: {} });
        const a = await t.api('POST', `/api/v1/volunteer-signups/${s.body.id}/approve`, { token: w.token, body: {} });
        paid.push(a.body.credited, a.body.cappedBy);
        t.clock.set(null);
      }
      expect(paid).toEqual([20, 0, 5, 15]);
    } finally {
      await t.api('PUT', '/api/v1/admin/points/caps/volunteer_hours', { token: admin.token, body: { dailyCap: 200 } });
    }
  });
});
