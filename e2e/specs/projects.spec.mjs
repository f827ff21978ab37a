// 决策—推动—评议 to the end, in a real browser: a resident co-signs an opinion (elder mode), the
// worker takes it up and turns it into a 民生项目 from the opinion page, moves its two milestones
// and completes it; the resident is told, finds the project one tap from the opinion and rates it.
// (The dashboard's satisfaction figure that reads the stored rating is the dashboard's own test.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, settle, shot, signIn, waitForRoute } from '../lib.mjs';

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

  it('the worker takes it up and creates a project from the opinion page', async () => {
    const page = worker.page;
    await signIn(page, WORKER);
    assert.equal((await api(page, 'POST', `/opinions/${opinionId}/accept`, { note: '已登记' })).status, 200);
    await goto(page, `/packages/roundtable/pages/detail/index?id=${opinionId}`);
    await currentPage(page).locator('#opinion-make-project').click();
    await waitForRoute(page, '/packages/projects/pages/create/index');
    const form = currentPage(page);
    await form.locator('#project-title input').fill(PROJECT);
    await form.locator('#project-ms-title-0 input').fill('现场勘查');
    await form.locator('#project-ms-add').click();
    await form.locator('#project-ms-title-1 input').fill('扶手安装');
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
  });

  it('moves both milestones and completes it', async () => {
    const page = worker.page;
    const d = currentPage(page);
    const ms = (await api(page, 'GET', `/projects/${projectId}`)).body.milestones;
    await d.locator('#project-update-text textarea').fill('已与物业确认安装位置，下周进场。');
    await d.locator('#project-update-send').click();
    await see(page, '已与物业确认安装位置');
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
  });
});

