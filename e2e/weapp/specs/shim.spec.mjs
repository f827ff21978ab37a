// The shim itself must be able to fail the app: these check that it answers like WeChat where
// WeChat is strict (so the journeys' passes mean something).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { API_URL, WEAPP_DIR } from '../app.mjs';
import { createWx, lockDown } from '../wx.mjs';

const navs = [];
const make = () => {
  const shim = createWx({ weappDir: WEAPP_DIR, router: (n) => (navs.push(n), {}) });
  const wx = lockDown({ ...shim.impl, uploadFile: shim.impl.uploadFile, getBLEDeviceRSSI() {}, getSystemInfoSync: () => ({ platform: 'devtools' }) }, shim);
  return { shim, wx };
};
const call = (wx, api, opts = {}) => new Promise((resolve) => wx[api]({ ...opts, success: (r) => resolve({ ok: r }), fail: (e) => resolve({ fail: e }) }));

test('an API the shim does not implement throws, naming it, and is recorded', () => {
  const { shim, wx } = make();
  assert.throws(() => wx.getBLEDeviceRSSI({}), /wx\.getBLEDeviceRSSI is not in the test shim/);
  assert.deepEqual(shim.state.unknown.map((u) => u.api), ['getBLEDeviceRSSI']);
  assert.equal(typeof wx.getSystemInfoSync(), 'object', 'device facts answer');
});

test('wx.request succeeds for a 401 with statusCode and the server envelope', async () => {
  const { wx } = make();
  const r = await call(wx, 'request', { url: `${API_URL}/api/v1/me`, method: 'GET' });
  assert.equal(r.ok.statusCode, 401);
  assert.equal(r.ok.data.error.code, 'unauthorized');
  assert.equal(r.ok.errMsg, 'request:ok');
  const down = await call(wx, 'request', { url: 'http://127.0.0.1:1/x' });
  assert.match(down.fail.errMsg, /^request:fail /);
});

test('requestSubscribeMessage outside a tap fails like WeChat; inside, ids are accepted', async () => {
  const { shim, wx } = make();
  const outside = await call(wx, 'requestSubscribeMessage', { tmplIds: ['t1'] });
  assert.equal(outside.fail.errCode, 20004);
  shim.state.inTap = true;
  const inside = await call(wx, 'requestSubscribeMessage', { tmplIds: ['t1'] });
  const empty = await call(wx, 'requestSubscribeMessage', { tmplIds: [] });
  shim.state.inTap = false;
  assert.equal(inside.ok.t1, 'accept');
  assert.equal(empty.fail.errCode, 10001);
});

test('privacy-protected calls wait for consent; disagree fails them; agree needs the tapped button', async () => {
  const { shim, wx } = make();
  assert.throws(() => wx.getLocation({}), /needs privacy consent/);
  let resolve;
  wx.onNeedPrivacyAuthorization((r) => (resolve = r));
  const denied = call(wx, 'getLocation', {});
  resolve({ event: 'disagree' });
  assert.equal((await denied).fail.errno, 104);
  const forged = call(wx, 'getLocation', {});
  resolve({ event: 'agree', buttonId: 'never-tapped' });
  assert.equal((await forged).fail.errno, 104);
  assert.ok(shim.state.unknown.some((u) => /without a tap/.test(u.reason)));
  const ok = call(wx, 'getLocation', {});
  shim.agreeByButton('agree-privacy');
  resolve({ event: 'agree', buttonId: 'agree-privacy' });
  assert.equal(typeof (await ok).ok.latitude, 'number');
});

test('navigation is checked against app.json; scanCode without a queued answer fails the test', async () => {
  const { shim, wx } = make();
  assert.match((await call(wx, 'navigateTo', { url: '/pages/home/index' })).fail.errMsg, /can not navigateTo a tabbar page/);
  assert.match((await call(wx, 'navigateTo', { url: '/packages/nope/pages/x/index' })).fail.errMsg, /is not found/);
  assert.match((await call(wx, 'switchTab', { url: '/packages/booking/pages/mine/index' })).fail.errMsg, /no-tabBar/);
  assert.ok((await call(wx, 'navigateTo', { url: '/packages/booking/pages/mine/index?x=1' })).ok);
  assert.deepEqual(navs.at(-1), { type: 'navigateTo', route: 'packages/booking/pages/mine/index', query: { x: '1' } });
  assert.throws(() => wx.scanCode({}), /queued no answer/);
  assert.ok(shim.state.unknown.length > 0);
  assert.ok(path.isAbsolute(WEAPP_DIR));
});
