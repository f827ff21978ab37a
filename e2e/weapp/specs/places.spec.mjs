// A resident standing at 文新街道阳光社区民生综合体 in WeChat: 首页 lists it first, its page calls
// the hotline with wx.makePhoneCall (answered and cancelled), and 民生地图 draws WeChat's <map>
// with one marker per space inside the 10-minute circle; tapping a marker shows the walk.
import { test, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createApp, WEAPP_DIR } from '../app.mjs';

const app = createApp();
afterEach(() => assert.deepEqual(app.problems(), [], 'the app called something the shim does not know, or a page threw'));
after(() => app.close());

test('nearest complex first; its hotline goes through wx.makePhoneCall', async () => {
  app.wx.location = { latitude: 30.29118, longitude: 120.11523 };
  await app.signInAs('13911112003');
  await app.launch('/pages/home/index');
  const home = await app.waitForRoute('pages/home/index');
  await app.waitFor('步行约');
  const first = (await home.find('#complex-list')).textContent;
  assert.match(first, /^文新街道阳光社区民生综合体/, 'the complex the user stands at comes first');
  await home.tap('文新街道阳光社区民生综合体');
  const complex = await app.waitForRoute('packages/places/pages/complex/index');
  await complex.tap(/拨打.*0571-88001001/);
  assert.deepEqual(app.calls('makePhoneCall').map((c) => c.phoneNumber), ['057188001001']);
  app.answer('makePhoneCall', { cancel: true });
  await complex.tap(/拨打.*0571-88001001/);
  assert.equal(app.calls('makePhoneCall').length, 2, 'a cancelled call is just a cancelled call');
});

test('民生地图 draws the map with markers inside the 10-minute circle', async () => {
  app.navigate({ type: 'reLaunch', route: 'pages/home/index', query: {} });
  const home = await app.waitForRoute('pages/home/index');
  await home.tap('#entry-map');
  const map = await app.waitForRoute('packages/map/pages/index/index');
  const props = await map.props('#service-map');
  assert.ok(props.markers.length > 0, 'markers for the spaces around');
  for (const m of props.markers) assert.ok(existsSync(path.join(WEAPP_DIR, m.iconPath)), `marker icon ${m.iconPath} is a file in the package`);
  assert.equal(props.circles[0].radius, 800);
  assert.equal(Number(props.latitude), 30.29118);
  await map.trigger('#service-map', 'markertap', { markerId: 0 });
  await map.find('步行约');
});

test('the request wrapper maps WeChat answers itself: 404 shows the server\'s message, 401 refreshes once', async () => {
  // wx.request succeeds for a 404: the page must show the server's Chinese message, not data.
  app.navigate({ type: 'reLaunch', route: 'packages/booking/pages/detail/index', query: { id: '999999' } });
  const missing = await app.waitForRoute('packages/booking/pages/detail/index');
  await missing.find('活动不存在');
  assert.ok(app.calls('showToast').some((t) => t.title === '活动不存在'));

  // An access token the server no longer accepts, with a good refresh token: one refresh, then on.
  const tokens = app.wx.storage.get('xfh.tokens');
  app.wx.storage.set('xfh.tokens', { ...tokens, accessToken: `${tokens.accessToken}x` });
  const before = app.calls('request').length;
  await app.relaunch('/pages/me/index');
  await app.waitForRoute('pages/me/index');
  await app.waitFor('139****2003');
  const sent = app.calls('request').slice(before).map((r) => r.url.replace(/^https?:\/\/[^/]+/, ''));
  assert.equal(sent.filter((u) => u === '/api/v1/auth/refresh').length, 1, `one refresh: ${sent.join(' ')}`);
  assert.notEqual(app.wx.storage.get('xfh.tokens').accessToken, `${tokens.accessToken}x`, 'the new pair is stored');
});
