// Personal information, in a real browser (H5): a resident opens 我的 → 设置, downloads their
// 个人信息副本 (JSON and Excel), asks to delete the account, sees the cooling-off notice with its
// date, and cancels it. The screens are shot at 375 px in normal and elder mode.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, shot, signIn, waitForRoute } from '../lib.mjs';

const RESIDENT = '13812348021';

describe('privacy: 个人信息副本, 注销账号 with cooling-off, cancel (H5)', () => {
  let b;
  let me;

  before(async () => {
    b = await launch();
  });
  after(async () => {
    assert.deepEqual(b?.consoleErrors ?? [], [], 'no uncaught errors in the page');
    await b?.close();
  });

  it('downloads the copy of my data from 我的 → 设置', async () => {
    const page = b.page;
    await signIn(page, RESIDENT);
    me = (await api(page, 'GET', '/me')).body;
    // a clean start if an earlier run left a request behind
    await api(page, 'DELETE', '/me/deletion');
    await api(page, 'PATCH', '/me', { elderMode: false, nickname: '隐私测试居民' });
    await goto(page, '/pages/me/index');
    await currentPage(page).locator('#me-settings').click();
    await waitForRoute(page, '/packages/account/pages/settings/index');
    const s = currentPage(page);
    await s.locator('#settings-consents').waitFor();
    await s.locator('#settings-access-log').waitFor();
    await shot(page, 'privacy-00-settings');
    await axeCheck(page, '设置');

    const [json] = await Promise.all([page.waitForEvent('download'), s.locator('#export-json').click()]);
    assert.match(json.suggestedFilename(), /个人信息副本.*\.json$/);
    const data = JSON.parse(await readFile(await json.path(), 'utf8'));
    assert.equal(data.profile[0].id, me.id);
    assert.equal(data.profile[0].nickname, '隐私测试居民');
    assert.equal(data.profile[0].phone, RESIDENT);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), s.locator('#export-xlsx').click()]);
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
    const bytes = await readFile(await xlsx.path());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file');
  });

  it('asks to delete the account, sees the cooling-off notice, and cancels it', async () => {
    const page = b.page;
    await currentPage(page).locator('#settings-deletion').click();
    await waitForRoute(page, '/packages/account/pages/deletion/index');
    const d = currentPage(page);
    await d.locator('#deletion-removed').waitFor();
    await d.locator('#deletion-kept').waitFor();
    assert.match(await d.locator('#deletion-removed').innerText(), /手机号/);
    assert.match(await d.locator('#deletion-kept').innerText(), /积分流水/);
    await shot(page, 'privacy-01-deletion-explained');
    await axeCheck(page, '注销账号');
    await d.locator('#deletion-opinions-remove').click();
    await d.locator('#deletion-request').click();
    await page.locator('.taro-modal__content, .taro-model__confirm').first().waitFor();
    await page.locator('.taro-model__confirm').click();
    await d.locator('#deletion-pending').waitFor();
    const state = (await api(page, 'GET', '/me/deletion')).body;
    assert.equal(state.status, 'pending');
    assert.equal(state.opinions, 'remove');
    assert.ok(new Date(state.scheduledFor).getTime() - Date.now() > 6.9 * 86_400_000, 'seven days of cooling-off');
    assert.match(await d.locator('#deletion-date').innerText(), /将于 .+ 注销/);
    await page.waitForTimeout(400);
    await shot(page, 'privacy-02-cooling-off');

    // the same notice in elder mode, and on 设置
    assert.equal((await api(page, 'PATCH', '/me', { elderMode: true })).status, 200);
    await goto(page, '/packages/account/pages/settings/index');
    const s = currentPage(page);
    await s.locator('.xfh-page.xfh-elder').waitFor();
    await s.locator('#deletion-notice').waitFor();
    await shot(page, 'privacy-03-settings-elder');
    await s.locator('#deletion-notice').click();
    await waitForRoute(page, '/packages/account/pages/deletion/index');
    const d2 = currentPage(page);
    await d2.locator('#deletion-pending').waitFor();
    await shot(page, 'privacy-04-cooling-off-elder');
    await axeCheck(page, '注销账号（长辈模式）');

    await d2.locator('#deletion-cancel').click();
    await d2.locator('#deletion-removed').waitFor();
    assert.equal((await api(page, 'GET', '/me/deletion')).body.status, 'none');
    assert.equal((await api(page, 'GET', '/me')).body.deletionScheduledFor, null);
    await page.waitForTimeout(1600);
    await shot(page, 'privacy-05-deletion-elder');
    await api(page, 'PATCH', '/me', { elderMode: false });
  });
});
