// Residency and the three levels, in a real browser:
//   1. a new resident claims a home in 我的 → 我的综合体 (待认证, with the 认证码), a worker of that
//      complex verifies them on 居民认证, and then the resident votes in a street vote;
//   2. the district admin creates a 星月式 complex with two satellites (H5: typed coordinates)
//      and adds a worker by phone, and that worker publishes an activity there.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, shot, signIn, waitForRoute } from '../lib.mjs';

const RESIDENT = '13812347001';
const WORKER = '13900000002'; // seeded worker of complex 1 (文新街道阳光社区民生综合体)
const ADMIN = '13900000001'; // seeded district admin
const NEW_WORKER = '13812347002';
const NAME = '文新街道测试星月民生综合体';

const confirmPicker = async (page) => {
  const ok = page.locator('.weui-picker__action', { hasText: '确定' }).last();
  await ok.click();
  await ok.waitFor({ state: 'hidden' });
};

describe('residency: claim in 我的 → verify on 居民认证 → vote (H5)', () => {
  let resident;
  let worker;
  let voteId;
  let userId;

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

  it('the worker opens a street vote', async () => {
    await signIn(worker.page, WORKER);
    const now = Date.now();
    const r = await api(worker.page, 'POST', '/votes', {
      complexId: 1,
      question: '街道健身步道选线',
      options: ['沿河线', '公园线'],
      eligibility: { type: 'street' },
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    });
    assert.equal(r.status, 201);
    voteId = r.body.id;
  });

  it('a new resident claims a home in 我的 and sees 待认证 with the 认证码', async () => {
    const page = resident.page;
    await signIn(page, RESIDENT);
    userId = (await api(page, 'GET', '/me')).body.id;
    // many residents are elderly: this one walks the flow in elder mode
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: true })).status, 200);
    await goto(page, '/pages/me/index');
    const me = currentPage(page);
    await me.locator('.xfh-page.xfh-elder').waitFor();
    await me.locator('#me-residency-status', { hasText: '未认证' }).waitFor();
    await shot(page, 'residency-00-me-none');
    await me.locator('#me-residency').click();
    await waitForRoute(page, '/packages/places/pages/residency/index');
    const form = currentPage(page);
    await form.locator('#residency-pick').click();
    await confirmPicker(page);
    await form.locator('#residency-claim').click();
    await form.locator('#residency-status', { hasText: '待认证' }).waitFor();
    await form.locator('#show-code').click();
    await form.locator('#residency-code').waitFor();
    assert.match(await form.locator('#residency-code').innerText(), /^rc\./);
    await page.waitForTimeout(2000); // let the "已提交" toast fade before the screenshot and axe
    await shot(page, 'residency-01-claimed-code');
    await axeCheck(page, '我的综合体');
    assert.deepEqual((await api(page, 'GET', '/me')).body.residency.status, 'claimed');

    // the vote explains what to do, and the button leads to the real place
    await goto(page, `/packages/roundtable/pages/vote/index?id=${voteId}`);
    const vote = currentPage(page);
    await vote.locator('#vote-not-eligible').waitFor();
    assert.match(await vote.locator('#vote-not-eligible').innerText(), /出示认证码|等待工作人员认证/);
    await shot(page, 'residency-02-vote-not-eligible');
    const refused = await api(page, 'POST', `/votes/${voteId}/ballots`, { optionIds: [(await api(page, 'GET', `/votes/${voteId}`)).body.options[0].id] });
    assert.equal(refused.body.error.code, 'residency_unverified');
  });

  it('the worker finds them on 居民认证 by the phone\'s last digits and verifies them', async () => {
    const page = worker.page;
    await goto(page, '/packages/workbench/pages/index/index');
    await currentPage(page).locator('#wb-residents').click();
    await waitForRoute(page, '/packages/workbench/pages/residents/index');
    const list = currentPage(page);
    await list.locator('#residents-search input').fill(RESIDENT.slice(-4));
    await list.locator('#residents-search-go').click();
    await list.locator(`#resident-${userId}`).waitFor();
    await shot(page, 'residency-03-residents');
    await axeCheck(page, '居民认证');
    await list.locator(`#verify-${userId}`).click();
    await list.locator(`#resident-${userId}`).waitFor({ state: 'detached' });
    await list.locator('#residents-tab-verified').click();
    await list.locator(`#revoke-${userId}`).waitFor();
    // the same screen in elder mode
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: true })).status, 200);
    await goto(page, '/packages/workbench/pages/residents/index');
    await currentPage(page).locator('.xfh-page.xfh-elder').waitFor();
    await currentPage(page).locator('#residents-search').waitFor();
    await shot(page, 'residency-03b-residents-elder');
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: false })).status, 200);
  });

  it('now verified, the resident votes', async () => {
    const page = resident.page;
    await goto(page, '/pages/me/index');
    await currentPage(page).locator('#me-residency-status', { hasText: '已认证' }).waitFor();
    await goto(page, `/packages/roundtable/pages/vote/index?id=${voteId}`);
    const vote = currentPage(page);
    const first = vote.locator('[id^="vote-option-"]').first();
    await first.click();
    await vote.locator('#vote-cast').click();
    await vote.getByText('您已投票').waitFor();
    await shot(page, 'residency-04-voted');
    assert.ok((await api(page, 'GET', `/votes/${voteId}`)).body.myBallot.length === 1);
  });
});

