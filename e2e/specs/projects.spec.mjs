// 决策—推动—评议 to the end, in a real browser: a resident co-signs an opinion (elder mode), the
// worker takes it up and turns it into a 民生项目 with 立项跟踪 on the opinion's 办理 page (the
// source filled in, no ids typed), posts an update with a photo, sees the overdue milestone on the
// dashboard and 工作台, moves both milestones and completes it; the resident is told, finds the
// project one tap from the opinion and rates it, and the rating reaches the dashboard's
// satisfaction. A meeting's adopted agenda item and a closed vote's winner offer 立项跟踪 too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { api, axeCheck, currentPage, goto, launch, settle, shot, signIn, waitForRoute } from '../lib.mjs';

/** A Shanghai date `plusDays` from today (YYYY-MM-DD). */
const shanghaiDay = (plusDays = 0) => new Date(Date.now() + 8 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
/** A real 64×48 PNG (the server re-encodes what it gets). */
const PNG = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 40, g: 150, b: 90 } } }).png().toBuffer();

/** Reloads the dashboard of complex 1 until `id`'s text is `want` (the roll-up is up to a minute behind). */
async function dashboardShows(page, id, want, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  let seen = '';
  for (;;) {
    await goto(page, '/packages/dashboard/pages/index/index?scope=complex&id=1');
    const el = currentPage(page).locator(`#${id}`);
    await el.waitFor();
    seen = (await el.innerText()).trim();
    if (seen === want) return;
    if (Date.now() > until) assert.fail(`dashboard #${id} shows "${seen}", expected "${want}"`);
    await page.waitForTimeout(5000);
  }
}

const SUBMITTER = '13812347101';
const RESIDENT = '13812347102';
const WORKER = '13900000002'; // seeded worker of complex 1
const TITLE = '单元门口加装扶手';
const PROJECT = '三单元门口扶手安装';

const see = (page, text) => currentPage(page).getByText(text, { exact: false }).first().waitFor();

