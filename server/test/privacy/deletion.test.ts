import { existsSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import {
  careRequests,
  helpRequests,
  familyLinkAttempts,
  familyLinkCodes,
  familyLinks,
  notifications,
  opinionPhotos,
  opinions,
  pointsAccounts,
  redemptions,
  rewards,
  users,
  wechatSubscriptions,
} from '../../src/db/schema';
import { hashPhone } from '../../src/domain/auth/phone';
import { executeDueDeletions } from '../../src/domain/privacy/deletion';
import { checkLedgerInvariant } from '../../src/domain/points/invariant';
import { createActivity } from '../support/booking';
import { buildDistrictAdmin, buildResident, buildUser, buildWorker } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';
import { submitOpinion } from '../support/opinions';
import { grantPoints } from '../support/volunteer';
import { rowsNaming, uniqueHanName, whereTextAppears } from './support';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());
afterEach(() => t.clock.set(null));

const DAY = 86_400_000;

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 40, b: 90 } } }).jpeg().toBuffer();
}

/** Tables whose rows may still carry the person's id after deletion: records others rely on, anonymised. */
const KEPT = new Set([
  'users', // the empty shell itself (checked field by field below)
  'points_accounts', // balance 0 after the forfeit entry
  'account_deletions',
  'auth_sessions', // revoked
  'points_entries',
  'points_holds', // the released hold of a closed help request (no text)
  'help_requests', // closed ones stay for the points history: address, detail and place erased
  'redemptions',
  'bookings',
  'slot_bookings',
  'ballots',
  'evaluations',
  'project_ratings',
  'opinions',
  'opinion_events',
  'opinion_cosigns',
  'care_requests',
  'care_events',
  'volunteer_signups',
  'meeting_signups',
  'audit_logs',
  'pii_access_log',
]);

