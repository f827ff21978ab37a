// Booking in a real browser: a resident finds an activity on the 活动 tab, books it and sees it
// (with its booking QR code) in 我的预约; the complex's worker signs in and sees them on the roster
// with the rotating check-in code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, shot, signIn, waitForRoute } from '../lib.mjs';

const WORKER = '13900000002';
const TITLE = '太极拳入门';
const phone = `137${String(Date.now()).slice(-8)}`;
const nickname = `居民${phone.slice(-4)}`;

describe('booking (H5)', () => {
  let resident;
  let worker;
  let activityId;

  before(async () => {
    resident = await launch();
    worker = await launch();
  });

  after(async () => {
    assert.deepEqual(resident?.consoleErrors ?? [], [], 'no uncaught errors on the resident page');
    assert.deepEqual(worker?.consoleErrors ?? [], [], 'no uncaught errors on the worker page');
    await resident?.close();
    await worker?.close();
  });

  it('a resident books an activity from the 活动 tab', async () => {
    const { page } = resident;
    await signIn(page, phone);
    await goto(page, '/pages/activities/index');
    const list = currentPage(page);
    const card = list.locator('#activity-list [id^="activity-"]', { hasText: TITLE }).first();
    await card.waitFor();
    assert.match(await card.innerText(), /适合老年人/);
    await shot(page, 'booking-01-list');
    await axeCheck(page, 'activity list');

    // the elder-friendly filter (behind the one 筛选 control) keeps it
    await list.locator('#activity-filter-toggle').click();
    await list.locator('#activity-filters').getByText('适合老年人', { exact: true }).click();
    await list.locator('#activity-filter-done').click();
    await card.waitFor();

    await card.click();
    await waitForRoute(page, '/packages/booking/pages/detail/index');
    const detail = currentPage(page);
    await detail.locator('#activity-title', { hasText: TITLE }).waitFor();
    activityId = Number(new URL(page.url().replace('#', '')).searchParams.get('id'));
    const before = await api(page, 'GET', `/activities/${activityId}`);
    assert.equal(before.body.myBooking, null);
    await axeCheck(page, 'activity detail');
    await detail.locator('#book-button').click();
    await detail.locator('#my-booking', { hasText: '已预约' }).waitFor();
    await shot(page, 'booking-02-booked');

    const after = await api(page, 'GET', `/activities/${activityId}`);
    assert.equal(after.body.myBooking.status, 'booked');
    assert.equal(after.body.bookedCount, before.body.bookedCount + 1);
  });

  it('shows it in 我的预约 with a booking QR code', async () => {
    const { page } = resident;
    await currentPage(page).getByText('查看预约码').click();
    await waitForRoute(page, '/packages/booking/pages/mine/index');
    const mine = currentPage(page);
    const item = mine.locator('#my-activity-bookings .xfh-mine__item', { hasText: TITLE }).first();
    await item.waitFor();
    assert.match(await item.innerText(), /已预约/);
    await item.getByText('出示预约码').click();
    const img = item.locator('.xfh-mine__qr-img img, img.xfh-mine__qr-img, .xfh-mine__qr-img').first();
    await img.waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('img')].some((i) => i.src.startsWith('data:image/png') && i.naturalWidth > 0));
    await shot(page, 'booking-03-mine');
    await axeCheck(page, 'my bookings');
  });

  it('the worker sees the resident on the roster, with the rotating check-in code', async () => {
    const { page } = worker;
    await signIn(page, WORKER);
    await waitForRoute(page, '/packages/workbench/pages/index/index');
    await currentPage(page).locator('#workbench-activities').click();
    await waitForRoute(page, '/packages/workbench/pages/activities/index');
    const manage = currentPage(page);
    await manage.locator(`#managed-activities #activity-${activityId}`).click();
    await waitForRoute(page, '/packages/workbench/pages/roster/index');
    const roster = currentPage(page);
    const row = roster.locator('#roster-list .xfh-roster__item', { hasText: nickname });
    await row.waitFor();
    assert.match(await row.innerText(), /已预约/);
    assert.match(await row.innerText(), /\d{3}\*{4}\d{4}/, 'phone numbers stay masked');
    await roster.getByText('出示现场签到码').click();
    await roster.locator('#checkin-qr').waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('#checkin-qr img')].some((i) => i.src.startsWith('data:image/png')));
    await shot(page, 'booking-04-roster');
    await axeCheck(page, 'roster');
  });
});