describe('民生项目: co-signed opinion → project → two milestones → done → resident rates (H5)', () => {
  let submitter;
  let resident;
  let worker;
  let opinionId;
  let projectId;
  let satisfactionBefore;

  before(async () => {
    submitter = await launch();
    resident = await launch();
    worker = await launch();
  });

  after(async () => {
    for (const b of [submitter, resident, worker]) assert.deepEqual(b?.consoleErrors ?? [], [], 'no uncaught errors');
    await submitter?.close();
    await resident?.close();
    await worker?.close();
  });

  it('a resident in elder mode co-signs a neighbour\'s opinion', async () => {
    await signIn(submitter.page, SUBMITTER);
    const r = await api(submitter.page, 'POST', '/opinions', { category: '公共安全', title: TITLE, content: '三单元门口台阶陡，老人进出没有扶手，雨天容易滑倒。', complexId: 1 });
    assert.equal(r.status, 201);
    opinionId = r.body.id;

    const page = resident.page;
    await signIn(page, RESIDENT);
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: true })).status, 200);
    await goto(page, `/packages/roundtable/pages/detail/index?id=${opinionId}`);
    const d = currentPage(page);
    await d.locator('.xfh-page.xfh-elder').waitFor();
    await d.locator('#opinion-cosign').click();
    await d.locator('#opinion-cosigned').waitFor();
  });

  it('the worker takes it up and creates a project with 立项跟踪 on the 办理 page, without typing an id', async () => {
    const page = worker.page;
    await signIn(page, WORKER);
    satisfactionBefore = (await api(page, 'GET', '/dashboard?scope=complex&id=1')).body.indicators.satisfaction.count;
    assert.equal((await api(page, 'POST', `/opinions/${opinionId}/accept`, { note: '已登记' })).status, 200);
    await goto(page, `/packages/opiniondesk/pages/handle/index?id=${opinionId}`);
    await currentPage(page).locator(`#project-from-opinion-${opinionId}`, { hasText: '立项跟踪' }).click();
    await waitForRoute(page, '/packages/projects/pages/create/index');
    const form = currentPage(page);
    await form.locator('#project-source', { hasText: TITLE }).waitFor();
    assert.equal(await form.locator('#project-source-id').count(), 0, 'no source id to type');
    assert.match(await form.locator('#project-owner-worker').innerText(), /（我）/, 'the worker owns it unless they pick someone else');
    assert.equal(await form.locator('#project-title input').inputValue(), TITLE, 'named after the source');
    await form.locator('#project-title input').fill(PROJECT);
    await form.locator('#project-ms-title-0 input').fill('现场勘查');
    await form.locator('#project-ms-due-0 input').fill(shanghaiDay(-1)); // already late: the dashboard counts it
    await form.locator('#project-ms-add').click();
    await form.locator('#project-ms-title-1 input').fill('扶手安装');
    await form.locator('#project-ms-due-1 input').fill(shanghaiDay(20));
    await settle(page, 300);
    await shot(page, 'projects-01-create');
    await axeCheck(page, 'create project');
    await form.locator('#project-create').click();
    await waitForRoute(page, '/packages/projects/pages/detail/index');
    projectId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
    assert.ok(projectId > 0);
    const p = (await api(page, 'GET', `/projects/${projectId}`)).body;
    assert.equal(p.status, 'planned');
    assert.equal(p.followerCount, 2, 'the submitter and the co-signer follow automatically');
    assert.deepEqual(p.sources.map((s) => [s.type, s.id]), [['opinion', opinionId]]);
    assert.deepEqual([p.owner.type, p.overdueMilestones], ['worker', 1]);

    // back on the 办理 page the button now leads to the project
    await goto(page, `/packages/opiniondesk/pages/handle/index?id=${opinionId}`);
    await currentPage(page).locator(`#project-from-opinion-${opinionId}`, { hasText: '已立项（计划中）' }).waitFor();
    await currentPage(page).locator(`#project-from-opinion-${opinionId}-title`, { hasText: PROJECT }).waitFor();
    await shot(page, 'projects-01b-handle');
  });

  it('the overdue milestone shows on the dashboard and the 工作台 to-do', async () => {
    const page = worker.page;
    await dashboardShows(page, 'dash-projects-overdue', '1 个');
    await currentPage(page).locator('#dash-projects').scrollIntoViewIfNeeded();
    await shot(page, 'projects-09-dashboard-overdue');
    await goto(page, '/packages/workbench/pages/index/index');
    await currentPage(page).locator('#todo-milestonesOverdue-count', { hasText: '1' }).waitFor();
    await currentPage(page).locator('#todo-milestonesOverdue').click();
    await waitForRoute(page, '/packages/projects/pages/list/index');
    await currentPage(page).locator(`#project-${projectId}`, { hasText: '逾期' }).waitFor();
    await shot(page, 'projects-10-staff-list');
    // the paper sheet for the notice board, one tap from the list (the PDF's text is the server test's)
    const download = page.waitForEvent('download');
    await currentPage(page).locator('#project-notice-sheet').click();
    const pdf = await download;
    assert.match(pdf.suggestedFilename(), /^公告栏月报-\d{4}-\d{2}\.pdf$/);
    const bytes = readFileSync(await pdf.path());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  });

  it('posts an update with a photo, moves both milestones and completes it', async () => {
    const page = worker.page;
    await goto(page, `/packages/projects/pages/detail/index?id=${projectId}`);
    const d = currentPage(page);
    const ms = (await api(page, 'GET', `/projects/${projectId}`)).body.milestones;
    await d.locator('#project-update-text textarea').fill('已与物业确认安装位置，下周进场。');
    const chooser = page.waitForEvent('filechooser');
    await d.locator('#project-update-photo').click();
    await (await chooser).setFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG });
    await d.locator('#project-update-photos .xfh-project__pick').first().waitFor();
    await d.locator('#project-update-photo', { hasText: '添加照片' }).waitFor(); // upload finished
    await settle(page, 300);
    await shot(page, 'projects-02a-update-photo');
    await d.locator('#project-update-send').click();
    await see(page, '已与物业确认安装位置');
    const withPhoto = (await api(page, 'GET', `/projects/${projectId}`)).body.updates[0];
    assert.equal(withPhoto.photos.length, 1, 'the update carries its photo');
    await d.locator('#project-timeline .xfh-project__img').first().waitFor();
    const img = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return [r.status, r.headers.get('content-type')];
    }, new URL(withPhoto.photos[0].url, page.url()).href);
    assert.deepEqual(img, [200, 'image/png'], 'the timeline photo is served');
    assert.equal(await d.locator('#project-update-photos .xfh-project__pick').count(), 0, 'the form is cleared');
    for (const m of ms) {
      await d.locator(`#milestone-done-${m.id}`).click();
      await see(page, `完成节点：${m.title}`);
    }
    await shot(page, 'projects-02-staff-detail');
    await d.locator('#project-complete').click();
    await d.locator('#project-status', { hasText: '已完成' }).waitFor();
    assert.equal((await api(page, 'GET', `/projects/${projectId}`)).body.status, 'done');
  });

  it('the resident is told, reaches the project from the opinion in one tap and rates it once', async () => {
    const page = resident.page;
    const notes = (await api(page, 'GET', '/me/notifications?limit=50')).body.items.map((n) => n.title);
    assert.ok(notes.some((t) => t.includes(`「${PROJECT}」完成节点：现场勘查`)), 'told at the first milestone');
    assert.ok(notes.some((t) => t.includes(`「${PROJECT}」完成节点：扶手安装`)), 'told at the second milestone');
    assert.ok(notes.some((t) => t.includes(`「${PROJECT}」已完成，请您评议`)), 'asked to rate at completion');

    await goto(page, `/packages/roundtable/pages/detail/index?id=${opinionId}`);
    await see(page, `已立项 → ${PROJECT}`);
    await currentPage(page).locator('#opinion-project').click();
    await waitForRoute(page, '/packages/projects/pages/detail/index');
    const d = currentPage(page);
    await d.locator('#project-rate').waitFor();
    await shot(page, 'projects-03-rate-elder');
    await axeCheck(page, 'project detail, rate (elder mode)');
    await d.locator('#project-stars-4').click();
    await d.locator('#project-rate-comment textarea').fill('扶手很结实，谢谢！');
    await d.locator('#project-rate-send').click();
    await d.locator('#project-my-rating').waitFor();
    const p = (await api(page, 'GET', `/projects/${projectId}`)).body;
    assert.deepEqual([p.myRating.stars, p.rating.count, p.canRate], [4, 1, false]);
    assert.equal((await api(page, 'POST', `/projects/${projectId}/rating`, { stars: 5 })).status, 409, 'only once');

    await goto(page, '/packages/projects/pages/list/index?complexId=1');
    await currentPage(page).locator(`#project-${projectId}`).waitFor();
    await shot(page, 'projects-04-list-elder');
    await axeCheck(page, 'project list (elder mode)');
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: false })).status, 200);
    await goto(page, '/packages/projects/pages/list/index?complexId=1');
    await currentPage(page).locator(`#project-${projectId}`).waitFor();
    await settle(page);
    await shot(page, 'projects-05-list');
    await goto(page, `/packages/projects/pages/detail/index?id=${projectId}`);
    await currentPage(page).locator('#project-my-rating').waitFor();
    await shot(page, 'projects-06-detail');
  });

  it('the rating reaches the complex\'s satisfaction on the dashboard; the milestone is no longer overdue', async () => {
    const page = worker.page;
    await dashboardShows(page, 'dash-projects-overdue', '0 个');
    await dashboardShows(page, 'dash-satisfaction-count', `${satisfactionBefore + 1} 条评价`);
    const d = (await api(page, 'GET', '/dashboard?scope=complex&id=1')).body;
    assert.equal(d.indicators.satisfaction.count, satisfactionBefore + 1);
    assert.equal(d.projects.overdueMilestones, 0);
    await shot(page, 'projects-11-dashboard-rated');
  });
});