describe('注销账号', () => {
  it('401 without a token; only for oneself (a family member cannot delete the senior)', async () => {
    expect((await t.api('POST', '/api/v1/me/deletion', { body: {} })).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me/deletion')).status).toBe(401);
    expect((await t.api('DELETE', '/api/v1/me/deletion')).status).toBe(401);
    const senior = await buildResident(t);
    const family = await buildResident(t);
    await t.deps.db.insert(familyLinks).values({ seniorId: senior.id, familyId: family.id, status: 'active', requestedAt: new Date(), confirmedAt: new Date() });
    const r = await t.api('POST', '/api/v1/me/deletion', { token: family.token, body: { seniorId: senior.id } });
    expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
    expect(r.body.error.message).toMatch(/长辈本人/);
    // nothing was scheduled for either of them
    expect((await t.api('GET', '/api/v1/me/deletion', { token: senior.token })).body.status).toBe('none');
    expect((await t.api('GET', '/api/v1/me/deletion', { token: family.token })).body.status).toBe('none');
  });

  it('is blocked by an active care request, an unredeemed code and an upcoming booking, each named', async () => {
    const worker = await buildWorker(t, [1]);
    const u = await buildResident(t);
    await t.api('PATCH', '/api/v1/me', { token: u.token, body: { address: '文三路 1 号 2 单元', homeComplexId: 1 } });
    const care = await t.api('POST', '/api/v1/care-requests', { token: u.token, body: { kind: 'meal' } });
    expect(care.status).toBe(201);
    const act = await createActivity(t, worker.token);
    const booking = await t.api('POST', `/api/v1/activities/${act.id}/bookings`, { token: u.token, body: {} });
    expect(booking.status).toBe(201);
    const [{ id: rewardId }] = await t.deps.db.insert(rewards).values({ complexId: 1, kind: 'service', name: `理发券${Date.now()}`, pointsCost: 0, stock: 5, createdBy: worker.id }).$returningId();
    const [{ id: redId }] = await t.deps.db.insert(redemptions).values({ rewardId, userId: u.id, complexId: 1, pointsCost: 0, shortCode: String(Date.now()).slice(-8) }).$returningId();

    const r = await t.api('POST', '/api/v1/me/deletion', { token: u.token, body: {} });
    expect([r.status, r.body.error.code]).toEqual([409, 'deletion_blocked']);
    const kinds = r.body.error.details.blockers.map((b: any) => `${b.kind}:${b.id}`).sort();
    expect(kinds).toEqual([`booking:${booking.body.id}`, `care_request:${care.body.id}`, `redemption:${redId}`].sort());
    for (const b of r.body.error.details.blockers) expect(b.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(r.body.error.message).toMatch(/处理后才能注销/);
    // the screen shows the same list before asking
    expect((await t.api('GET', '/api/v1/me/deletion', { token: u.token })).body.blockers).toHaveLength(3);

    // ended one by one, the request goes through
    expect((await t.api('POST', `/api/v1/care-requests/${care.body.id}/cancel`, { token: u.token, body: { reason: '不需要了' } })).status).toBe(200);
    expect((await t.api('POST', `/api/v1/bookings/${booking.body.id}/cancel`, { token: u.token, body: {} })).status).toBe(200);
    await t.deps.db.update(redemptions).set({ status: 'cancelled' }).where(eq(redemptions.id, redId));
    expect((await t.api('POST', '/api/v1/me/deletion', { token: u.token, body: {} })).status).toBe(202);
  });

  it('cooling-off: the request waits 7 days and signing in again cancels it, and says so', async () => {
    t.clock.set('2026-12-02T02:00:00Z');
    const u = await buildResident(t);
    const r = await t.api('POST', '/api/v1/me/deletion', { token: u.token, body: { opinions: 'remove' } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'pending', scheduledFor: '2026-12-09T02:00:00.000Z', opinions: 'remove' });
    expect((await t.api('GET', '/api/v1/me', { token: u.token })).body.deletionScheduledFor).toBe('2026-12-09T02:00:00.000Z');
    // asking again keeps the date
    t.clock.advance(DAY);
    expect((await t.api('POST', '/api/v1/me/deletion', { token: u.token, body: {} })).body.scheduledFor).toBe('2026-12-09T02:00:00.000Z');
    // six days on, nothing has run yet
    t.clock.set('2026-12-08T02:00:00Z');
    await executeDueDeletions(t.deps, t.clock.now());
    expect((await t.api('GET', '/api/v1/me', { token: u.token })).status).toBe(200);

    const again = await t.api('POST', '/api/v1/auth/dev', { body: { phone: u.phone } });
    expect(again.body).toMatchObject({ deletionCancelled: true, notice: expect.stringContaining('已撤销') });
    expect(again.body.user.id).toBe(u.id);
    expect((await t.api('GET', '/api/v1/me/deletion', { token: again.body.accessToken })).body.status).toBe('none');
    const [note] = await t.deps.db.select().from(notifications).where(eq(notifications.userId, u.id));
    expect(note.title).toBe('已撤销注销申请');
    // past the date nothing runs: it was cancelled
    t.clock.set('2026-12-10T02:00:00Z');
    await executeDueDeletions(t.deps, t.clock.now());
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, u.id));
    expect(row.deletedAt).toBeNull();
    // a second sign-in has nothing to cancel
    expect((await t.api('POST', '/api/v1/auth/dev', { body: { phone: u.phone } })).body.deletionCancelled).toBe(false);
    // DELETE cancels too
    const tok = again.body.accessToken;
    expect((await t.api('POST', '/api/v1/me/deletion', { token: tok, body: {} })).status).toBe(202);
    expect((await t.api('DELETE', '/api/v1/me/deletion', { token: tok })).body).toEqual({ cancelled: true });
    expect((await t.api('DELETE', '/api/v1/me/deletion', { token: tok })).body).toEqual({ cancelled: false });
  });

  it('executed: PII gone from every table, records kept anonymous, files deleted, ledger whole, same WeChat makes a new account', async () => {
    const start = new Date('2026-12-02T03:00:00Z');
    t.clock.set(start);
    const admin = await buildDistrictAdmin(t);
    const worker = await buildWorker(t, [1]);
    const other = await buildResident(t);
    const code = `del${Date.now()}`;
    const openid = `o_${code}`;
    const u = await buildUser(t);
    await t.deps.db.update(users).set({ openid }).where(eq(users.id, u.id));
    const signedIn = await t.api('POST', '/api/v1/auth/wechat', { body: { code } });
    expect(signedIn.body.user.id).toBe(u.id);
    const token = signedIn.body.accessToken as string;

    const nickname = `删我${Date.now() % 100000}`;
    const address = `测试路${Date.now() % 100000}号三单元`;
    const realName = uniqueHanName();
    expect((await t.api('PATCH', '/api/v1/me', { token, body: { nickname, address, birthDate: '1948-03-04', homeComplexId: 1 } })).status).toBe(200);
    await t.api('POST', '/api/v1/me/privacy-consent', { token, body: { version: '2026-11' } });
    await t.api('PUT', '/api/v1/me/consents/location', { token, body: { granted: false } });
    await t.api('PUT', '/api/v1/me/consents/quiet_home', { token, body: { granted: true } });
    const reg = await t.api('POST', '/api/v1/volunteer/registrations', { token, body: { realName, skills: ['elder_care'], complexIds: [1], agreementAccepted: true, agreementVersion: '2026-11' } });
    expect(reg.status).toBe(201);
    await grantPoints(t, admin.token, u.id, 30);
    // a public opinion with a photo, a private one
    const pub = await submitOpinion(t, token, { visibility: 'public', title: '路灯坏了' });
    const priv = await submitOpinion(t, token, { visibility: 'private', title: '私下反映' });
    const up = await fetch(`${t.url}/api/v1/opinions/${pub}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(await photo()) });
    expect(up.status).toBe(201);
    const [ph] = await t.deps.db.select().from(opinionPhotos).where(eq(opinionPhotos.opinionId, pub));
    const file = path.join(path.resolve(t.deps.config.UPLOAD_DIR, 'opinions'), ph.fileName);
    expect(existsSync(file)).toBe(true);
    // a care request (idempotent create), cancelled: history stays, where and who go
    const care = await t.api('POST', '/api/v1/care-requests', { token, body: { kind: 'visit', note: `${nickname}家门口有台阶` }, headers: { 'idempotency-key': `k-${code}` } });
    expect(care.status).toBe(201);
    // the worker opens it: an access entry about the person
    expect((await t.api('GET', `/api/v1/care-requests/${care.body.id}`, { token: worker.token })).status).toBe(200);
    await t.api('POST', `/api/v1/care-requests/${care.body.id}/cancel`, { token, body: { reason: '家人来了' } });
    // a booking, cancelled
    const act = await createActivity(t, worker.token);
    const bk = await t.api('POST', `/api/v1/activities/${act.id}/bookings`, { token, body: {} });
    await t.api('POST', `/api/v1/bookings/${bk.body.id}/cancel`, { token, body: {} });
    // 邻里互助: verified at complex 1, a request with the exact address, cancelled before a match
    expect((await t.api('POST', `/api/v1/complexes/1/residents/${u.id}/verify`, { token: worker.token })).status).toBe(200);
    const help = await t.api('POST', '/api/v1/help-requests', { token, body: { complexId: 1, category: 'errand', title: '帮忙买菜', detail: `${nickname}腿脚不便`, address, from: new Date(start.getTime() + 2 * 3600_000).toISOString(), to: new Date(start.getTime() + 5 * 3600_000).toISOString(), points: 5 } });
    expect([help.status, help.body.error]).toEqual([201, undefined]);
    expect((await t.api('POST', `/api/v1/help-requests/${help.body.id}/cancel`, { token, body: {} })).status).toBe(200);
    // family, subscriptions, a notification
    const [{ id: linkId }] = await t.deps.db.insert(familyLinks).values({ seniorId: u.id, familyId: other.id, status: 'active', requestedAt: start, confirmedAt: start }).$returningId();
    await t.deps.db.insert(familyLinkCodes).values({ seniorId: u.id, linkId, codeHash: 'x'.repeat(64), expiresAt: start });
    await t.deps.db.insert(familyLinkAttempts).values({ familyId: u.id, kind: 'request', at: start });
    await t.deps.db.insert(wechatSubscriptions).values({ userId: u.id, templateId: 'tpl_x', remaining: 2 });
    await t.deps.db.insert(notifications).values({ userId: u.id, kind: 'test', title: '测试消息' });
    const phoneHash = hashPhone(u.phone, t.deps.config.PII_KEY);
    const [before] = await t.deps.db.select().from(users).where(eq(users.id, u.id));
    expect(before.phoneHash).toBe(phoneHash);

    const req = await t.api('POST', '/api/v1/me/deletion', { token, body: { opinions: 'anonymise' } });
    expect(req.status).toBe(202);
    t.clock.set(new Date(start.getTime() + 7 * DAY + 60_000));
    expect((await executeDueDeletions(t.deps, t.clock.now())).executed).toBeGreaterThanOrEqual(1);

    // signed out everywhere
    expect((await t.api('GET', '/api/v1/me', { token })).status).toBe(401);
    // the shell: nothing personal left
    const [shell] = await t.deps.db.select().from(users).where(eq(users.id, u.id));
    expect(shell).toMatchObject({ nickname: '已注销用户', realName: null, openid: null, unionid: null, phoneHash: null, phoneEnc: null, phoneMasked: null, birthDate: null, address: null, homeComplexId: null, disabled: true });
    expect(shell.deletedAt).not.toBeNull();
    // every table checked through every foreign key to users
    const left = await rowsNaming(t, u.id);
    const unexpected = Object.keys(left).filter((k) => !KEPT.has(k));
    expect(unexpected).toEqual([]);
    // and the person's PII appears in no text column anywhere
    for (const needle of [u.phone, phoneHash, before.phoneEnc!, nickname, address, realName, openid, u.phone.slice(-4) + '号']) {
      expect([needle, await whereTextAppears(t, needle)]).toEqual([needle, []]);
    }
    // records that stay are anonymous
    const [hr] = await t.deps.db.select().from(helpRequests).where(eq(helpRequests.id, help.body.id));
    expect(hr).toMatchObject({ address: '（已注销）', detail: '', roughPlace: '（已注销）', status: 'cancelled' });
    const [c] = await t.deps.db.select().from(careRequests).where(eq(careRequests.id, care.body.id));
    expect(c).toMatchObject({ address: '（已注销）', phoneEnc: null, phoneMasked: null, note: '', status: 'cancelled' });
    const [po] = await t.deps.db.select().from(opinions).where(eq(opinions.id, pub));
    expect(po).toMatchObject({ title: '路灯坏了', visibility: 'public', photoCount: 0 });
    const [pr] = await t.deps.db.select().from(opinions).where(eq(opinions.id, priv));
    expect(pr.content).not.toMatch(/垃圾分类/);
    const shown = await t.api('GET', `/api/v1/opinions/${pub}`, { token: other.token });
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).toContain('已注销用户');
    // photos: rows and files gone
    expect(await t.deps.db.select().from(opinionPhotos).where(eq(opinionPhotos.opinionId, pub))).toEqual([]);
    expect(existsSync(file)).toBe(false);
    // the balance was forfeited with its own entry; the ledger still adds up
    const [acct] = await t.deps.db.select().from(pointsAccounts).where(eq(pointsAccounts.userId, u.id));
    expect(acct.balance).toBe(0);
    const report = await checkLedgerInvariant(t.deps.db, [u.id]);
    expect(report.violations).toEqual([]);
    const { pointsEntries } = await import('../../src/db/schema');
    const entries = await t.deps.db.select().from(pointsEntries).where(eq(pointsEntries.userId, u.id));
    expect(entries.map((e) => [e.reason, e.delta])).toEqual([
      ['admin_adjustment', 30],
      ['welcome', 20],
      ['account_deleted', -50],
    ]);
    // family links, codes, subscriptions, consents: gone (also covered by the sweep above)
    expect(await t.deps.db.select().from(familyLinks).where(eq(familyLinks.id, linkId))).toEqual([]);

    // the same WeChat account signs in to a new, empty account; so does the phone
    const back = await t.api('POST', '/api/v1/auth/wechat', { body: { code } });
    expect(back.status).toBe(200);
    expect(back.body.user.id).not.toBe(u.id);
    expect(back.body.user).toMatchObject({ pointsBalance: 0, nickname: '微信用户', homeComplexId: null, address: null });
    expect((await t.api('GET', '/api/v1/me/deletion', { token: back.body.accessToken })).body.status).toBe('none');
    const byPhone = await t.login(u.phone);
    expect(byPhone.user.id).not.toBe(u.id);
    // running again leaves the new accounts alone
    await executeDueDeletions(t.deps, t.clock.now());
    expect((await t.api('GET', '/api/v1/me', { token: back.body.accessToken })).status).toBe(200);
  });

  it('opinions "remove": the public opinion keeps no text, and is no longer public', async () => {
    t.clock.set('2026-12-02T04:00:00Z');
    const u = await buildResident(t);
    const pub = await submitOpinion(t, u.token, { visibility: 'public', title: '长椅需要维修' });
    expect((await t.api('POST', '/api/v1/me/deletion', { token: u.token, body: { opinions: 'remove' } })).status).toBe(202);
    t.clock.advance(7 * DAY + 1);
    expect((await executeDueDeletions(t.deps, t.clock.now())).executed).toBeGreaterThanOrEqual(1);
    const [o] = await t.deps.db.select().from(opinions).where(eq(opinions.id, pub));
    expect(o.visibility).toBe('private');
    expect(o.title).not.toContain('长椅');
    expect(o.content).not.toContain('垃圾分类');
    const other = await buildResident(t);
    expect((await t.api('GET', `/api/v1/opinions/${pub}`, { token: other.token })).status).toBe(404);
  });
});
