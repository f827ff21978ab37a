import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { auditLogs, notifications, pointsEntries, projectFollowers, projectUpdatePhotos } from '../../db/schema';
import { PHOTO_BYTES_PER_DAY } from '../../domain/opinions/photos';
import { overdueByComplex, projectRatingsIn } from '../../domain/projects/queries';
import { flagOverdueMilestones } from '../../domain/projects/overdue';
import { clearDashboardCache } from '../../domain/dashboard/queries';
import { refreshDashboard } from '../../domain/dashboard/refresh';
import { buildBranchAdmin, buildDistrictAdmin, buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { submitOpinion, wechatResident } from '../../../test/support/opinions';
import { book, publish } from '../../../test/support/offerings';

let t: TestServer;
let worker: { id: number; token: string };
let farWorker: { id: number; token: string };
let branchOwner: { id: number; token: string };
let otherBranch: { id: number; token: string };
let admin: { id: number; token: string };

// A stretch of time of its own (2028), so nothing another suite made falls into the windows counted here.
const NOW = '2028-03-02T09:00:00+08:00';

beforeAll(async () => {
  t = await startTestServer({ WECHAT_TPL_PROJECT: 'tpl_project' });
  t.clock.set(NOW);
  worker = await buildWorker(t, [1]);
  farWorker = await buildWorker(t, [2]);
  branchOwner = await buildBranchAdmin(t, 1);
  otherBranch = await buildBranchAdmin(t, 2);
  admin = await buildDistrictAdmin(t);
});
afterAll(() => t.close());

const api = (method: string, p: string, token?: string, body?: unknown) => t.api(method, p, { token, body });
const noticesOf = (userId: number, titlePart: string) =>
  t.deps.db.select().from(notifications).where(and(eq(notifications.userId, userId), like(notifications.title, `%${titlePart}%`)));

/** A public opinion by a new resident, co-signed by another, taken up (受理) by the worker. */
async function acceptedOpinion(title: string, o: { visibility?: 'public' | 'private' } = {}) {
  const author = await buildResident(t);
  const cosigner = await buildResident(t);
  const id = await submitOpinion(t, author.token, { title, ...o });
  if (o.visibility !== 'private') expect((await api('POST', `/api/v1/opinions/${id}/cosign`, cosigner.token)).status).toBe(201);
  expect((await api('POST', `/api/v1/opinions/${id}/accept`, worker.token, {})).status).toBe(200);
  return { id, author, cosigner };
}

const body = (source: { type: string; id: number }, over: Record<string, unknown> = {}) => ({
  complexId: 1,
  title: '增设楼道扶手',
  source,
  owner: { type: 'worker', id: worker.id },
  dueDate: '2028-05-31',
  milestones: [
    { title: '现场勘查', dueDate: '2028-03-20' },
    { title: '施工安装', dueDate: '2028-04-30' },
  ],
  ...over,
});
const create = (b: unknown, token = worker.token) => api('POST', '/api/v1/projects', token, b);

describe('creating a project from each kind of source', () => {
  it('from an adopted opinion: staff of the complex only; the submitter and co-signer follow; the opinion shows 已立项', async () => {
    const { id, author, cosigner } = await acceptedOpinion('楼道缺扶手');
    const b = body({ type: 'opinion', id }, { title: '三号楼楼道扶手' });
    expect((await create(b, '')).status).toBe(401);
    expect((await create(b, author.token)).status).toBe(403);
    expect((await create(b, farWorker.token)).status).toBe(403);
    expect((await create(b, branchOwner.token)).status).toBe(403);
    const fresh = await submitOpinion(t, author.token, { title: '未受理的意见' });
    expect((await create(body({ type: 'opinion', id: fresh }))).body.error.code).toBe('source_not_decided');
    const badDates = await create(body({ type: 'opinion', id }, { milestones: [{ title: 'b', dueDate: '2028-04-01' }, { title: 'a', dueDate: '2028-03-01' }] }));
    expect(badDates.status).toBe(422);
    expect(badDates.body.error.details.fields['milestones.1.dueDate']).toBeDefined();
    expect((await create(body({ type: 'opinion', id }, { owner: { type: 'worker', id: farWorker.id } }))).body.error.details.fields['owner.id']).toBeDefined();
    expect((await create(body({ type: 'opinion', id }, { owner: { type: 'department', name: '不在名单里的部门' } }))).status).toBe(422);

    const bySource = (token: string) => api('GET', `/api/v1/projects/by-source?type=opinion&id=${id}`, token);
    expect((await bySource(worker.token)).body).toEqual({ project: null });
    expect((await bySource(author.token)).status).toBe(403);
    const ok = await create(b);
    expect(ok.status).toBe(201);
    // the decision pages ask whether the source became a project (立项跟踪 or 查看项目)
    expect((await bySource(worker.token)).body).toEqual({ project: { id: ok.body.id, title: '三号楼楼道扶手', status: 'planned', statusLabel: '计划中' } });
    expect((await bySource(farWorker.token)).body.project?.id).toBe(ok.body.id); // a public project: any staff may see it
    expect(ok.body).toMatchObject({ status: 'planned', statusLabel: '计划中', title: '三号楼楼道扶手', followerCount: 2, sources: [{ type: 'opinion', id, title: '楼道缺扶手' }] });
    expect(ok.body.milestones.map((m: any) => [m.title, m.dueDate, m.doneAt])).toEqual([['现场勘查', '2028-03-20', null], ['施工安装', '2028-04-30', null]]);
    expect((await create(b)).body.error.code).toBe('already_project');
    const audit = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'project.create'), eq(auditLogs.targetId, String(ok.body.id))));
    expect(audit).toHaveLength(1);

    for (const u of [author, cosigner]) {
      expect((await api('GET', `/api/v1/projects/${ok.body.id}`, u.token)).body).toMatchObject({ following: true, viewer: 'follower' });
      expect(await noticesOf(u.id, '已立项')).toHaveLength(1);
    }
    const op = (await api('GET', `/api/v1/opinions/${id}`, author.token)).body;
    expect(op.project).toEqual({ id: ok.body.id, title: '三号楼楼道扶手', status: 'planned' });
    expect(op.timeline.at(-1)).toMatchObject({ action: 'project', label: '已立项 → 三号楼楼道扶手' });
  });

  it('from an agenda item adopted at a meeting: attendees and the opinion\'s people follow; every source is linked', async () => {
    const { id: opinionId, author, cosigner } = await acceptedOpinion('小区增设充电桩');
    const m = await api('POST', '/api/v1/meetings', worker.token, { complexId: 1, type: 'roundtable', topic: '充电桩怎么建', place: '议事厅', startAt: '2028-03-03T14:00:00+08:00', endAt: '2028-03-03T16:00:00+08:00', capacity: 10 });
    expect(m.status).toBe(201);
    const attendees = [await buildResident(t), await buildResident(t)];
    for (const a of attendees) expect((await api('POST', `/api/v1/meetings/${m.body.id}/signups`, a.token)).status).toBe(201);
    const item = await api('POST', `/api/v1/meetings/${m.body.id}/agenda`, worker.token, { opinionId });
    const other = await api('POST', `/api/v1/meetings/${m.body.id}/agenda`, worker.token, { title: '下次议事安排' });
    t.clock.set('2028-03-03T16:30:00+08:00');
    try {
      const minutes = await api('POST', `/api/v1/meetings/${m.body.id}/minutes`, worker.token, {
        minutes: '到会 2 人',
        decisions: [{ itemId: item.body.id, decision: 'adopted' }, { itemId: other.body.id, decision: 'not_adopted' }],
      });
      expect(minutes.status).toBe(200);
      expect((await create(body({ type: 'agenda_item', id: other.body.id }))).body.error.code).toBe('source_not_decided');
      const ok = await create(body({ type: 'agenda_item', id: item.body.id }, { title: '充电桩建设', owner: { type: 'branch', id: 1 } }));
      expect(ok.status).toBe(201);
      expect(ok.body.sources.map((s: any) => s.type)).toEqual(['agenda_item', 'opinion']);
      expect(ok.body.owner).toMatchObject({ type: 'branch', id: 1 });
      const followers = await t.deps.db.select().from(projectFollowers).where(eq(projectFollowers.projectId, ok.body.id));
      expect(followers.map((f) => f.userId).sort()).toEqual([...attendees.map((a) => a.id), author.id, cosigner.id].sort());
      // the opinion it came from cannot start a second project
      expect((await create(body({ type: 'opinion', id: opinionId }))).body.error.code).toBe('already_project');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('from a closed vote with a winner: the voters follow; an open vote or a tie cannot', async () => {
    const voters = await Promise.all([1, 2, 3].map(async () => {
      const u = await buildResident(t);
      await api('PATCH', '/api/v1/me', u.token, { homeComplexId: 1 });
      // a street vote counts verified residents only: the complex's worker verifies each home
      expect((await api('POST', `/api/v1/complexes/1/residents/${u.id}/verify`, worker.token)).status).toBe(200);
      return u;
    }));
    const open = (q: string) => api('POST', '/api/v1/votes', worker.token, { complexId: 1, question: q, options: ['东门', '南门'], eligibility: { type: 'street' }, opensAt: '2028-03-02T08:00:00+08:00', closesAt: '2028-03-04T20:00:00+08:00' });
    const v = (await open('健身角选址')).body;
    const tie = (await open('快递柜选址')).body;
    const opts = (await api('GET', `/api/v1/votes/${v.id}`, worker.token)).body.options;
    const tieOpts = (await api('GET', `/api/v1/votes/${tie.id}`, worker.token)).body.options;
    for (const [i, u] of voters.entries()) expect((await api('POST', `/api/v1/votes/${v.id}/ballots`, u.token, { optionIds: [opts[i === 2 ? 1 : 0].id] })).status).toBe(201);
    for (const [i, u] of voters.slice(0, 2).entries()) await api('POST', `/api/v1/votes/${tie.id}/ballots`, u.token, { optionIds: [tieOpts[i].id] });
    expect((await create(body({ type: 'vote', id: v.id }))).body.error.code).toBe('vote_open');
    t.clock.set('2028-03-05T09:00:00+08:00');
    try {
      expect((await create(body({ type: 'vote', id: tie.id }))).body.error.code).toBe('no_winner');
      const ok = await create(body({ type: 'vote', id: v.id }, { title: '东门健身角' }));
      expect(ok.status).toBe(201);
      expect(ok.body.sources).toEqual([{ type: 'vote', id: v.id, title: '健身角选址：东门' }]);
      expect(ok.body.followerCount).toBe(3);
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('carrying a project out', () => {
  let pid: number;
  let author: { id: number; token: string };
  let cosigner: { id: number; token: string };
  let wx: { id: number; token: string; openid: string };
  let ms: Array<{ id: number }>;

  beforeAll(async () => {
    const o = await acceptedOpinion('路灯太暗');
    ({ author, cosigner } = o);
    // a WeChat resident who co-signed and allowed project subscribe messages
    wx = await wechatResident(t, 'proj_wx_1');
    await api('POST', `/api/v1/opinions/${o.id}/cosign`, wx.token);
    const r = await create(body({ type: 'opinion', id: o.id }, { title: '路灯改造', owner: { type: 'branch', id: 1 } }));
    pid = r.body.id;
    ms = r.body.milestones;
  });

  it('only the owner and staff of the complex post updates and move milestones; others 403', async () => {
    const stranger = await buildResident(t);
    expect((await api('POST', `/api/v1/projects/${pid}/updates`, '', { text: 'x' })).status).toBe(401);
    for (const u of [author, stranger, farWorker, otherBranch]) {
      expect((await api('POST', `/api/v1/projects/${pid}/updates`, u.token, { text: '我来更新' })).status).toBe(403);
      expect((await api('POST', `/api/v1/projects/${pid}/milestones/${ms[0].id}/done`, u.token)).status).toBe(403);
      expect((await api('PATCH', `/api/v1/projects/${pid}`, u.token, { status: 'in_progress' })).status).toBe(403);
    }
    const byOwner = await api('POST', `/api/v1/projects/${pid}/updates`, branchOwner.token, { text: '已联系供电所勘查线路' });
    expect(byOwner.status).toBe(201);
    expect((await api('POST', `/api/v1/projects/${pid}/updates`, worker.token, { text: '采购灯具中' })).status).toBe(201);
    const d = (await api('GET', `/api/v1/projects/${pid}`, stranger.token)).body;
    expect(d).toMatchObject({ viewer: 'public', canManage: false, following: false });
    expect(d.updates.map((u: any) => u.text)).toEqual(['采购灯具中', '已联系供电所勘查线路']);
    expect(d.updates[1].author.name).toContain('党支部管理员');
    expect((await api('GET', `/api/v1/projects/${pid}`, branchOwner.token)).body).toMatchObject({ viewer: 'owner', canManage: true, subscribeTemplateId: 'tpl_project' });
  });

  it('updates fold into one notice a day per follower', async () => {
    await api('POST', `/api/v1/projects/${pid}/updates`, worker.token, { text: '第三条进展' });
    for (const u of [author, cosigner]) expect(await noticesOf(u.id, '「路灯改造」有新进展')).toHaveLength(1);
    t.clock.set('2028-03-03T09:00:00+08:00');
    try {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6300010000050001a5f645400000000049454e44ae426082', 'hex');
      const r = await api('POST', `/api/v1/projects/${pid}/updates`, worker.token, { text: '第二天的进展', photos: [png.toString('base64')] });
      expect(r.body).toMatchObject({ photoCount: 1, notified: 3 });
      expect((await api('POST', `/api/v1/projects/${pid}/updates`, worker.token, { text: '坏图', photos: [Buffer.from('nope').toString('base64')] })).status).toBe(415);
      for (const u of [author, cosigner]) expect(await noticesOf(u.id, '「路灯改造」有新进展')).toHaveLength(2);
      const d = (await api('GET', `/api/v1/projects/${pid}`, author.token)).body;
      const photo = d.updates[0].photos[0];
      const img = await fetch(t.url + photo.url);
      expect([img.status, img.headers.get('content-type')]).toEqual([200, 'image/png']);
      expect((await fetch(t.url + photo.url.replace(/sig=[^&]+/, 'sig=forged'))).status).toBe(404);
      const withToken = await fetch(t.url + `/api/v1/projects/${pid}/photos/${photo.id}`, { headers: { authorization: `Bearer ${author.token}` } });
      expect(withToken.status).toBe(200);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('photos are staged one by one (wx.uploadFile), re-encoded without EXIF, hidden until an update publishes them, and share the daily photo limit', async () => {
    const phone = await sharp({ create: { width: 60, height: 20, channels: 3, background: { r: 200, g: 120, b: 30 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '120/1 8/1 4321/100' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const up = async (token: string, data: Buffer, projectId = pid) => {
      const r = await fetch(`${t.url}/api/v1/projects/${projectId}/photos`, { method: 'POST', headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'image/jpeg' }, body: new Uint8Array(data) });
      return { status: r.status, body: (await r.json()) as any };
    };
    expect((await up('', phone)).status).toBe(401);
    for (const u of [author, farWorker, otherBranch]) expect((await up(u.token, phone)).status).toBe(403);
    expect((await up(worker.token, Buffer.from('not an image'))).status).toBe(415);
    const a = await up(branchOwner.token, phone);
    const b = await up(branchOwner.token, phone);
    expect([a.status, b.status]).toEqual([201, 201]);
    const [row] = await t.deps.db.select().from(projectUpdatePhotos).where(eq(projectUpdatePhotos.id, a.body.id));
    expect(row).toMatchObject({ updateId: null, projectId: pid, uploadedBy: branchOwner.id, bytes: a.body.bytes });
    // staged: nobody sees it yet, not even its uploader with a token
    expect((await fetch(`${t.url}/api/v1/projects/${pid}/photos/${a.body.id}`, { headers: { authorization: `Bearer ${branchOwner.token}` } })).status).toBe(404);
    // someone else's staged photo cannot be published
    expect((await api('POST', `/api/v1/projects/${pid}/updates`, worker.token, { text: '借用照片', photoIds: [a.body.id] })).status).toBe(422);
    const r = await api('POST', `/api/v1/projects/${pid}/updates`, branchOwner.token, { text: '灯杆基座已浇筑', photoIds: [b.body.id, a.body.id] });
    expect(r.status).toBe(201);
    expect(r.body.photoCount).toBe(2);
    // used once only; more than three is refused
    expect((await api('POST', `/api/v1/projects/${pid}/updates`, branchOwner.token, { text: '再用一次', photoIds: [a.body.id] })).status).toBe(422);
    expect((await api('POST', `/api/v1/projects/${pid}/updates`, branchOwner.token, { text: '太多', photoIds: [1, 2, 3, 4] })).status).toBe(422);
    const d = (await api('GET', `/api/v1/projects/${pid}`, author.token)).body;
    const shown = d.updates.find((u: any) => u.text === '灯杆基座已浇筑');
    expect(shown.photos.map((ph: any) => ph.id)).toEqual([b.body.id, a.body.id]);
    const served = Buffer.from(await (await fetch(t.url + shown.photos[0].url)).arrayBuffer());
    const meta = await sharp(served).metadata();
    expect([meta.format, meta.exif, meta.orientation, meta.width, meta.height]).toEqual(['jpeg', undefined, undefined, 20, 60]);
    expect(served.includes(Buffer.from('PhoneMaker'))).toBe(false);
    // the bytes count against the same per-account daily limit as opinion photos
    await t.deps.db.insert(projectUpdatePhotos).values({ projectId: pid, uploadedBy: worker.id, seq: 0, mime: 'image/jpeg', bytes: PHOTO_BYTES_PER_DAY, fileName: 'x.jpg', createdAt: t.clock.now() });
    const over = await up(worker.token, phone);
    expect([over.status, over.body.error.details.limit]).toEqual([429, 'photo_bytes_per_day']);
  });

  it('one notice per milestone per follower, even when pressed many times at once; a subscribe message where allowed', async () => {
    expect((await api('POST', '/api/v1/me/subscriptions', wx.token, { templateIds: ['tpl_project'] })).status).toBeLessThan(300);
    await new Promise((r) => setTimeout(r, 300)); // messages of earlier steps are sent after their commits
    const before = t.wechat.sent.filter((m) => m.touser === wx.openid).length;
    const rs = await Promise.all(Array.from({ length: 6 }, (_, i) => api('POST', `/api/v1/projects/${pid}/milestones/${ms[0].id}/done`, i % 2 ? worker.token : branchOwner.token)));
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(5).fill('already_done'));
    expect(rs.find((r) => r.status === 200)!.body).toMatchObject({ status: 'in_progress', notified: 3 });
    for (const u of [author, cosigner, wx]) expect(await noticesOf(u.id, '完成节点：现场勘查')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    const sent = t.wechat.sent.filter((m) => m.touser === wx.openid);
    expect(sent.length - before).toBe(1);
    expect(sent.at(-1)).toMatchObject({ template_id: 'tpl_project', data: { thing1: { value: '路灯改造' }, phrase2: { value: '节点完成' } } });
    expect((await api('GET', `/api/v1/projects/${pid}`, author.token)).body).toMatchObject({ status: 'in_progress', milestonesDone: 1 });
  });

  it('completes only when every milestone is done; shelving needs a reason; followers rate once each, with points once', async () => {
    // 评议 feeds the dashboard's satisfaction: the complex's figure for the rating days, before and after
    const satisfaction = async () => {
      await refreshDashboard(t.deps.db, t.clock.now());
      clearDashboardCache();
      const r = await api('GET', '/api/v1/dashboard?scope=complex&id=1&from=2028-03-01&to=2028-03-02', worker.token);
      expect(r.status).toBe(200);
      return r.body.indicators.satisfaction.count as number;
    };
    const satisfactionBefore = await satisfaction();
    expect((await api('POST', `/api/v1/projects/${pid}/rating`, author.token, { stars: 5 })).body.error.code).toBe('not_done');
    expect((await api('PATCH', `/api/v1/projects/${pid}`, worker.token, { status: 'done' })).body.error.code).toBe('milestones_open');
    expect((await api('PATCH', `/api/v1/projects/${pid}`, worker.token, { status: 'shelved' })).status).toBe(422);
    expect((await api('POST', `/api/v1/projects/${pid}/milestones/${ms[1].id}/done`, branchOwner.token)).status).toBe(200);
    const done = await api('PATCH', `/api/v1/projects/${pid}`, branchOwner.token, { status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', statusLabel: '已完成', notified: 3 });
    expect((await api('PATCH', `/api/v1/projects/${pid}`, worker.token, { status: 'in_progress' })).body.error.code).toBe('invalid_transition');
    for (const u of [author, cosigner]) expect(await noticesOf(u.id, '已完成，请您评议')).toHaveLength(1);
    expect((await api('GET', `/api/v1/projects/${pid}`, author.token)).body).toMatchObject({ canRate: true, myRating: null });

    const rs = await Promise.all(Array.from({ length: 4 }, () => api('POST', `/api/v1/projects/${pid}/rating`, author.token, { stars: 4, comment: '亮多了' })));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(Array(3).fill('already_rated'));
    expect(rs.find((r) => r.status === 201)!.body).toMatchObject({ stars: 4, pointsAwarded: 5 });
    const paid = await t.deps.db.select().from(pointsEntries).where(and(eq(pointsEntries.userId, author.id), eq(pointsEntries.source, `project:${pid}`)));
    expect(paid.map((p) => [p.reason, p.delta])).toEqual([['evaluation', 5]]);
    expect((await api('POST', `/api/v1/projects/${pid}/rating`, cosigner.token, { stars: 7 })).status).toBe(422);
    expect((await api('POST', `/api/v1/projects/${pid}/rating`, cosigner.token, { stars: 2 })).status).toBe(201);
    const outsider = await buildResident(t);
    expect((await api('POST', `/api/v1/projects/${pid}/rating`, outsider.token, { stars: 5 })).status).toBe(403);
    expect((await api('POST', `/api/v1/projects/${pid}/follow`, outsider.token)).body).toEqual({ following: true, followerCount: 4 });
    expect((await api('POST', `/api/v1/projects/${pid}/rating`, outsider.token, { stars: 3 })).status).toBe(201);
    const d = (await api('GET', `/api/v1/projects/${pid}`, author.token)).body;
    expect(d).toMatchObject({ canRate: false, myRating: { stars: 4, comment: '亮多了' }, rating: { average: 3, count: 3 } });
    // queryable for the dashboard's satisfaction indicator
    const window = { from: new Date('2028-03-01T00:00:00+08:00'), to: new Date('2028-03-03T00:00:00+08:00') };
    expect(await projectRatingsIn(t.deps.db, [1], window.from, window.to)).toEqual({ sum: 9, count: 3 });
    expect(await projectRatingsIn(t.deps.db, [2], window.from, window.to)).toEqual({ sum: 0, count: 0 });
    expect((await satisfaction()) - satisfactionBefore).toBe(3);
    expect((await api('DELETE', `/api/v1/projects/${pid}/follow`, outsider.token)).body).toEqual({ following: false, followerCount: 3 });
  });

  it('residents read public projects only; the list puts 推进中 first', async () => {
    const priv = await acceptedOpinion('我家门口的私事', { visibility: 'private' });
    const r = await create(body({ type: 'opinion', id: priv.id }, { title: '私密项目' }));
    const started = await create(body({ type: 'opinion', id: (await acceptedOpinion('垃圾房异味')).id }, { title: '垃圾房改造' }));
    expect((await api('PATCH', `/api/v1/projects/${started.body.id}`, worker.token, { status: 'in_progress' })).body.status).toBe('in_progress');
    expect(r.body.visibility).toBe('private');
    const stranger = await buildResident(t);
    expect((await api('GET', `/api/v1/projects/${r.body.id}`, stranger.token)).status).toBe(404);
    expect((await api('POST', `/api/v1/projects/${r.body.id}/follow`, stranger.token)).status).toBe(404);
    expect((await api('GET', `/api/v1/projects/${r.body.id}`, priv.author.token)).status).toBe(200);
    expect((await api('GET', `/api/v1/projects/${r.body.id}`)).status).toBe(401);
    const list = (await api('GET', '/api/v1/projects?complexId=1&limit=100', stranger.token)).body.items;
    expect(list.find((p: any) => p.id === r.body.id)).toBeUndefined();
    const statuses: string[] = list.map((p: any) => p.status);
    const rank = { in_progress: 0, planned: 1, done: 2, shelved: 3 } as Record<string, number>;
    expect(statuses).toEqual([...statuses].sort((a, b) => rank[a] - rank[b]));
    expect(statuses[0]).toBe('in_progress');
    expect(new Set(statuses)).toEqual(new Set(['in_progress', 'planned', 'done']));
    const staffList = (await api('GET', '/api/v1/projects?complexId=1&limit=100', worker.token)).body.items;
    expect(staffList.find((p: any) => p.id === r.body.id)).toBeDefined();
  });
});

describe('overdue milestones (frozen clock)', () => {
  it('are flagged to the owner once and counted per complex', async () => {
    const w7 = await buildWorker(t, [7]);
    const author = await buildResident(t);
    const op = await submitOpinion(t, author.token, { title: '健身器材损坏', complexId: 7 });
    await api('POST', `/api/v1/opinions/${op}/accept`, w7.token, {});
    const r = await create(body({ type: 'opinion', id: op }, { complexId: 7, title: '更换健身器材', owner: { type: 'worker', id: w7.id }, milestones: [{ title: '采购', dueDate: '2028-03-05' }] }), w7.token);
    expect(r.status).toBe(201);
    const mine = () => noticesOf(w7.id, '已逾期');
    t.clock.set('2028-03-05T23:59:00+08:00');
    try {
      await flagOverdueMilestones(t.deps.db, t.clock.now());
      expect(await mine()).toHaveLength(0);
      expect(await overdueByComplex(t.deps.db, [7], t.clock.now())).toEqual([]);
      t.clock.set('2028-03-06T00:01:00+08:00');
      expect(await flagOverdueMilestones(t.deps.db, t.clock.now())).toBeGreaterThanOrEqual(1);
      expect(await flagOverdueMilestones(t.deps.db, t.clock.now())).toBe(0);
      t.clock.set('2028-03-07T10:00:00+08:00');
      await flagOverdueMilestones(t.deps.db, t.clock.now());
      expect(await mine()).toHaveLength(1);
      expect(await overdueByComplex(t.deps.db, [7], t.clock.now())).toEqual([{ complexId: 7, complexName: expect.any(String), overdue: 1 }]);
      expect((await api('GET', '/api/v1/projects/overdue', w7.token)).body.items).toEqual([expect.objectContaining({ complexId: 7, overdue: 1 })]);
      expect((await api('GET', '/api/v1/projects/overdue', author.token)).status).toBe(403);
      expect((await api('GET', `/api/v1/projects/${r.body.id}`, author.token)).body).toMatchObject({ overdueMilestones: 1, milestones: [{ overdue: true }] });
      // counted per complex on the dashboard and on the worker's 工作台 to-do
      const dash = async () => {
        clearDashboardCache();
        return (await api('GET', '/api/v1/dashboard?scope=complex&id=7', w7.token)).body;
      };
      expect((await dash()).projects).toEqual({ open: 1, overdueMilestones: 1 });
      expect((await api('GET', '/api/v1/workbench/todo', w7.token)).body.milestonesOverdue).toBe(1);
      await api('POST', `/api/v1/projects/${r.body.id}/milestones/${r.body.milestones[0].id}/done`, w7.token);
      expect(await overdueByComplex(t.deps.db, [7], t.clock.now())).toEqual([]);
      expect((await dash()).projects).toEqual({ open: 1, overdueMilestones: 0 });
      expect((await api('GET', '/api/v1/workbench/todo', w7.token)).body.milestonesOverdue).toBe(0);
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('branch commitments (承诺–践诺–评诺)', () => {
  it('are filed by the branch, approved by the district, and counted from sessions actually held with their ratings', async () => {
    const url = '/api/v1/branches/1/commitments';
    const items = [{ catalogItemId: 1, complexId: 1, target: { sessions: 24, residents: 300 } }];
    expect((await api('POST', url, '', { year: 2028, items })).status).toBe(401);
    expect((await api('POST', url, (await buildResident(t)).token, { year: 2028, items })).status).toBe(403);
    expect((await api('POST', url, otherBranch.token, { year: 2028, items })).status).toBe(403);
    const unpaired = await api('POST', url, branchOwner.token, { year: 2028, items: [{ catalogItemId: 1, complexId: 2, target: { sessions: 2 } }] });
    expect(unpaired.body.error.details.fields['items.0.complexId']).toBeDefined();
    const filed = await api('POST', url, branchOwner.token, { year: 2028, items });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'submitted', items: [{ catalogItemId: 1, complexId: 1, target: { sessions: 24, residents: 300 }, delivered: { sessions: 0, residents: 0 }, rating: { average: null, count: 0 } }] });

    // one session held and recorded (and rated 4 by a resident who came), one held without a record
    const held = await publish(t, branchOwner.token, 1, { serviceItemId: 1, complexId: 1 }, 2);
    const unrecorded = await publish(t, branchOwner.token, 1, { serviceItemId: 1, complexId: 1 }, 3);
    const { bookingId, resident } = await book(t, held.id);
    t.clock.set(new Date(Date.parse(held.startAt) + 10 * 60_000));
    try {
      expect((await api('POST', `/api/v1/offerings/${held.id}/checkins`, branchOwner.token, { bookingId })).status).toBe(200);
      expect((await api('PUT', `/api/v1/offerings/${held.id}/record`, branchOwner.token, { peopleServed: 12 })).status).toBe(200);
      expect((await api('POST', '/api/v1/evaluations', resident.token, { targetType: 'branch_service', targetId: held.id, stars: 4 })).status).toBe(201);
      t.clock.set(new Date(Date.parse(unrecorded.startAt) + 10 * 60_000));
      const report = (await api('GET', `${url}?year=2028`)).body;
      expect(report.items[0]).toMatchObject({ delivered: { sessions: 1, residents: 12 }, rating: { average: 4, count: 1 }, behind: true });

      expect((await api('POST', `${url}/approve`, branchOwner.token, { year: 2028 })).status).toBe(403);
      const ok = await api('POST', `${url}/approve`, admin.token, { year: 2028 });
      expect(ok.body).toMatchObject({ status: 'approved' });
      expect((await api('POST', `${url}/approve`, admin.token, { year: 2028 })).body.error.code).toBe('already_approved');
      expect((await api('POST', url, branchOwner.token, { year: 2028, items })).body.error.code).toBe('commitments_approved');

      const ranking = (await api('GET', '/api/v1/district/commitments?year=2028', admin.token)).body;
      expect(ranking.items.find((r: any) => r.branchId === 1)).toMatchObject({ promisedSessions: 24, deliveredSessions: 1, averageRating: 4, behind: true });
      expect((await api('GET', '/api/v1/district/commitments?year=2028', worker.token)).status).toBe(403);

      const x = await fetch(`${t.url}/api/v1/district/coverage/export?month=2028-03`, { headers: { authorization: `Bearer ${admin.token}` } });
      expect(x.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await x.arrayBuffer()) as ArrayBuffer);
      const sheet = wb.getWorksheet('承诺践诺')!;
      const rows: string[][] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map(String)));
      const mineRow = rows.find((r) => r[0].includes('第一党支部'))!;
      expect(mineRow.slice(3, 5)).toEqual(['24', '1']);
      expect(mineRow[9]).toContain('进度落后');
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('the notice-board sheet (纸质月报)', () => {
  it('is a PDF for staff with next month\'s activities, the month\'s answers, open projects and the hotline, in Chinese', async () => {
    const c = 1;
    const act = await api('POST', '/api/v1/activities', worker.token, { complexId: c, title: '太极拳公益课', startAt: '2028-04-08T09:00:00+08:00', endAt: '2028-04-08T10:30:00+08:00', capacity: 20, location: '活力空间' });
    expect(act.status).toBe(201);
    await publish(t, branchOwner.token, 1, { complexId: c, startAt: '2028-04-12T14:00:00+08:00', endAt: '2028-04-12T16:00:00+08:00' });
    const author = await buildResident(t);
    const op = await submitOpinion(t, author.token, { title: '希望增设休息座椅', complexId: c });
    await api('POST', `/api/v1/opinions/${op}/accept`, worker.token, {});
    expect((await api('POST', `/api/v1/opinions/${op}/reply`, worker.token, { reply: '座椅将于四月安装在中心花园' })).status).toBe(200);

    const path1 = `/api/v1/complexes/${c}/notice-sheet.pdf?month=2028-03`;
    expect((await api('GET', path1)).status).toBe(401);
    expect((await api('GET', path1, author.token)).status).toBe(403);
    expect((await api('GET', path1, farWorker.token)).status).toBe(403);
    const res = await fetch(t.url + path1, { headers: { authorization: `Bearer ${worker.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'xfh-sheet-'));
    const file = path.join(dir, 'sheet.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    if (process.env.SHEET_OUT) writeFileSync(process.env.SHEET_OUT, text);
    expect(text).toContain('文新街道阳光社区民生综合体');
    expect(text).toContain('2028年3月居民公告');
    expect(text).toContain('2028年4月活动与党员服务');
    expect(text).toContain('太极拳公益课');
    expect(text).toContain('【党员服务】');
    expect(text).toContain('问：希望增设休息座椅');
    expect(text).toContain('答：座椅将于四月安装在中心花园');
    expect(text).toContain('民生项目进展');
    expect(text).toContain('服务热线');
    expect(text).toMatch(/充电桩建设|东门健身角/);
  });

  it('says clearly when the CJK font is missing (503)', async () => {
    const t2 = await startTestServer({ PDF_CJK_FONT: '/nonexistent/font.ttc' });
    try {
      const w = await buildWorker(t2, [1]);
      const r = await t2.api('GET', '/api/v1/complexes/1/notice-sheet.pdf?month=2028-03', { token: w.token });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('unavailable');
      expect(r.body.error.message).toContain('fonts-noto-cjk');
    } finally {
      await t2.close();
    }
  });
});
