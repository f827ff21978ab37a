// 一键养老 in a real browser: the demo senior (elder mode, home complex 1) asks for meal help from
// 首页 in at most three taps, the complex's worker accepts and dispatches it on the dispatch
// queue, and the senior sees the new status. Then the 10-minute circle as the browser shows it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, shot, signIn, waitForRoute } from '../lib.mjs';

const SENIOR = '13900000004';
const WORKER = '13900000002';

describe('一键养老 (H5)', () => {
  let senior;
  let worker;
  let requestId;

  before(async () => {
    senior = await launch();
    worker = await launch();
  });

  after(async () => {
    assert.deepEqual(senior?.consoleErrors ?? [], [], 'no uncaught errors in the senior’s page');
    assert.deepEqual(worker?.consoleErrors ?? [], [], 'no uncaught errors in the worker’s page');
    await senior?.close();
    await worker?.close();
  });

  it('lets the senior ask for meal help from 首页 in at most 3 taps, in elder mode', async (t) => {
    const { page } = senior;
    await signIn(page, SENIOR);
    await waitForRoute(page, '/pages/home/index');
    const home = currentPage(page);
    await home.locator('.xfh-page.xfh-elder').waitFor();
    await home.locator('#entry-elder').waitFor();

    let taps = 0;
    const tap = async (locator) => {
      await locator.click();
      taps++;
    };
    await tap(home.locator('#entry-elder'));
    await waitForRoute(page, '/packages/elder/pages/care/index');
    const care = currentPage(page);
    await care.locator('#care-kind-meal').waitFor();
    await shot(page, 'elder-01-care-buttons');
    await axeCheck(page, '一键养老');
    assert.equal(await care.locator('[id^="care-kind-"]').count(), 6, 'six big buttons');

    await tap(care.locator('#care-kind-meal'));
    const confirm = care.locator('#care-confirm');
    await confirm.waitFor();
    const text = await confirm.innerText();
    assert.match(text, /助餐/);
    assert.match(text, /文新街道阳光社区 3 幢 2 单元 301/, 'the saved address is shown before confirming');
    assert.match(text, /139\*{4}0004/, 'the phone is shown masked');
    await tap(care.locator('#care-confirm-button'));
    await care.locator('#care-done').waitFor();
    await shot(page, 'elder-02-care-submitted');

    t.diagnostic(`taps from 首页 to a submitted request: ${taps}`);
    assert.ok(taps <= 3, `${taps} taps ≤ 3`);
    const mine = await api(page, 'GET', '/me/care-requests');
    assert.equal(mine.status, 200);
    const meal = mine.body.items.find((r) => r.kind === 'meal' && r.status === 'submitted');
    assert.ok(meal, 'a submitted meal request exists');
    requestId = meal.id;
    await care.locator(`#care-${requestId}-status`, { hasText: '已提交' }).waitFor();
  });

  it('shows it on the worker’s dispatch queue, where it is accepted and dispatched', async () => {
    const { page } = worker;
    await signIn(page, WORKER);
    await waitForRoute(page, '/packages/workbench/pages/index/index');
    await currentPage(page).locator('#workbench-care').click();
    await waitForRoute(page, '/packages/workbench/pages/care/index');
    const queue = currentPage(page);
    const item = queue.locator(`#queue-${requestId}`);
    await item.waitFor();
    assert.match(await item.innerText(), /13900000004/, 'dispatching staff see the full phone to call back');
    await shot(page, 'elder-03-queue');
    await axeCheck(page, '派单队列');

    await queue.locator(`#queue-${requestId}-accept`).click();
    await queue.locator(`#queue-${requestId}-status`, { hasText: '已受理' }).waitFor();

    // the worker picks someone from the complex's staff list (Taro's H5 picker)
    await queue.locator(`#queue-${requestId}-assign`).click();
    await page.locator('.weui-picker__action', { hasText: '确定' }).last().click();
    await queue.locator(`#queue-${requestId}-status`, { hasText: '已派单' }).waitFor();
    await shot(page, 'elder-04-dispatched');
  });

  it('tells the senior the new status', async () => {
    const { page } = senior;
    await goto(page, `/packages/elder/pages/request/index?id=${requestId}`);
    const progress = currentPage(page);
    await progress.locator('#request-status', { hasText: '已派单' }).waitFor();
    const steps = await progress.locator('#request-timeline').innerText();
    assert.match(steps, /已提交[\s\S]*已受理[\s\S]*已派单/);
    await shot(page, 'elder-05-senior-sees-dispatched');
    await axeCheck(page, '服务进度');

    const notes = await api(page, 'GET', '/me/notifications');
    assert.ok(notes.body.items.some((n) => n.title === '助餐：已派单'), 'the senior was notified');

    await goto(page, '/packages/elder/pages/care/index');
    await currentPage(page).locator(`#care-${requestId}-status`, { hasText: '已派单' }).waitFor();
  });

  it('shows the 10-minute service circle as a list with distances and walking minutes', async () => {
    const { page } = senior;
    await goto(page, '/packages/map/pages/index/index');
    const map = currentPage(page);
    const first = map.locator('#map-list .xfh-map__row').first();
    await first.waitFor();
    assert.match(await first.innerText(), /步行约 \d+ 分钟/);
    const filter = map.locator('#map-filter-elderly');
    if (await filter.count()) {
      await filter.click();
      const rows = await map.locator('#map-list .xfh-map__row').allInnerTexts();
      assert.ok(rows.length > 0 && rows.every((r) => r.includes('助老空间')), 'the filter keeps one space type');
    }
    await shot(page, 'elder-06-service-circle');
    await axeCheck(page, '数字民生地图');
  });
});