describe('立项跟踪 on a meeting\'s adopted agenda item and on a closed vote\'s winner (H5)', () => {
  let worker;
  before(async () => {
    worker = await launch();
  });
  after(async () => {
    assert.deepEqual(worker?.consoleErrors ?? [], [], 'no uncaught errors');
    await worker?.close();
  });

  it('the staff meeting page offers it for an item decided 采纳, prefilled', async () => {
    const page = worker.page;
    await signIn(page, WORKER);
    const start = new Date(Date.now() + 3000);
    const m = await api(page, 'POST', '/meetings', { complexId: 1, type: 'roundtable', topic: '楼道堆物怎么清', place: '阳光社区议事厅', startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString(), capacity: 10 });
    assert.equal(m.status, 201, JSON.stringify(m.body));
    const item = await api(page, 'POST', `/meetings/${m.body.id}/agenda`, { title: '每月一次楼道清理日' });
    assert.equal(item.status, 201, JSON.stringify(item.body));
    await page.waitForTimeout(Math.max(0, start.getTime() - Date.now() + 500));
    const minutes = await api(page, 'POST', `/meetings/${m.body.id}/minutes`, { minutes: '议定每月第一个周六为楼道清理日。', decisions: [{ itemId: item.body.id, decision: 'adopted' }] });
    assert.equal(minutes.status, 200, JSON.stringify(minutes.body));
    await goto(page, `/packages/opiniondesk/pages/meeting/index?id=${m.body.id}`);
    await currentPage(page).locator(`#project-from-agenda_item-${item.body.id}`, { hasText: '立项跟踪' }).click();
    await waitForRoute(page, '/packages/projects/pages/create/index');
    const form = currentPage(page);
    await form.locator('#project-source', { hasText: '议事会决定' }).waitFor();
    assert.equal(await form.locator('#project-title input').inputValue(), '每月一次楼道清理日');
    await form.locator('#project-create').click();
    await waitForRoute(page, '/packages/projects/pages/detail/index');
    const pid = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
    const p = (await api(page, 'GET', `/projects/${pid}`)).body;
    assert.deepEqual(p.sources.map((s) => [s.type, s.id]), [['agenda_item', item.body.id]]);
  });

  it('the staff vote page offers it once the vote is closed with one winner', async () => {
    const page = worker.page;
    const closes = new Date(Date.now() + 3000);
    const v = await api(page, 'POST', '/votes', { complexId: 1, question: '充电桩装在哪里', options: ['北门车棚', '南门空地'], maxChoices: 1, eligibility: { type: 'street' }, opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: closes.toISOString(), resultsVisibility: 'live' });
    assert.equal(v.status, 201, JSON.stringify(v.body));
    const opts = (await api(page, 'GET', `/votes/${v.body.id}`)).body.options;
    await goto(page, `/packages/opiniondesk/pages/vote/index?id=${v.body.id}`);
    await currentPage(page).locator('.xfh-heading', { hasText: '充电桩装在哪里' }).waitFor();
    assert.equal(await currentPage(page).locator(`#project-from-vote-${v.body.id}`).count(), 0, 'not while the vote is open');
    await page.waitForTimeout(Math.max(0, closes.getTime() - Date.now() + 500));
    assert.equal((await api(page, 'POST', `/votes/${v.body.id}/paper-tallies`, { counts: [{ optionId: opts[0].id, count: 7 }, { optionId: opts[1].id, count: 3 }], note: '现场纸质票' })).status, 201);
    await goto(page, `/packages/opiniondesk/pages/vote/index?id=${v.body.id}`);
    await currentPage(page).locator('#vote-result', { hasText: '北门车棚' }).waitFor();
    await currentPage(page).locator(`#project-from-vote-${v.body.id}`, { hasText: '立项跟踪' }).click();
    await waitForRoute(page, '/packages/projects/pages/create/index');
    const form = currentPage(page);
    await form.locator('#project-source', { hasText: '票决结果' }).waitFor();
    assert.equal(await form.locator('#project-title input').inputValue(), '充电桩装在哪里：北门车棚');
    await settle(page, 300);
    await shot(page, 'projects-12-create-from-vote');
    await form.locator('#project-create').click();
    await waitForRoute(page, '/packages/projects/pages/detail/index');
    const pid = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
    assert.deepEqual((await api(page, 'GET', `/projects/${pid}`)).body.sources.map((s) => [s.type, s.id]), [['vote', v.body.id]]);
    await goto(page, `/packages/opiniondesk/pages/vote/index?id=${v.body.id}`);
    await currentPage(page).locator(`#project-from-vote-${v.body.id}`, { hasText: '已立项' }).waitFor();
    await shot(page, 'projects-13-vote-result');
  });
});

