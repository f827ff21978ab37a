// 邻里互助 in a real browser: 小李 (the demo senior's linked family member) posts a 陪诊 request for
// 张阿姨 from 首页 in three big-button steps; a verified neighbour (the volunteer) takes it; 张阿姨
// (elder mode) confirms the helper and that it was done; the held points move to the helper;
// both rate. Screenshots at 375 px in normal and elder mode.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, shot, signIn, waitForRoute } from '../lib.mjs';

const SENIOR = '13900000004';
const FAMILY = '13900000005';
const WORKER = '13900000002';
const VOLUNTEER = `139${String(Date.now()).slice(-8)}`;

describe('邻里互助 (H5)', () => {
  let family;
  let volunteer;
  let senior;
  let requestId;
  let seniorId;
  let seniorBefore;

  before(async () => {
    [family, volunteer, senior] = await Promise.all([launch(), launch(), launch()]);
  });
  after(async () => {
    for (const [who, b] of [['family', family], ['volunteer', volunteer], ['senior', senior]]) {
      assert.deepEqual(b?.consoleErrors ?? [], [], `no uncaught errors in the ${who} page`);
      await b?.close();
    }
  });

  it('the family member posts a 陪诊 request for the senior from 首页 in 3 steps', async () => {
    const { page } = family;
    await signIn(page, FAMILY);
    await waitForRoute(page, '/pages/home/index');
    await currentPage(page).locator('#entry-helping').click();
    await waitForRoute(page, '/packages/helping/pages/index/index');
    const home = currentPage(page);
    await home.locator('#help-list [id^="help-item-"]').first().waitFor(); // the demo's open requests
    await shot(page, 'helping-01-list');
    await axeCheck(page, '邻里互助');
    const links = (await api(page, 'GET', '/family/links')).body.items;
    seniorId = links.find((l) => l.as === 'family' && l.status === 'active').other.id;
    await home.locator(`#help-post-for-${seniorId}`).click();
    await waitForRoute(page, '/packages/helping/pages/post/index');
    const post = currentPage(page);
    await post.locator('#help-cat-escort').click();
    await post.locator('[id^="help-slot-"]').first().click();
    await post.locator('#help-summary').waitFor();
    assert.match(await post.locator('#help-summary').innerText(), /陪诊/);
    await shot(page, 'helping-02-post-confirm');
    seniorBefore = (await api(page, 'GET', `/family/${seniorId}/points`)).body.balance;
    await post.locator('#help-confirm').click();
    await waitForRoute(page, '/packages/helping/pages/detail/index');
    const detail = currentPage(page);
    await detail.locator('#help-status', { hasText: '等待帮手' }).waitFor();
    requestId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
    assert.ok(requestId > 0);
    const r = (await api(page, 'GET', `/help-requests/${requestId}`)).body;
    assert.equal(r.category, 'escort');
    assert.equal(r.requester.id, seniorId);
    assert.equal(r.postedByFamily, true);
  });

  it('a verified neighbour sees only the rough place before the match and takes it', async () => {
    const { page } = volunteer;
    await signIn(page, VOLUNTEER);
    const me = (await api(page, 'PATCH', '/me', { homeComplexId: 1 })).body;
    // the complex's worker verifies the new resident (who then has the welcome balance)
    const worker = await launch();
    try {
      await signIn(worker.page, WORKER);
      assert.equal((await api(worker.page, 'POST', `/complexes/1/residents/${me.id}/verify`, {})).status, 200);
    } finally {
      await worker.close();
    }
    await goto(page, `/packages/helping/pages/detail/index?id=${requestId}`);
    const d = currentPage(page);
    await d.locator('#help-take').waitFor();
    assert.match(await d.locator('#help-place').innerText(), /大致位置/);
    await shot(page, 'helping-03-before-take');
    await d.locator('#help-take').click();
    await d.locator('#help-status', { hasText: '待确认' }).waitFor();
  });

  it('the senior (elder mode) confirms the helper and that it was done; the points move', async () => {
    const { page } = senior;
    await signIn(page, SENIOR);
    await goto(page, '/packages/helping/pages/mine/index');
    const mine = currentPage(page);
    await mine.locator('.xfh-page.xfh-elder').waitFor();
    await mine.locator(`#help-item-${requestId}`).click();
    await waitForRoute(page, '/packages/helping/pages/detail/index');
    const d = currentPage(page);
    await d.locator('#help-confirm-match').waitFor();
    await shot(page, 'helping-04-elder-confirm-match');
    await axeCheck(page, '求助详情（长辈模式）');
    await d.locator('#help-confirm-match').click();
    await d.locator('#help-status', { hasText: '已确认帮手' }).waitFor();
    assert.match(await d.locator('#help-contact').innerText(), /联系/);
    await d.locator('#help-done').click();
    await d.locator('#help-status', { hasText: '已完成' }).waitFor();
    const mePoints = (await api(page, 'GET', '/me/points')).body;
    assert.equal(mePoints.balance, seniorBefore - 10, 'the senior paid the 10 held points');
    assert.equal(mePoints.items[0].reason, 'help_paid');
    const helperPoints = (await api(volunteer.page, 'GET', '/me/points')).body;
    assert.equal(helperPoints.items[0].reason, 'help_earned');
    assert.equal(helperPoints.balance, 30, 'welcome 20 + 10 earned');

    await d.locator('#help-star-5').click();
    await d.locator('#help-rate-submit').click();
    await d.locator('#help-my-rating').waitFor();
    await shot(page, 'helping-05-elder-rated');
  });

  it('the helper rates the senior; the address is hidden again once closed', async () => {
    const { page } = volunteer;
    await goto(page, `/packages/helping/pages/detail/index?id=${requestId}`);
    const d = currentPage(page);
    await d.locator('#help-rate').waitFor();
    assert.match(await d.locator('#help-place').innerText(), /大致位置/);
    await d.locator('#help-star-4').click();
    await d.locator('#help-rate-submit').click();
    await d.locator('#help-my-rating').waitFor();
    await shot(page, 'helping-06-helper-rated');
    const r = (await api(page, 'GET', `/help-requests/${requestId}`)).body;
    assert.deepEqual(r.myRating, { stars: 4, comment: '' });
  });
});