describe('亲情代办 (H5)', () => {
  it('links a family member only with the code the senior’s own device shows, then acts for the senior visibly', async () => {
    const senior = await launch();
    const family = await launch();
    try {
      await signIn(senior.page, SENIOR);
      // a new account: the seeded 小李 (13900000005) is already linked to 张阿姨 by the demo data
      await signIn(family.page, '13700000005');

      // the family member asks
      await goto(family.page, '/packages/elder/pages/family/index');
      let fam = currentPage(family.page);
      await fam.locator('#family-phone input').fill(SENIOR);
      await fam.locator('#family-relation-2').click(); // 儿子
      await fam.locator('#family-ask').click();
      await fam.locator('#family-sent').waitFor();
      await fam.locator('#family-code-input').scrollIntoViewIfNeeded();
      await shot(family.page, 'elder-06-family-ask');
      // the family member sees nothing of the senior yet; the senior sees the request
      assert.deepEqual((await api(family.page, 'GET', '/family/links')).body.items, [], 'nothing about the senior before consent');
      let link;
      for (let i = 0; i < 50 && !link; i++) {
        const res = await api(senior.page, 'GET', '/family/links');
        link = res.body?.items?.find((l) => l.as === 'senior' && l.status === 'pending');
        if (!link) await new Promise((r) => setTimeout(r, 300));
      }
      assert.ok(link, 'the senior sees the pending request');
      const linkId = link.id;
      assert.equal((await api(family.page, 'GET', `/family/${link.seniorId}/points`)).status, 404, 'not linked yet: nothing to see');

      // the senior agrees on their own device, which shows the code
      await goto(senior.page, '/packages/elder/pages/family/index');
      const mine = currentPage(senior.page);
      await mine.locator(`#link-${linkId}-agree`).click();
      const code = (await mine.locator('.xfh-family__digits').innerText()).trim();
      assert.match(code, /^\d{6}$/);
      await shot(senior.page, 'elder-07-family-code');
      await mine.locator('#family-relation').scrollIntoViewIfNeeded();
      await shot(senior.page, 'elder-07b-family-ask-elder-mode');
      await axeCheck(senior.page, '亲情代办 (senior)');

      // the family member enters it, then asks for a home visit for the senior
      fam = currentPage(family.page);
      await fam.locator('#family-code-input input').fill(code);
      await fam.locator('#family-link').click();
      await fam.locator(`#senior-${linkId}-care`).click();
      await waitForRoute(family.page, '/packages/elder/pages/care/index');
      const care = currentPage(family.page);
      await care.getByText('为张阿姨申请服务').waitFor();
      await care.locator('#care-kind-visit').click();
      await care.locator('#care-confirm-button').click();
      await care.locator('#care-done').waitFor();
      assert.equal((await api(family.page, 'GET', `/family/${link.seniorId}/points`)).status, 200, 'linked: the senior’s points are visible');

      // …and books an activity for the senior from 长辈的积分和申请 → 替TA预约活动
      await goto(family.page, `/packages/elder/pages/senior/index?id=${link.seniorId}`);
      await currentPage(family.page).locator('#book-for-senior').click();
      await waitForRoute(family.page, '/packages/elder/pages/book/index');
      const bookPage = currentPage(family.page);
      const first = bookPage.locator('#activities-for-senior [id^="book-for-"]').first();
      await first.waitFor();
      const activityId = Number((await first.getAttribute('id')).replace('book-for-', ''));
      await first.click();
      await family.page.getByText('确定预约', { exact: true }).click();
      await bookPage.locator('#senior-bookings', { hasText: '代约' }).waitFor();
      await shot(family.page, 'elder-08a-book-for-senior');
      await axeCheck(family.page, '替TA预约活动');
      const seniorsOwn = await api(senior.page, 'GET', '/me/bookings');
      assert.ok(
        seniorsOwn.body.items.some((b) => b.activityId === activityId && b.bookedByName),
        'the booking is the senior’s, marked as made by family',
      );

      // the senior sees it as a proxy action
      await goto(senior.page, '/packages/elder/pages/proxy/index');
      await currentPage(senior.page).locator('#proxy-actions', { hasText: '代为申请上门探访' }).waitFor();
      await currentPage(senior.page).locator('#proxy-actions', { hasText: '代为预约' }).waitFor();
      await shot(senior.page, 'elder-08-proxy-actions');
      await axeCheck(senior.page, '家人代办记录');
      assert.deepEqual([...senior.consoleErrors, ...family.consoleErrors], []);
    } finally {
      await senior.close();
      await family.close();
    }
  });
});
