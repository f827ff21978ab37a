import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import {
  auditLogs,
  consentEvents,
  deviceReadings,
  familyLinks,
  idempotencyKeys,
  notifications,
  piiAccessLog,
  quietHomeWatches,
  users,
  wechatSubscriptions,
} from '../../src/db/schema';
import { allRoutes } from '../../src/routes';
import { RETENTION, runRetention } from '../../src/domain/privacy/retention';
import { recordSubscriptions } from '../../src/domain/notifications/subscribe';
import { createActivity } from '../support/booking';
import { buildBranchAdmin, buildDistrictAdmin, buildResident, buildWorker } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';
import { publish } from '../support/offerings';
import { submitOpinion } from '../support/opinions';
import { buildPost, buildVolunteer, grantPoints } from '../support/volunteer';
import { uniqueHanName } from './support';
import { helpBody, verifiedResident } from '../support/helping';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());
afterEach(() => t.clock.set(null));

const DAY = 86_400_000;

async function xlsx(path: string, token: string) {
  const res = await fetch(t.url + path, { headers: { authorization: `Bearer ${token}` } });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, buf };
}

describe('个人信息副本', () => {
  it('401 without a token', async () => {
    expect((await t.api('GET', '/api/v1/me/export?format=json')).status).toBe(401);
  });

  it('holds exactly the caller\'s rows (two users), others only as masked names, as JSON and xlsx', async () => {
    const admin = await buildDistrictAdmin(t);
    const worker = await buildWorker(t, [1]);
    const a = await buildResident(t);
    const b = await buildResident(t);
    await t.api('PATCH', '/api/v1/me', { token: a.token, body: { nickname: '甲居民', address: '甲地址路 1 号' } });
    await t.api('PATCH', '/api/v1/me', { token: b.token, body: { nickname: '乙居民', address: '乙地址路 2 号' } });
    await grantPoints(t, admin.token, a.id, 11);
    await grantPoints(t, admin.token, b.id, 22);
    const oa = await submitOpinion(t, a.token, { title: '甲的意见' });
    const ob = await submitOpinion(t, b.token, { title: '乙的意见' });
    // b co-signs a's opinion; b is a's family
    await t.api('POST', `/api/v1/opinions/${oa}/cosign`, { token: b.token });
    await t.deps.db.insert(familyLinks).values({ seniorId: a.id, familyId: b.id, relation: '女儿', status: 'active', requestedAt: new Date(), confirmedAt: new Date() });
    const act = await createActivity(t, worker.token);
    const ba = await t.api('POST', `/api/v1/activities/${act.id}/bookings`, { token: a.token, body: {} });
    await t.api('POST', `/api/v1/activities/${act.id}/bookings`, { token: b.token, body: {} });
    await t.api('POST', '/api/v1/me/privacy-consent', { token: a.token, body: { version: '2026-11' } });

    const r = await t.api('GET', '/api/v1/me/export?format=json', { token: a.token });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/attachment/);
    const d = r.body;
    expect(d.profile).toEqual([expect.objectContaining({ id: a.id, nickname: '甲居民', address: '甲地址路 1 号', phone: a.phone })]);
    expect(d.points.map((e: any) => e.delta)).toEqual([11]);
    expect(d.opinions.map((o: any) => o.id)).toEqual([oa]);
    expect(d.bookings.map((x: any) => x.id)).toEqual([ba.body.id]);
    expect(d.cosigns).toEqual([]);
    expect(d.familyLinks).toEqual([expect.objectContaining({ myRole: '长辈', other: '乙*民', relation: '女儿' })]);
    expect(d.consents).toEqual([expect.objectContaining({ kind: 'privacy', version: '2026-11' })]);
    // nothing of b beyond the masked name
    const text = JSON.stringify(d);
    for (const leak of ['乙居民', '乙地址', '乙的意见', b.phone, `"${b.id}"`]) expect([leak, text.includes(leak)]).toEqual([leak, false]);
    expect(d.bookings.some((x: any) => x.id !== ba.body.id)).toBe(false);
    // b's own copy has b's co-sign and not a's opinion
    const rb = await t.api('GET', '/api/v1/me/export?format=json', { token: b.token });
    expect(rb.body.cosigns.map((c: any) => c.opinionId)).toEqual([oa]);
    expect(rb.body.opinions.map((o: any) => o.id)).toEqual([ob]);
    expect(rb.body.familyLinks[0]).toMatchObject({ myRole: '家人', other: '甲*民' });

    // the workbook: one sheet per section, the same rows
    const w = await xlsx('/api/v1/me/export?format=xlsx', a.token);
    expect(w.status).toBe(200);
    expect(w.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(w.buf as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['基本资料', '积分明细', '我的意见', '亲情代办关系', '授权记录']));
    const opSheet = wb.getWorksheet('我的意见')!;
    expect(opSheet.rowCount).toBe(2);
    let all = '';
    wb.eachSheet((s) => s.eachRow((row) => (all += JSON.stringify(row.values))));
    expect(all).toContain('甲的意见');
    expect(all).not.toContain('乙的意见');
    expect(all).not.toContain(b.phone);
    // the download is audited
    const audits = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.actorId, a.id), eq(auditLogs.action, 'me.export')));
    expect(audits.length).toBe(2);
  });

  it('is rate-limited per account (429 with Retry-After)', async () => {
    const u = await buildResident(t);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await t.api('GET', '/api/v1/me/export?format=json', { token: u.token })).status);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    const r = await t.api('GET', '/api/v1/me/export?format=json', { token: u.token });
    expect(r.body.error.code).toBe('rate_limited');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('授权', () => {
  it('401 without a token; 422 for an unknown kind', async () => {
    expect((await t.api('GET', '/api/v1/me/consents')).status).toBe(401);
    const u = await buildResident(t);
    expect((await t.api('PUT', '/api/v1/me/consents/camera', { token: u.token, body: { granted: false } })).status).toBe(422);
  });

  it('withdrawing location stops the service circle at once; granting again brings it back; each change recorded', async () => {
    const u = await buildResident(t);
    const q = '/api/v1/nearby?lat=30.2741&lng=120.1551';
    expect((await t.api('GET', q, { token: u.token })).status).toBe(200);
    const off = await t.api('PUT', '/api/v1/me/consents/location', { token: u.token, body: { granted: false } });
    expect(off.status).toBe(200);
    expect(off.body.items.find((i: any) => i.kind === 'location')).toMatchObject({ granted: false });
    const refused = await t.api('GET', q, { token: u.token });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'consent_withdrawn']);
    // the complex list no longer sorts by where the person is
    const list = await t.api('GET', '/api/v1/complexes?lat=30.2741&lng=120.1551&limit=3', { token: u.token });
    expect(list.body.items[0].distanceM).toBeUndefined();
    await t.api('PUT', '/api/v1/me/consents/location', { token: u.token, body: { granted: true } });
    expect((await t.api('GET', q, { token: u.token })).status).toBe(200);
    const hist = await t.deps.db.select().from(consentEvents).where(eq(consentEvents.userId, u.id));
    expect(hist.map((h) => [h.kind, h.granted])).toEqual([
      ['location', false],
      ['location', true],
    ]);
    expect(hist.every((h) => h.at instanceof Date)).toBe(true);
  });

  it('withdrawing subscribe messages spends every allowance and records no new ones', async () => {
    const u = await buildResident(t);
    await recordSubscriptions(t.deps, u.id, ['tpl_a']);
    await t.api('PUT', '/api/v1/me/consents/subscribe', { token: u.token, body: { granted: false } });
    const [row] = await t.deps.db.select().from(wechatSubscriptions).where(eq(wechatSubscriptions.userId, u.id));
    expect(row.remaining).toBe(0);
    await recordSubscriptions(t.deps, u.id, ['tpl_a', 'tpl_b']);
    const rows = await t.deps.db.select().from(wechatSubscriptions).where(eq(wechatSubscriptions.userId, u.id));
    expect(rows.map((r) => r.remaining)).toEqual([0]);
  });

  it('亲情守护: the senior turns it on and off in 设置, the watch follows at once, both recorded', async () => {
    const u = await buildResident(t);
    await t.api('PUT', '/api/v1/me/consents/quiet_home', { token: u.token, body: { granted: true } });
    let [w] = await t.deps.db.select().from(quietHomeWatches).where(eq(quietHomeWatches.seniorId, u.id));
    expect(w.status).toBe('active');
    const off = await t.api('PUT', '/api/v1/me/consents/quiet_home', { token: u.token, body: { granted: false } });
    expect(off.body.items.find((i: any) => i.kind === 'quiet_home').granted).toBe(false);
    [w] = await t.deps.db.select().from(quietHomeWatches).where(eq(quietHomeWatches.seniorId, u.id));
    expect(w.status).toBe('off');
    expect(off.body.history.map((h: any) => [h.kind, h.granted])).toEqual([
      ['quiet_home', true],
      ['quiet_home', false],
    ]);
  });

  it('the privacy notice: GET says whether the accepted version is current', async () => {
    const u = await buildResident(t);
    expect((await t.api('GET', '/api/v1/me/consents', { token: u.token })).body.privacy).toMatchObject({ upToDate: false, acceptedVersion: null });
    await t.api('POST', '/api/v1/me/privacy-consent', { token: u.token, body: { version: '2026-11' } });
    const c = (await t.api('GET', '/api/v1/me/consents', { token: u.token })).body;
    expect(c.privacy).toMatchObject({ upToDate: true, acceptedVersion: '2026-11' });
    expect(c.history[0]).toMatchObject({ kind: 'privacy', version: '2026-11', granted: true });
  });
});

