// 民意小圆桌, the closed loop in a real browser: a resident (in elder mode) submits an opinion
// from the 民意 tab, a worker of the complex finds it in the inbox, accepts it and replies, and the
// resident sees the timeline and evaluates the answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, settle, shot, signIn, waitForRoute } from '../lib.mjs';

const RESIDENT = '13812346001';
const WORKER = '13900000002'; // seeded worker of 文新街道阳光社区民生综合体 (complex 1)
const TITLE = '小区北门路灯坏了';
const REPLY = '已联系物业更换路灯，今晚起恢复照明。';

/** Waits until the visible page shows `text` (the H5 router keeps earlier pages in the DOM). */
const see = (page, text) => currentPage(page).getByText(text, { exact: false }).first().waitFor();

describe('民意小圆桌: submit → accept → reply → evaluate (H5)', () => {
  let resident;
  let worker;
  let opinionId;

  before(async () => {
    resident = await launch();
    worker = await launch();
  });

  after(async () => {
    assert.deepEqual(resident?.consoleErrors ?? [], [], 'no uncaught errors in the resident page');
    assert.deepEqual(worker?.consoleErrors ?? [], [], 'no uncaught errors in the worker page');
    await resident?.close();
    await worker?.close();
  });

  it('a resident in elder mode submits an opinion from the 民意 tab', async () => {
    const page = resident.page;
    await signIn(page, RESIDENT);
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: true })).status, 200);
    await goto(page, '/pages/opinions/index');
    const tab = currentPage(page);
    await tab.locator('.xfh-page.xfh-elder').waitFor();
    await tab.locator('.xfh-opinion-card').first().waitFor(); // the demo data's public opinions
    await shot(page, 'opinions-00-tab-elder');
    await axeCheck(page, '民意 tab (elder mode)');
    await tab.locator('#opinion-submit-entry').click();
    await waitForRoute(page, '/packages/roundtable/pages/submit/index');

    const form = currentPage(page);
    await form.locator('.xfh-my-complex, .xfh-card').first().waitFor();
    await form.locator('#opinion-category-公共安全').click();
    await form.locator('#opinion-title input').fill(TITLE);
    await form.locator('#opinion-content textarea').fill('北门进门第二盏路灯坏了一个星期，晚上老人出门看不清台阶。');
    await shot(page, 'opinions-01-submit-elder');
    await axeCheck(page, 'submit opinion (elder mode)');
    await form.locator('#opinion-send').click();

    await waitForRoute(page, '/packages/roundtable/pages/detail/index');
    opinionId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
    assert.ok(opinionId > 0, 'landed on the new opinion');
    const detail = currentPage(page);
    assert.equal((await detail.locator('#opinion-status').innerText()).trim(), '待受理');
    await see(page, '提交意见');
    const server = await api(page, 'GET', `/opinions/${opinionId}`);
    assert.equal(server.body.status, 'submitted');
    assert.equal(server.body.category, '公共安全');
  });

  it('a worker of the complex accepts it from the inbox and replies', async () => {
    const page = worker.page;
    await signIn(page, WORKER);
    await goto(page, '/packages/opiniondesk/pages/inbox/index');
    const inbox = currentPage(page);
    await inbox.locator('#inbox-status-submitted').click();
    const card = inbox.locator(`#opinion-${opinionId}`);
    await card.waitFor();
    assert.match(await card.innerText(), /受理期限/);
    await shot(page, 'opinions-02-inbox');
    await axeCheck(page, 'opinion inbox');
    await card.click();

    await waitForRoute(page, '/packages/opiniondesk/pages/handle/index');
    const handle = currentPage(page);
    await handle.locator('#handle-step-accept').click();
    await handle.locator('#handle-send').click();
    await handle.locator('#handle-status', { hasText: '已受理' }).waitFor();

    // 交办 with pickers, not typed ids: the complex's workers, and the branches paired with it
    const paired = (await api(page, 'GET', '/branches')).body.items.filter((b) => b.complexIds.includes(1));
    assert.ok(paired.length > 0, 'complex 1 has paired branches');
    await handle.locator('#handle-step-assign').click();
    await handle.locator('#assign-kind-worker').click();
    await handle.locator('#assign-worker').waitFor();
    await handle.locator('#assign-kind-branch').click();
    await axeCheck(page, 'assign opinion');
    await handle.locator('#assign-branch', { hasText: '请选择' }).click();
    const confirm = page.locator('.weui-picker__action', { hasText: '确定' }).last();
    await confirm.click();
    await confirm.waitFor({ state: 'hidden' });
    await handle.locator('#assign-branch', { hasText: paired[0].name }).waitFor();
    await handle.locator('#handle-send').click();
    await handle.locator('#handle-status', { hasText: '已交办' }).waitFor();
    assert.deepEqual((await api(page, 'GET', `/opinions/${opinionId}`)).body.assignee, { type: 'branch', label: paired[0].name });

    await handle.locator('#handle-step-reply').click();
    await handle.locator('#handle-text textarea').fill(REPLY);
    await shot(page, 'opinions-03-reply');
    await axeCheck(page, 'handle opinion');
    await handle.locator('#handle-send').click();
    await handle.locator('#handle-status', { hasText: '已答复' }).waitFor();
    const timeline = await handle.locator('#opinion-timeline').innerText();
    assert.match(timeline, /受理[\s\S]*交办[\s\S]*答复/);
  });

  it('the resident sees the timeline and the answer, and evaluates it', async () => {
    const page = resident.page;
    await goto(page, `/packages/roundtable/pages/detail/index?id=${opinionId}`);
    const detail = currentPage(page);
    await detail.locator('#opinion-reply', { hasText: REPLY }).waitFor();
    const steps = await detail.locator('.xfh-timeline__label').allInnerTexts();
    assert.deepEqual(steps.map((s) => s.trim()), ['提交意见', '受理', '交办', '答复']);
    assert.match(await detail.locator('#opinion-timeline').innerText(), /社区工作者/);
    await shot(page, 'opinions-04-timeline');
    await axeCheck(page, 'opinion detail');

    await detail.locator('#opinion-rating-satisfied').click();
    await detail.locator('#opinion-rating-comment textarea').fill('修得很快，谢谢！');
    await detail.locator('#opinion-evaluate-send').click();
    await detail.locator('#opinion-status', { hasText: '已评价' }).waitFor();
    await settle(page);
    assert.equal(await detail.locator('#opinion-evaluate').count(), 0, 'the evaluation form is gone');
    const final = await api(page, 'GET', `/opinions/${opinionId}`);
    assert.equal(final.body.status, 'closed');
    assert.equal(final.body.rating, 'satisfied');
    assert.deepEqual(final.body.timeline.map((e) => e.action), ['submit', 'accept', 'assign', 'reply', 'evaluate']);
    // Every step reached the resident's message centre.
    const inbox = await api(page, 'GET', '/me/notifications?limit=50');
    assert.ok(inbox.body.items.filter((n) => n.link?.endsWith(`id=${opinionId}`)).length >= 3);
    await shot(page, 'opinions-05-evaluated');
  });

  it('a round table: the resident signs up, checks in with the venue code and votes', async () => {
    const now = Date.now();
    const meeting = await api(worker.page, 'POST', '/meetings', {
      complexId: 1,
      type: 'livelihood',
      topic: '北门照明与安全',
      place: '阳光社区议事厅',
      startAt: new Date(now + 30 * 60_000).toISOString(),
      endAt: new Date(now + 150 * 60_000).toISOString(),
      capacity: 10,
    });
    assert.equal(meeting.status, 201);
    const meetingId = meeting.body.id;
    assert.equal((await api(worker.page, 'POST', `/meetings/${meetingId}/agenda`, { opinionId })).status, 201);

    const page = resident.page;
    await goto(page, '/packages/roundtable/pages/meetings/index');
    await currentPage(page).locator(`#meeting-${meetingId}`).click();
    await waitForRoute(page, '/packages/roundtable/pages/meeting/index');
    const m = currentPage(page);
    await see(page, TITLE); // the opinion is on the agenda
    await axeCheck(page, 'meeting (elder mode)');
    await m.locator('#meeting-signup').click();
    await m.locator('#meeting-checkin').waitFor();

    // The worker shows the rotating venue code (a QR drawn as a grid, with its text under it).
    await goto(worker.page, `/packages/opiniondesk/pages/meeting/index?id=${meetingId}`);
    const desk = currentPage(worker.page);
    await desk.getByText('出示现场签到码').click();
    const code = (await desk.locator('#venue-code').innerText()).trim();
    assert.match(code, new RegExp(`^meeting\\.${meetingId}\\.`));
    assert.ok((await desk.locator('.xfh-venue-qr__cell--dark').count()) > 100, 'the QR is drawn');
    await shot(worker.page, 'opinions-06-venue-qr');

    await m.locator('#meeting-code input').fill(code);
    await m.locator('#meeting-checkin .xfh-button').first().click();
    await see(page, '您已于');
    assert.equal((await api(page, 'GET', `/meetings/${meetingId}`)).body.mySignup.checkedInAt !== null, true);

    // A vote for the meeting's attendees, results live.
    const vote = await api(worker.page, 'POST', '/votes', {
      complexId: 1,
      question: '北门加装几盏路灯？',
      options: ['两盏', '四盏'],
      eligibility: { type: 'meeting', id: meetingId },
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      resultsVisibility: 'live',
    });
    assert.equal(vote.status, 201);
    await goto(page, `/packages/roundtable/pages/vote/index?id=${vote.body.id}`);
    const ballot = currentPage(page);
    const options = (await api(page, 'GET', `/votes/${vote.body.id}`)).body.options;
    await ballot.locator(`#vote-option-${options[1].id}`).click();
    await axeCheck(page, 'vote');
    await ballot.locator('#vote-cast').click();
    await see(page, '您已投票');
    const result = (await api(page, 'GET', `/votes/${vote.body.id}`)).body;
    assert.deepEqual(result.myBallot, [options[1].id]);
    assert.deepEqual(result.options.map((o) => o.total), [0, 1]);
    await shot(page, 'opinions-07-voted');
  });
});