describe('district admin: a 星月式 complex with two satellites and a worker who publishes there (H5)', () => {
  let admin;
  let newWorker;
  let complexId;

  before(async () => {
    admin = await launch();
    newWorker = await launch();
  });
  after(async () => {
    assert.deepEqual(admin?.consoleErrors ?? [], [], 'no uncaught errors in the admin page');
    assert.deepEqual(newWorker?.consoleErrors ?? [], [], 'no uncaught errors in the worker page');
    await admin?.close();
    await newWorker?.close();
  });

  it('creates the complex with typed coordinates and adds two satellites (one too far is refused)', async () => {
    const page = admin.page;
    await signIn(page, ADMIN);
    await goto(page, '/packages/workbench/pages/index/index');
    await currentPage(page).locator('#wb-places').click();
    await waitForRoute(page, '/packages/workbench/pages/places/index');
    const form = currentPage(page);
    await form.locator('#new-street').click();
    await confirmPicker(page);
    await form.locator('#new-name input').fill(NAME);
    await form.locator('#new-mode-star_moon').click();
    await form.locator('#new-address input').fill('文一西路 100 号');
    await form.locator('#new-lat input').fill('30.2800');
    await form.locator('#new-lng input').fill('120.1000');
    await shot(page, 'residency-05-new-complex');
    await axeCheck(page, '场所管理');
    await form.locator('#new-create').click();
    await waitForRoute(page, '/packages/workbench/pages/place-edit/index');
    complexId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
    assert.ok(complexId > 0);

    const edit = currentPage(page);
    const satellite = async (name, lat) => {
      await edit.locator('#facility-name input').fill(name);
      await edit.locator('#facility-address input').fill('文一西路 120 号');
      await edit.locator('#facility-lat input').fill(lat);
      await edit.locator('#facility-lng input').fill('120.1000');
      await edit.locator('#facility-add').click();
    };
    await satellite('北侧卫星点', '30.2818'); // ~200 m
    await edit.getByText('北侧卫星点').first().waitFor();
    await satellite('南侧卫星点', '30.2764'); // ~400 m
    await edit.getByText('南侧卫星点').first().waitFor();
    await satellite('太远的点', '30.2900'); // ~1.1 km: refused
    await page.getByText('星月式综合体的卫星点须在 500 米以内').first().waitFor();
    const d = await api(page, 'GET', `/complexes/${complexId}`);
    assert.deepEqual(d.body.facilities.map((f) => f.isMain), [true, false, false]);
    await shot(page, 'residency-06-satellites');
    // 编辑综合体: rename it; the heading and the API show the new name
    await edit.locator('#edit-name input').fill(`${NAME}（改）`);
    await edit.locator('#edit-save').click();
    await edit.locator('#place-name', { hasText: '（改）' }).waitFor();
    assert.equal((await api(page, 'GET', `/complexes/${complexId}`)).body.name, `${NAME}（改）`);
  });

  it('adds a worker by phone on the complex\'s staff page', async () => {
    const page = admin.page;
    await currentPage(page).locator('#place-staff').click();
    await waitForRoute(page, '/packages/workbench/pages/staff/index');
    const staff = currentPage(page);
    await staff.locator('#staff-complex', { hasText: NAME }).waitFor();
    await staff.locator('#staff-phone input').fill(NEW_WORKER);
    await staff.locator('#staff-name input').fill('李新');
    await staff.locator('#staff-add-go').click();
    await staff.locator('#staff-list').getByText('李新').waitFor();
    await shot(page, 'residency-07-staff');
    await axeCheck(page, '人员管理');
    // the admin screens in elder mode too
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: true })).status, 200);
    await goto(page, `/packages/workbench/pages/place-edit/index?id=${complexId}`);
    await currentPage(page).locator('.xfh-page.xfh-elder #place-facilities').waitFor();
    await shot(page, 'residency-08-place-edit-elder');
    await goto(page, `/packages/workbench/pages/staff/index?complexId=${complexId}`);
    await currentPage(page).locator('.xfh-page.xfh-elder').getByText('李新').waitFor();
    await shot(page, 'residency-09-staff-elder');
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: false })).status, 200);
  });

  it('that worker publishes an activity at the new complex', async () => {
    const page = newWorker.page;
    await signIn(page, NEW_WORKER);
    const me = (await api(page, 'GET', '/me')).body;
    assert.equal(me.role, 'worker');
    assert.deepEqual(me.complexIds, [complexId]);
    await goto(page, '/packages/workbench/pages/activity-edit/index');
    const form = currentPage(page);
    await form.locator('#f-title input').fill('新综合体开放日');
    await form.locator('#save-activity').click();
    await page.waitForFunction(() => !location.hash.includes('activity-edit'), null, { timeout: 15000 });
    const list = await api(page, 'GET', `/activities?complexId=${complexId}`);
    assert.ok(list.body.items.some((a) => a.title === '新综合体开放日'), 'the activity is listed at the new complex');
  });
});