describe('承诺清单: a branch files its yearly promises, the district approves (H5)', () => {
  let branch;
  let district;

  before(async () => {
    branch = await launch();
    district = await launch();
  });

  after(async () => {
    for (const b of [branch, district]) assert.deepEqual(b?.consoleErrors ?? [], [], 'no uncaught errors');
    await branch?.close();
    await district?.close();
  });

  it('the branch admin (elder mode) files an item; the district admin sees it in the ranking and approves it', async () => {
    const page = branch.page;
    await signIn(page, '13900000003'); // seeded admin of branch 1 (paired with complexes 1 and 6)
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: true })).status, 200);
    await goto(page, '/packages/branch/pages/branch/index?id=1');
    await currentPage(page).locator('#branch-commitments').click();
    await waitForRoute(page, '/packages/branch/pages/commitments/index');
    const c = currentPage(page);
    await c.locator('#commitment-form').waitFor();
    await c.locator('#commitment-item-1').click();
    await c.locator('#commitment-complex-1').click();
    await c.locator('#commitment-sessions input').fill('12');
    await c.locator('#commitment-submit').click();
    await c.locator('#commitment-status', { hasText: '待区里审核' }).waitFor();
    await c.locator('#commitment-items .xfh-promise').first().waitFor();
    await settle(page);
    await shot(page, 'projects-07-commitments-elder');
    await axeCheck(page, 'commitments (elder mode)');
    const year = (await api(page, 'GET', '/branches/1/commitments')).body;
    assert.deepEqual(year.items.map((i) => [i.catalogItemId, i.complexId, i.target.sessions]), [[1, 1, 12]]);

    const admin = district.page;
    await signIn(admin, '13900000001');
    await goto(admin, '/packages/branch/pages/commitments/index');
    const r = currentPage(admin);
    await r.locator('#commitment-ranking .xfh-promise').first().waitFor();
    await shot(admin, 'projects-08-commitment-ranking');
    await r.locator('#commitment-ranking .xfh-promise').first().click();
    await waitForRoute(admin, '/packages/branch/pages/commitments/index');
    const d = currentPage(admin);
    await d.locator('#commitment-approve').click();
    await d.locator('#commitment-status', { hasText: '已批准' }).waitFor();
    assert.equal((await api(admin, 'GET', '/branches/1/commitments')).body.status, 'approved');

    // the branch's record page shows promised against delivered, with the 评诺
    const filed = (await api(page, 'GET', '/branches/1/commitments')).body;
    await goto(page, '/packages/branch/pages/records/index');
    const rec = currentPage(page).locator('#record-promises-sessions');
    await rec.waitFor();
    assert.match(await rec.innerText(), new RegExp(`承诺 ${filed.totals.target.sessions} 场 · 已开展 ${filed.totals.delivered.sessions} 场`));
    await settle(page);
    await shot(page, 'projects-14-records-promises-elder');
  });
});

