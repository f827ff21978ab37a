// 数智平台 in a real browser: the district admin opens the cockpit from 工作台, drills into a street
// and a complex, downloads the 考核 workbook and looks at the wall-screen layout; a worker sees
// opinionsToAccept go up on 工作台 after a resident submits an opinion.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, currentPage, goto, launch, settle, shot, signIn, waitForRoute } from '../lib.mjs';

const ADMIN = '13900000001';
const WORKER = '13900000002'; // complex 1
const RESIDENT = '13812347001';

describe('数智平台 cockpit and 工作台 to-do badges (H5)', () => {
  let admin;
  let worker;
  let resident;

  before(async () => {
    admin = await launch();
    worker = await launch();
    resident = await launch();
  });
  after(async () => {
    for (const s of [admin, worker, resident]) assert.deepEqual(s?.consoleErrors ?? [], [], 'no uncaught errors');
    await admin?.close();
    await worker?.close();
    await resident?.close();
  });

  it('the district admin opens the cockpit, drills district → street → complex and exports', async () => {
    const page = admin.page;
    await signIn(page, ADMIN);
    await goto(page, '/packages/workbench/pages/index/index');
    await currentPage(page).locator('#open-dashboard').click();
    await waitForRoute(page, '/packages/dashboard/pages/index/index');
    const c = () => currentPage(page);
    await c().locator('#dash-index-value').waitFor();
    assert.equal((await c().locator('#dash-name').innerText()).trim(), '西湖区');
    assert.equal(await c().locator('#dash-terms .xfh-dash__term').count(), 7, 'every index term is shown');
    await c().locator('#dash-trend-chart canvas, canvas#dash-trend-chart').first().waitFor();
    await settle(page, 800);
    await shot(page, 'dashboard-00-district');

    const street = c().locator('[id^="dash-child-street-"]').first();
    const streetName = (await street.locator('text >> nth=1').innerText().catch(() => '')) || '';
    await street.click();
    await page.waitForFunction(() => !!document.querySelector('.taro_page:last-child #dash-children [id^="dash-child-complex-"]'), null, { timeout: 15000 }).catch(() => undefined);
    await c().locator('[id^="dash-child-complex-"]').first().waitFor();
    assert.notEqual((await c().locator('#dash-name').innerText()).trim(), '西湖区', `drilled into a street ${streetName}`);
    await shot(page, 'dashboard-01-street');
    await c().locator('[id^="dash-child-complex-"]').first().click();
    await page.waitForFunction(() => document.querySelectorAll('.taro_page:last-child [id^="dash-child-"]').length === 0, null, { timeout: 15000 }).catch(() => undefined);
    await c().locator('#dash-up').waitFor();
    await c().locator('#dash-index-value').waitFor();
    assert.equal(await c().locator('[id^="dash-child-"]').count(), 0, 'a complex has no children');
    await shot(page, 'dashboard-02-complex');

    const download = page.waitForEvent('download');
    await c().locator('#dash-export').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^考核-.*\.xlsx$/);

    // the wall screen
    await page.setViewportSize({ width: 1920, height: 1080 });
    await c().locator('#dash-up').click();
    await c().locator('#dash-up').click();
    await c().locator('[id^="dash-child-street-"]').first().waitFor();
    await settle(page, 800);
    await shot(page, 'dashboard-03-wall-1920');

    // elder mode on a phone: the same cockpit in big text
    await page.setViewportSize({ width: 375, height: 740 });
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: true })).status, 200);
    await goto(page, '/packages/dashboard/pages/index/index');
    await currentPage(page).locator('.xfh-page.xfh-elder #dash-index-value').waitFor();
    await settle(page, 800);
    await shot(page, 'dashboard-05-district-elder');
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: false })).status, 200);

    // the weights screen (district admins): every term, summing to 100 %
    await goto(page, '/packages/dashboard/pages/weights/index');
    const w = currentPage(page);
    await w.locator('#weights-total').waitFor();
    assert.match((await w.locator('#weights-total').innerText()).trim(), /^合计 100%$/);
    assert.equal(await w.locator('.xfh-weights__item').count(), 7);
    await shot(page, 'dashboard-06-weights');
  });

  it('a worker sees opinionsToAccept go up after a resident submits an opinion', async () => {
    const page = worker.page;
    await signIn(page, WORKER);
    await goto(page, '/packages/workbench/pages/index/index');
    const count = currentPage(page).locator('#todo-opinionsToAccept-count');
    await count.waitFor();
    const before = Number((await count.innerText()).trim());
    await shot(page, 'dashboard-04-workbench-todo');

    await signIn(resident.page, RESIDENT);
    const r = await api(resident.page, 'POST', '/opinions', { complexId: 1, category: '环境卫生', title: '垃圾投放点', content: '北门垃圾投放点需要每天清洗。' });
    assert.equal(r.status, 201, JSON.stringify(r.body));

    await goto(page, '/packages/workbench/pages/index/index');
    const after = currentPage(page).locator('#todo-opinionsToAccept-count');
    await after.waitFor();
    await page.waitForFunction((b) => Number(document.querySelector('.taro_page:last-child #todo-opinionsToAccept-count')?.textContent) === b + 1, before, { timeout: 15000 });
    assert.equal(Number((await after.innerText()).trim()), before + 1);
    await after.click();
    await waitForRoute(page, '/packages/opiniondesk/pages/inbox/index');
  });
});