/** Keys of a zod schema, recursively (objects, arrays, optionals, unions). */
function schemaKeys(s: any, out = new Set<string>(), depth = 0): Set<string> {
  if (!s || depth > 12) return out;
  const def = s._zod?.def ?? s.def;
  if (!def) return out;
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape)) {
        out.add(k);
        schemaKeys(v, out, depth + 1);
      }
      break;
    case 'array':
      schemaKeys(def.element, out, depth + 1);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      schemaKeys(def.innerType, out, depth + 1);
      break;
    case 'pipe':
      schemaKeys(def.in, out, depth + 1);
      schemaKeys(def.out, out, depth + 1);
      break;
    case 'union':
      for (const o of def.options) schemaKeys(o, out, depth + 1);
      break;
  }
  return out;
}

const STAFF = ['worker', 'street_admin', 'branch_admin', 'district_admin'];
const PII_KEYS = ['phone', 'address', 'realName', 'note'];

describe('谁查看了我的信息', () => {
  it('every staff or care route whose response carries a PII field declares pii (an access) or says why not', () => {
    const missing = allRoutes
      .filter((r) => (Array.isArray(r.auth) && r.auth.some((x) => STAFF.includes(x))) || r.tags.includes('care'))
      .filter((r) => r.response && PII_KEYS.some((k) => schemaKeys(r.response).has(k)))
      .filter((r) => !r.pii)
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('every PII-revealing endpoint writes an access entry (staff, person, fields, purpose), and the person sees role and complex, not names', async () => {
    // complex 3: the demo data fills complex 1's care queue
    const worker = await buildWorker(t, [1, 3]);
    const senior = await buildResident(t);
    const realName = uniqueHanName();
    await t.deps.db.update(users).set({ realName }).where(eq(users.id, senior.id));
    await t.api('PATCH', '/api/v1/me', { token: senior.token, body: { address: '文一路 88 号 3 幢', homeComplexId: 3 } });
    const volunteer = await buildVolunteer(t, 3, uniqueHanName());
    const branchAdmin = await buildBranchAdmin(t, 1);

    const entries = async (viewer: number, subject: number, endpoint: string) =>
      t.deps.db.select().from(piiAccessLog).where(and(eq(piiAccessLog.staffId, viewer), eq(piiAccessLog.subjectId, subject), eq(piiAccessLog.endpoint, endpoint)));

    const careRes = await t.api('POST', '/api/v1/care-requests', { token: senior.token, body: { kind: 'meal', note: '不吃辣' } });
    expect([careRes.status, careRes.body.error]).toEqual([201, undefined]);
    const care = careRes.body;
    const care2 = (await t.api('POST', '/api/v1/care-requests', { token: senior.token, body: { kind: 'cleaning' } })).body;
    const act = await createActivity(t, worker.token);
    await t.api('POST', `/api/v1/activities/${act.id}/bookings`, { token: senior.token, body: {} });
    const offering = await publish(t, branchAdmin.token);
    await t.api('POST', `/api/v1/activities/${offering.id}/bookings`, { token: senior.token, body: {} });
    const post = await buildPost(t, { token: worker.token, complexId: 3 });
    expect((await t.api('POST', `/api/v1/volunteer-posts/${post.id}/signups`, { token: volunteer.token })).status).toBe(201);
    await t.deps.db.update(users).set({ realName: null }).where(eq(users.id, volunteer.id));
    // 邻里互助: a disputed request at complex 3; its staff see the requester's exact address
    const asker = await verifiedResident(t, worker.token, 3);
    const neighbour = await verifiedResident(t, worker.token, 3);
    const help = await t.api('POST', '/api/v1/help-requests', { token: asker.token, body: helpBody(t, { complexId: 3, address: '文一路 99 号 2 幢 301' }) });
    expect([help.status, help.body.error]).toEqual([201, undefined]);
    for (const [who, step] of [[neighbour, 'take'], [asker, 'confirm-match']] as const) {
      expect((await t.api('POST', `/api/v1/help-requests/${help.body.id}/${step}`, { token: who.token, body: {} })).status).toBe(200);
    }
    expect((await t.api('POST', `/api/v1/help-requests/${help.body.id}/dispute`, { token: asker.token, body: { reason: '约好的时间没有来' } })).status).toBe(200);

    // each driver calls one PII route as staff and names whose entry it must leave
    const drivers: Record<string, () => Promise<{ viewer: number; subject: number; fields: string[]; purpose: string }>> = {
      'GET /api/v1/care/queue': async () => {
        const q = await t.api('GET', '/api/v1/care/queue?complexId=3&status=all&limit=100', { token: worker.token });
        expect([q.status, q.body.items.some((i: any) => i.id === care.id)]).toEqual([200, true]);
        return { viewer: worker.id, subject: senior.id, fields: ['phone', 'address', 'realName', 'careNote'], purpose: 'care_dispatch' };
      },
      'GET /api/v1/care-requests/:id': async () => {
        expect((await t.api('GET', `/api/v1/care-requests/${care.id}`, { token: worker.token })).status).toBe(200);
        return { viewer: worker.id, subject: senior.id, fields: ['phone', 'address', 'realName', 'careNote'], purpose: 'care_dispatch' };
      },
      'POST /api/v1/care-requests/:id/accept': async () => {
        expect((await t.api('POST', `/api/v1/care-requests/${care.id}/accept`, { token: worker.token, body: {} })).status).toBe(200);
        return { viewer: worker.id, subject: senior.id, fields: ['phone', 'address', 'realName', 'careNote'], purpose: 'care_dispatch' };
      },
      'POST /api/v1/care-requests/:id/assign': async () => {
        const r = await t.api('POST', `/api/v1/care-requests/${care.id}/assign`, { token: worker.token, body: { assigneeId: volunteer.id } });
        expect(r.status).toBe(200);
        return { viewer: worker.id, subject: senior.id, fields: ['phone', 'address', 'realName', 'careNote'], purpose: 'care_dispatch' };
      },
      'POST /api/v1/care-requests/:id/start': async () => {
        // the volunteer on the visit: address and note, as a volunteer
        expect((await t.api('POST', `/api/v1/care-requests/${care.id}/start`, { token: volunteer.token, body: {} })).status).toBe(200);
        return { viewer: volunteer.id, subject: senior.id, fields: ['address', 'careNote'], purpose: 'care_dispatch' };
      },
      'POST /api/v1/care-requests/:id/complete': async () => {
        expect((await t.api('POST', `/api/v1/care-requests/${care.id}/complete`, { token: worker.token, body: {} })).status).toBe(200);
        return { viewer: worker.id, subject: senior.id, fields: ['phone', 'address', 'realName', 'careNote'], purpose: 'care_dispatch' };
      },
      'POST /api/v1/care-requests/:id/cancel': async () => {
        expect((await t.api('POST', `/api/v1/care-requests/${care2.id}/cancel`, { token: worker.token, body: { reason: '重复申请' } })).status).toBe(200);
        return { viewer: worker.id, subject: senior.id, fields: ['phone', 'address', 'realName', 'careNote'], purpose: 'care_dispatch' };
      },
      'GET /api/v1/activities/:id/roster': async () => {
        expect((await t.api('GET', `/api/v1/activities/${act.id}/roster`, { token: worker.token })).status).toBe(200);
        return { viewer: worker.id, subject: senior.id, fields: ['realName'], purpose: 'activity_roster' };
      },
      'GET /api/v1/activities/:id/roster.xlsx': async () => {
        expect((await xlsx(`/api/v1/activities/${act.id}/roster.xlsx`, worker.token)).status).toBe(200);
        return { viewer: worker.id, subject: senior.id, fields: ['realName'], purpose: 'roster_export' };
      },
      'GET /api/v1/offerings/:id/roster': async () => {
        expect((await t.api('GET', `/api/v1/offerings/${offering.id}/roster`, { token: branchAdmin.token })).status).toBe(200);
        return { viewer: branchAdmin.id, subject: senior.id, fields: ['realName'], purpose: 'offering_roster' };
      },
      'GET /api/v1/volunteer/applications': async () => {
        expect((await t.api('GET', '/api/v1/volunteer/applications?complexId=3&status=approved&limit=100', { token: worker.token })).status).toBe(200);
        return { viewer: worker.id, subject: volunteer.id, fields: ['realName'], purpose: 'volunteer_review' };
      },
      'GET /api/v1/volunteer-posts/:id/signups': async () => {
        expect((await t.api('GET', `/api/v1/volunteer-posts/${post.id}/signups`, { token: worker.token })).status).toBe(200);
        return { viewer: worker.id, subject: volunteer.id, fields: ['realName'], purpose: 'volunteer_roster' };
      },
      'GET /api/v1/help-requests': async () => {
        const l = await t.api('GET', '/api/v1/help-requests?complexId=3&status=disputed', { token: worker.token });
        expect([l.status, l.body.items.some((i: any) => i.id === help.body.id && i.address)]).toEqual([200, true]);
        return { viewer: worker.id, subject: asker.id, fields: ['address'], purpose: 'help_request' };
      },
      'GET /api/v1/help-requests/:id': async () => {
        const g = await t.api('GET', `/api/v1/help-requests/${help.body.id}`, { token: worker.token });
        expect([g.status, g.body.address]).toEqual([200, '文一路 99 号 2 幢 301']);
        return { viewer: worker.id, subject: asker.id, fields: ['address'], purpose: 'help_request' };
      },
      'POST /api/v1/help-requests/:id/decide': async () => {
        const d = await t.api('POST', `/api/v1/help-requests/${help.body.id}/decide`, { token: worker.token, body: { decision: 'refund', note: '双方说明后退回积分' } });
        expect([d.status, d.body.error]).toEqual([200, undefined]);
        return { viewer: worker.id, subject: asker.id, fields: ['address'], purpose: 'help_request' };
      },
    };
    const declared = allRoutes.filter((r) => r.pii && 'fields' in r.pii).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(Object.keys(drivers).sort()).toEqual([...declared].sort());
    for (const name of declared) {
      const exp = await drivers[name]();
      const got = await entries(exp.viewer, exp.subject, name);
      expect([name, got.length > 0]).toEqual([name, true]);
      expect([name, got[got.length - 1].fields, got[got.length - 1].purpose]).toEqual([name, exp.fields, exp.purpose]);
    }
    // the senior's own views are not accesses
    const before = (await t.deps.db.select({ n: sql<number>`count(*)` }).from(piiAccessLog).where(eq(piiAccessLog.staffId, senior.id)))[0].n;
    await t.api('GET', `/api/v1/care-requests/${care.id}`, { token: senior.token });
    expect(Number(before)).toBe(0);
    expect(await t.deps.db.select().from(piiAccessLog).where(eq(piiAccessLog.staffId, senior.id))).toEqual([]);

    // 谁查看了我的信息: role and complex, never the viewer's name or id
    expect((await t.api('GET', '/api/v1/me/access-log')).status).toBe(401);
    const log = await t.api('GET', '/api/v1/me/access-log', { token: senior.token });
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBeGreaterThanOrEqual(10);
    expect(log.body.items[0]).toEqual(expect.objectContaining({ at: expect.any(String), staffRole: expect.any(String), complexName: expect.any(String), fields: expect.any(Array), purpose: expect.any(String) }));
    expect(log.body.items.map((i: any) => i.staffRole)).toEqual(expect.arrayContaining(['worker', 'volunteer', 'branch_admin']));
    const txt = JSON.stringify(log.body);
    expect(txt).not.toContain(String(worker.id) + ',');
    for (const k of ['staffId', 'nickname', 'name']) expect(Object.keys(log.body.items[0])).not.toContain(k);
    // older than 180 days is not shown
    t.clock.set(new Date(Date.now() + 181 * DAY));
    expect((await t.api('GET', '/api/v1/me/access-log', { token: senior.token })).body.items).toEqual([]);
  });

  it('district admins export the log (403 for others); the download is audited', async () => {
    const admin = await buildDistrictAdmin(t);
    const worker = await buildWorker(t, [1]);
    const day = new Date().toISOString().slice(0, 10);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await xlsx(`/api/v1/admin/pii-access-log.xlsx?from=${day}&to=${today}`, worker.token)).status).toBe(403);
    const r = await xlsx(`/api/v1/admin/pii-access-log.xlsx?from=${day}&to=${today}`, admin.token);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.buf as never);
    const ws = wb.getWorksheet('查阅记录')!;
    expect(ws.getRow(1).values).toEqual(expect.arrayContaining(['查阅人编号', '被查阅人编号', '字段', '目的']));
    expect(ws.rowCount).toBeGreaterThan(1);
    const [a] = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.actorId, admin.id), eq(auditLogs.action, 'pii_access_log.export')));
    expect(a).toBeDefined();
  });
});

