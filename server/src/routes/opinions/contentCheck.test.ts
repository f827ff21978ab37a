import { eq, sql } from 'drizzle-orm';
import { opinions } from '../../db/schema';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { wechatResident } from '../../../test/support/opinions';

let t: TestServer;
let worker: { id: number; token: string };
beforeAll(async () => {
  t = await startTestServer({ WECHAT_TPL_OPINION: 'tpl_opinion_progress', WECHAT_TPL_MEETING: 'tpl_meeting' });
  worker = await buildWorker(t, [1]);
});
afterAll(() => t.close());

const countOpinions = async () => Number((await t.deps.db.select({ n: sql<number>`count(*)` }).from(opinions))[0].n);
const submit = (token: string, title: string, content: string, visibility = 'public') =>
  t.api('POST', '/api/v1/opinions', { token, body: { category: '其他', title, content, complexId: 1, visibility } });
const secCheckCalls = () => t.wechat.calls.filter((c) => c.path === '/wxa/msg_sec_check');

describe('content check (WeChat msg_sec_check v2 stand-in + our word list)', () => {
  afterEach(() => {
    t.wechat.down = false;
    t.wechat.slow = false;
  });

  it('pass → submitted, checked with the user\'s openid, scene 3', async () => {
    const u = await wechatResident(t, 'cc_pass');
    const before = secCheckCalls().length;
    const r = await submit(u.token, '小区绿化', '希望多种一些树');
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('submitted');
    const call = secCheckCalls().slice(before)[0];
    expect(call.body).toMatchObject({ version: 2, openid: u.openid, scene: 3, title: '小区绿化', content: '希望多种一些树' });
  });

  it('review → held as pending_review: not public, visible to its submitter and the complex\'s staff', async () => {
    const u = await wechatResident(t, 'cc_review');
    const other = await buildResident(t);
    const r = await submit(u.token, '需要看看', '这段话待审核');
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('pending_review');
    expect((await t.api('GET', `/api/v1/opinions/${r.body.id}`, { token: other.token })).status).toBe(404);
    expect((await t.api('GET', `/api/v1/opinions/${r.body.id}`, { token: u.token })).body).toMatchObject({ status: 'pending_review', heldReason: 'wechat_review' });
    const held = await t.api('GET', '/api/v1/workbench/opinions?status=pending_review&limit=100', { token: worker.token });
    expect(held.body.items.map((o: any) => o.id)).toContain(r.body.id);
    expect((await t.api('POST', `/api/v1/opinions/${r.body.id}/cosign`, { token: other.token })).status).toBe(404);
    // The worker releases it: now public and in the normal flow.
    expect((await t.api('POST', `/api/v1/opinions/${r.body.id}/release`, { token: worker.token, body: {} })).body.status).toBe('submitted');
    expect((await t.api('GET', `/api/v1/opinions/${r.body.id}`, { token: other.token })).status).toBe(200);
  });

  it('a held opinion the worker refuses is blocked and stays hidden', async () => {
    const u = await wechatResident(t, 'cc_block');
    const r = await submit(u.token, '再看看', '也是待审核的话');
    expect((await t.api('POST', `/api/v1/opinions/${r.body.id}/block`, { token: worker.token, body: {} })).status).toBe(422);
    expect((await t.api('POST', `/api/v1/opinions/${r.body.id}/block`, { token: worker.token, body: { reason: '含广告信息' } })).body.status).toBe('blocked');
    const mine = await t.api('GET', `/api/v1/opinions/${r.body.id}`, { token: u.token });
    expect(mine.body).toMatchObject({ status: 'blocked', rejectReason: '含广告信息' });
    const anyone = await buildResident(t);
    expect((await t.api('GET', `/api/v1/opinions/${r.body.id}`, { token: anyone.token })).status).toBe(404);
  });

  it('risky → 422 content_rejected and nothing is stored', async () => {
    const u = await wechatResident(t, 'cc_risky');
    const n = await countOpinions();
    const r = await submit(u.token, '好消息', '楼下有人组织赌博，快来');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('content_rejected');
    expect(await countOpinions()).toBe(n);
  });

  it('our own word list rejects before WeChat is asked, for dev-login accounts too', async () => {
    const dev = await buildResident(t);
    const before = secCheckCalls().length;
    const n = await countOpinions();
    for (const token of [dev.token, (await wechatResident(t, 'cc_words')).token]) {
      const r = await submit(token, '广告', '代 开 发 票，联系我');
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('content_rejected');
    }
    expect(secCheckCalls().length).toBe(before);
    expect(await countOpinions()).toBe(n);
  });

  it('WeChat down → the opinion is held for review, never lost', async () => {
    const u = await wechatResident(t, 'cc_down');
    t.wechat.down = true;
    const r = await submit(u.token, '停车难', '晚上停车位不够', 'private');
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('pending_review');
    const [row] = await t.deps.db.select().from(opinions).where(eq(opinions.id, r.body.id));
    expect(row).toMatchObject({ status: 'pending_review', heldReason: 'wechat_unavailable', content: '晚上停车位不够', visibility: 'private' });
  });

  it('WeChat timing out → held too', async () => {
    const u = await wechatResident(t, 'cc_slow');
    t.wechat.slow = true;
    const r = await submit(u.token, '噪音', '装修噪音太大');
    expect([r.status, r.body.status]).toEqual([201, 'pending_review']);
    expect((await t.api('GET', `/api/v1/opinions/${r.body.id}`, { token: u.token })).body.heldReason).toBe('wechat_unavailable');
  });

  it('dev-login accounts (no openid) skip WeChat while DEV_LOGIN is on', async () => {
    const dev = await buildResident(t);
    const before = secCheckCalls().length;
    expect((await submit(dev.token, '健身器材', '器材有点旧了')).body.status).toBe('submitted');
    expect(secCheckCalls().length).toBe(before);
  });
});

