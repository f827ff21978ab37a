// Booking in WeChat, by taps: a resident books an activity from the 活动 tab and shows the booking
// code in 我的预约; a worker scans that code off the resident's screen (scanCode answers what
// the QR says) and the resident sees the points after reopening the app.
import { test, after, afterEach, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, createApp, devLogin, readQr } from '../app.mjs';

const app = createApp();
afterEach(() => assert.deepEqual(app.problems(), [], 'the app called something the shim does not know, or a page threw'));
after(() => app.close());

const RESIDENT = '13911112001';
const WORKER = '13900000002';
const TITLE = `微信端预约测试 ${Date.now() % 100000}`;
let activityId;
let bookingCode;

before(async () => {
  // The worker published an activity that starts in 10 minutes (check-in opens 30 minutes before).
  const w = await devLogin(WORKER);
  const me = await api('GET', '/me', { token: w.accessToken });
  const start = new Date(Date.now() + 10 * 60_000);
  const res = await api('POST', '/activities', {
    token: w.accessToken,
    body: { complexId: me.body.complexIds[0], title: TITLE, description: '测试用活动', category: '文体活动', location: '一楼活动室', startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString(), capacity: 10, pointsReward: 7, status: 'published' },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  activityId = res.body.id;
});

test('a resident books an activity from the 活动 tab; 我的预约 shows it with its code', async () => {
  await app.signInAs(RESIDENT);
  await app.launch('/pages/home/index');
  await app.waitFor('步行约');
  const list = await app.tapTab('活动');
  // a new resident gets the nearest complex (#15); the activity is at complex 1: one tap to change
  await list.find('离您最近的综合体');
  await list.tap('换一个综合体');
  await list.tap('#my-complex-option-1');
  await list.tap(TITLE);
  const detail = await app.waitForRoute('packages/booking/pages/detail/index');
  assert.equal(detail.query.id, String(activityId));
  await detail.tap('#book-button');
  await detail.find('#my-booking');
  assert.ok(app.calls('showToast').some((t) => /预约成功/.test(t.title)), 'told the booking worked');
  await detail.tap('查看预约码');
  const mine = await app.waitForRoute('packages/booking/pages/mine/index');
  await mine.find(TITLE);
  await mine.tap('出示预约码');
  await mine.find('到场后请出示给工作人员扫码签到');
  const [qr] = mine.imageSources();
  assert.match(qr ?? '', /^data:image\/png;base64,/);
  bookingCode = await readQr(qr).catch(async (err) => {
    // qrcode-reader misreads ~2 % of codes. Then the "camera" falls back to proving the screen
    // shows the code: the server's code for this booking, drawn the server's way, is the very
    // picture on screen.
    const token = app.wx.storage.get('xfh.tokens').accessToken;
    const mineRes = await api('GET', '/me/bookings?limit=20', { token });
    const b = mineRes.body.items.find((x) => x.activityId === activityId);
    const qrRes = await api('GET', `/bookings/${b.id}/qr`, { token });
    assert.equal(qrRes.body.dataUrl, qr, `the QR on screen is the booking's (decoder said: ${err.message})`);
    return qrRes.body.code;
  });
  assert.ok(bookingCode.length > 8, `a booking code in the QR (${bookingCode})`);
});

test('a worker scans the resident\'s booking code → checked in; the points show on the resident\'s side', async () => {
  assert.ok(bookingCode, 'needs the booking from the test before');
  // The worker's phone: another user, the app opened afresh at the roster (from the 工作台).
  await app.signInAs(WORKER);
  await app.relaunch('/packages/workbench/pages/index/index');
  await app.settle();
  app.navigate({ type: 'navigateTo', route: 'packages/workbench/pages/roster/index', query: { id: String(activityId) } });
  const roster = await app.waitForRoute('packages/workbench/pages/roster/index');
  await roster.find(TITLE);
  app.answer('scanCode', { result: bookingCode });
  await roster.tap('扫描居民预约码');
  assert.equal(app.calls('scanCode').length, 1);
  assert.ok(app.calls('showToast').some((t) => t.title === '签到成功'), 'the worker is told the check-in worked');
  await roster.find('已签到');

  // A cancelled scan does nothing and says nothing.
  const toasts = app.calls('showToast').length;
  app.answer('scanCode', { cancel: true });
  await roster.tap('扫描居民预约码');
  assert.equal(app.calls('showToast').length, toasts);

  // Back on the resident's phone.
  await app.signInAs(RESIDENT);
  await app.relaunch('/packages/points/pages/index/index');
  const points = await app.waitForRoute('packages/points/pages/index/index');
  await app.waitFor(() => /\d/.test(points.lookup('#points-balance')?.textContent ?? ''));
  assert.equal(points.lookup('#points-balance').textContent.trim(), '7');
  await points.find(/签到|参加活动|活动/);
});
