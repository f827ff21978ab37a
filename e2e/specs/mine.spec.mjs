// 我的, 消息 and 搜索, in a real browser:
//   1. a waitlisted resident gets a seat when someone cancels: the 我的 tab and its 消息 shortcut
//      show the unread badge, the message names the cancel deadline, opening it reads it;
//   2. 编辑资料: a preset avatar, nickname, birth date (which offers elder mode) and address;
//   3. 搜索 from 首页 finds a complex and opens it; nothing found has one way on;
//   4. 设置 shows elder mode, the reminders and the privacy notice.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, settle, shot, signIn, waitForRoute } from '../lib.mjs';

const RESIDENT = '13812348101';
const OTHER = '13812348102';
const WORKER = '13900000002'; // seeded worker of complex 1

const confirmPicker = async (page) => {
  const ok = page.locator('.weui-picker__action', { hasText: '确定' }).last();
  await ok.click();
  await ok.waitFor({ state: 'hidden' });
};

describe('我的, 消息 and 搜索 (H5)', () => {
  let me;
  let other;
  let worker;
  let activityId;

  before(async () => {
    [me, other, worker] = [await launch(), await launch(), await launch()];
  });
  after(async () => {
    assert.deepEqual(me?.consoleErrors ?? [], [], 'no uncaught errors on the resident page');
    await me?.close();
    await other?.close();
    await worker?.close();
  });

  it('a waitlist promotion shows as unread on the 我的 tab and in 消息, with the cancel deadline', async () => {
    await signIn(worker.page, WORKER);
    const start = Date.now() + 3 * 86_400_000;
    const a = await api(worker.page, 'POST', '/activities', {
      complexId: 1,
      title: '书法体验课',
      category: '文体活动',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 3_600_000).toISOString(),
      capacity: 1,
      waitlistCapacity: 2,
    });
    assert.equal(a.status, 201);
    activityId = a.body.id;
    await signIn(other.page, OTHER);
    const taken = await api(other.page, 'POST', `/activities/${activityId}/bookings`);
    assert.equal(taken.status, 201);

    const page = me.page;
    await signIn(page, RESIDENT);
    const mine = await api(page, 'POST', `/activities/${activityId}/bookings`);
    assert.equal(mine.body.status, 'waitlisted');
    assert.equal((await api(page, 'POST', '/me/notifications/read-all')).status, 200);
    assert.equal((await api(other.page, 'POST', `/bookings/${taken.body.id}/cancel`)).status, 200);

    await goto(page, '/pages/me/index');
    const tab = currentPage(page);
    await tab.locator('#me-unread-badge', { hasText: '1' }).waitFor();
    // the tab bar badge on 我的 (the fourth tab)
    await page.locator('.weui-tabbar__item').nth(3).locator('.weui-badge', { hasText: '1' }).waitFor();
    // the tab bar icons are the generated PNGs (scripts/icons.mjs)
    const icons = await page.locator('.weui-tabbar__item img').evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''));
    assert.equal(icons.length, 4, 'four tab bar icons');
    for (const id of ['me-bookings', 'me-opinions', 'me-volunteer', 'me-points', 'me-family', 'me-messages', 'me-settings', 'me-privacy', 'me-search']) {
      assert.equal(await tab.locator(`#${id}`).count(), 1, `${id} on 我的`);
    }
    await shot(page, 'mine-01-me-normal');
    await axeCheck(page, '我的');

    await tab.locator('#me-messages').click();
    await waitForRoute(page, '/packages/me/pages/messages/index');
    const inbox = currentPage(page);
    const msg = inbox.locator('.xfh-messages__item--unread', { hasText: '候补成功：「书法体验课」' });
    await msg.waitFor();
    assert.match(await msg.innerText(), /不能参加请在 \d{4}年\d+月\d+日 \d\d:\d\d 前取消/);
    await shot(page, 'mine-02-messages-normal');
    await axeCheck(page, '消息');
    await msg.click();
    await waitForRoute(page, `/packages/booking/pages/detail/index?id=${activityId}`);
    assert.equal((await api(page, 'GET', '/me/notifications?limit=1')).body.unreadCount, 0);
    await goto(page, '/pages/me/index');
    await currentPage(page).locator('#me-profile').waitFor();
    await settle(page, 800);
    assert.equal(await currentPage(page).locator('#me-unread-badge').count(), 0, 'the badge goes once read');
    assert.equal(await page.locator('.weui-tabbar__item').nth(3).locator('.weui-badge:visible').count(), 0);
  });

  it('编辑资料 saves a preset avatar, nickname, birth date and address; a birth date over 60 offers elder mode', async () => {
    const page = me.page;
    await goto(page, '/pages/me/index');
    await currentPage(page).locator('#me-profile').click();
    await waitForRoute(page, '/packages/me/pages/profile/index');
    const form = currentPage(page);
    await form.locator('#avatar-sun').click();
    await form.locator('#profile-nickname input').fill('李阿姨');
    await form.locator('#profile-address input').fill('文三路 90 号 3 幢');
    await form.locator('#profile-birth-date').click();
    await confirmPicker(page); // the picker opens on 1960-01-01
    await form.locator('#profile-birth-date', { hasText: '1960-01-01' }).waitFor();
    await shot(page, 'mine-03-profile-normal');
    await axeCheck(page, '我的资料');
    await form.locator('#profile-save').click();
    await page.locator('.taro-modal__content', { hasText: '开启长辈模式？' }).waitFor();
    await page.locator('.taro-model__confirm').click();
    await waitForRoute(page, '/pages/me/index');
    const tab = currentPage(page);
    await tab.locator('.xfh-page.xfh-elder').waitFor();
    await tab.locator('#me-nickname', { hasText: '李阿姨' }).waitFor();
    assert.match(await tab.locator('#me-details').innerText(), /^\d{2} 岁 · 文三路 90 号 3 幢$/);
    const body = (await api(page, 'GET', '/me')).body;
    assert.deepEqual([body.avatar, body.birthDate, body.address, body.elderMode], ['sun', '1960-01-01', '文三路 90 号 3 幢', true]);
    await shot(page, 'mine-04-me-elder');
    await axeCheck(page, '我的（长辈模式）');
    await tab.locator('#me-profile').click();
    await waitForRoute(page, '/packages/me/pages/profile/index');
    await shot(page, 'mine-05-profile-elder');
  });

  it('搜索 from 首页 finds a complex and opens it; nothing found offers to start again', async () => {
    const page = me.page;
    await goto(page, '/pages/home/index');
    await currentPage(page).locator('#home-search').click();
    await waitForRoute(page, '/packages/search/pages/index/index');
    const s = currentPage(page);
    await s.locator('#search-input input').fill('阳光社区');
    await s.locator('#search-submit').click();
    await s.locator('#search-group-complex #hit-complex-1').waitFor();
    await shot(page, 'mine-06-search-elder');
    await axeCheck(page, '搜索');
    await s.locator('#search-input input').fill('书法体验');
    await s.locator('#search-submit').click();
    await s.locator(`#hit-activity-${activityId}`).waitFor();
    await s.locator('#search-input input').fill('没有这种东西');
    await s.locator('#search-submit').click();
    await s.locator('.xfh-status', { hasText: '没有找到与「没有这种东西」有关的内容' }).waitFor();
    await s.locator('#empty-action').click();
    await s.locator('.xfh-search__hints').waitFor();
    await s.locator('#search-input input').fill('阳光社区');
    await s.locator('#search-submit').click();
    await s.locator('#hit-complex-1').click();
    await waitForRoute(page, '/packages/places/pages/complex/index?id=1');

    assert.equal((await api(page, 'PATCH', '/me', { elderMode: false })).status, 200);
    await goto(page, '/packages/search/pages/index/index?q=%E5%81%A5%E8%BA%AB%E6%88%BF');
    await currentPage(page).locator('#search-group-space').waitFor();
    await shot(page, 'mine-07-search-normal');
  });

  it('设置 has elder mode, the reminders and the privacy notice', async () => {
    const page = me.page;
    await goto(page, '/packages/account/pages/settings/index');
    const s = currentPage(page);
    await s.locator('#elder-mode-switch').waitFor();
    await s.locator('#settings-reminders', { hasText: '前一天、前一小时提醒' }).waitFor();
    await shot(page, 'mine-08-settings-normal');
    await axeCheck(page, '设置');
    await s.locator('#settings-privacy').click();
    await waitForRoute(page, '/packages/auth/pages/privacy/index');
  });
});