describe('retention', () => {
  it('deletes exactly what is past its period, in batches, and reports counts only', async () => {
    const now = new Date('2027-06-01T00:00:00Z');
    const u = await buildResident(t);
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const H = 3600_000;
    // one row just past each period and one just inside it
    await t.deps.db.insert(notifications).values([
      { userId: u.id, kind: 'ret', title: 'old', createdAt: ago(RETENTION.notificationsDays * DAY + H) },
      { userId: u.id, kind: 'ret', title: 'new', createdAt: ago(RETENTION.notificationsDays * DAY - H) },
    ]);
    await t.deps.db.insert(piiAccessLog).values([
      { staffId: u.id, staffRole: 'worker', subjectId: u.id, fields: ['phone'], purpose: 'ret_old', endpoint: 'x', at: ago(RETENTION.piiAccessLogDays * DAY + H) },
      { staffId: u.id, staffRole: 'worker', subjectId: u.id, fields: ['phone'], purpose: 'ret_new', endpoint: 'x', at: ago(RETENTION.piiAccessLogDays * DAY - H) },
    ]);
    await t.deps.db.insert(auditLogs).values([
      { actorId: u.id, action: 'ret.old', createdAt: ago(RETENTION.auditLogDays * DAY + H) },
      { actorId: u.id, action: 'ret.new', createdAt: ago(RETENTION.auditLogDays * DAY - H) },
    ]);
    await t.deps.db.insert(idempotencyKeys).values([
      { userId: u.id, key: `old-${u.id}`, scope: 's', createdAt: ago(RETENTION.idempotencyHours * H + 60_000) },
      { userId: u.id, key: `new-${u.id}`, scope: 's', createdAt: ago(RETENTION.idempotencyHours * H - 60_000) },
    ]);
    const dev = 900_000_000 + u.id;
    await t.deps.db.insert(deviceReadings).values([
      { deviceId: dev, ts: now, value: 1, receivedAt: ago(RETENTION.deviceReadingsDays * DAY + H) },
      { deviceId: dev, ts: now, value: 2, receivedAt: ago(RETENTION.deviceReadingsDays * DAY - H) },
    ]);
    // a batch of 1 makes every table take several statements
    const counts = await runRetention(t.deps.db, now, 1);
    for (const k of ['notifications', 'pii_access_log', 'audit_logs', 'idempotency_keys', 'device_readings']) expect(counts[k]).toBeGreaterThanOrEqual(1);
    expect((await t.deps.db.select().from(notifications).where(eq(notifications.userId, u.id))).map((r) => r.title)).toEqual(['new']);
    expect((await t.deps.db.select().from(piiAccessLog).where(eq(piiAccessLog.staffId, u.id))).map((r) => r.purpose)).toEqual(['ret_new']);
    expect((await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.actorId, u.id), sql`${auditLogs.action} LIKE 'ret.%'`))).map((r) => r.action)).toEqual(['ret.new']);
    expect((await t.deps.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, u.id))).map((r) => r.key)).toEqual([`new-${u.id}`]);
    expect((await t.deps.db.select().from(deviceReadings).where(eq(deviceReadings.deviceId, dev))).map((r) => r.value)).toEqual([2]);
    // the audit log is kept at least 180 days (等保)
    expect(RETENTION.auditLogDays).toBeGreaterThanOrEqual(180);
    expect(RETENTION.piiAccessLogDays).toBeGreaterThanOrEqual(180);
  });
});