describe('subscribe messages', () => {
  const sentTo = (openid: string) => t.wechat.sent.filter((m) => m.touser === openid);
  const waitFor = async (fn: () => boolean) => {
    for (let i = 0; i < 100 && !fn(); i++) await new Promise((r) => setTimeout(r, 20));
  };

  it('records allowances only for our templates', async () => {
    const u = await wechatResident(t, 'sub_check');
    expect((await t.api('POST', '/api/v1/me/subscriptions', { token: u.token, body: { templateIds: ['tpl_unknown'] } })).status).toBe(422);
    expect((await t.api('POST', '/api/v1/me/subscriptions', { body: { templateIds: ['tpl_opinion_progress'] } })).status).toBe(401);
    const meta = await t.api('GET', '/api/v1/opinions/meta');
    expect(meta.body.subscribeTemplateIds).toEqual(['tpl_opinion_progress', 'tpl_meeting']);
  });

  it('sends one message per allowance with values cut to WeChat\'s limits; failures never break the step', async () => {
    const u = await wechatResident(t, 'sub_user');
    const title = '关于小区东门外人行道长期被电动车占用的问题'; // 21 characters: over thing's 20
    const r = await submit(u.token, title, '人行道被占，老人只能走机动车道');
    expect((await t.api('POST', '/api/v1/me/subscriptions', { token: u.token, body: { templateIds: ['tpl_opinion_progress'] } })).status).toBe(204);
    await t.api('POST', `/api/v1/opinions/${r.body.id}/accept`, { token: worker.token, body: {} });
    await waitFor(() => sentTo(u.openid).length === 1);
    const [msg] = sentTo(u.openid);
    expect(msg.template_id).toBe('tpl_opinion_progress');
    expect(msg.page).toBe(`packages/roundtable/pages/detail/index?id=${r.body.id}`);
    expect(msg.data.thing1.value).toBe(`${Array.from(title).slice(0, 19).join('')}…`);
    expect(Array.from(msg.data.thing1.value)).toHaveLength(20);
    expect(msg.data.phrase2.value).toBe('已受理');
    expect(msg.data.time4.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // The allowance is spent: the next step is in-app only.
    await t.api('POST', `/api/v1/opinions/${r.body.id}/start`, { token: worker.token, body: {} });
    await new Promise((res) => setTimeout(res, 150));
    expect(sentTo(u.openid)).toHaveLength(1);

    // The user withdrew consent in WeChat (43101): the reply still goes through.
    await t.api('POST', '/api/v1/me/subscriptions', { token: u.token, body: { templateIds: ['tpl_opinion_progress'] } });
    t.wechat.refusedUsers.add(u.openid);
    const reply = await t.api('POST', `/api/v1/opinions/${r.body.id}/reply`, { token: worker.token, body: { reply: '已联系城管劝离，并加装隔离桩。'.repeat(3) } });
    expect(reply.status).toBe(200);
    await waitFor(() => t.wechat.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send' && (c.body as any)?.touser === u.openid).length === 2);
    expect(sentTo(u.openid)).toHaveLength(1);
    const notes = await t.api('GET', '/api/v1/me/notifications?limit=100', { token: u.token });
    expect(notes.body.items.filter((n: any) => n.link?.endsWith(`id=${r.body.id}`)).map((n: any) => n.title)).toEqual([
      expect.stringContaining('已答复'),
      expect.stringContaining('办理中'),
      expect.stringContaining('已受理'),
      expect.stringContaining('待受理'),
    ]);
  });

  it('tells attendees who subscribed that the minutes are out', async () => {
    const u = await wechatResident(t, 'sub_meeting');
    t.clock.set('2027-03-01T09:00:00+08:00');
    try {
      const m = await t.api('POST', '/api/v1/meetings', {
        token: worker.token,
        body: { complexId: 1, type: 'council', topic: '关于小区东门外人行道长期被占用的居民议事会', place: '议事厅', startAt: '2027-03-02T14:00:00+08:00', endAt: '2027-03-02T16:00:00+08:00', capacity: 5 },
      });
      await t.api('POST', `/api/v1/meetings/${m.body.id}/signups`, { token: u.token });
      await t.api('POST', '/api/v1/me/subscriptions', { token: u.token, body: { templateIds: ['tpl_meeting'] } });
      t.clock.set('2027-03-02T16:30:00+08:00');
      const r = await t.api('POST', `/api/v1/meetings/${m.body.id}/minutes`, { token: worker.token, body: { minutes: '议定：加装隔离桩', decisions: [] } });
      expect(r.status).toBe(200);
      await waitFor(() => sentTo(u.openid).length === 1);
      const [msg] = sentTo(u.openid);
      expect(msg.template_id).toBe('tpl_meeting');
      expect(msg.data.thing1.value).toHaveLength(20);
      expect(msg.data.time2.value).toBe('2027-03-02 14:00');
    } finally {
      t.clock.set(null);
    }
  });
});
