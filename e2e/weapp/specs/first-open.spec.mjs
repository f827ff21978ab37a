// First open in WeChat: nothing on the phone yet. The privacy notice comes first; agreeing on its
// open-type="agreePrivacyAuthorization" button signs in with wx.login (the code goes through the
// server to the stand-in's jscode2session) and lands on 首页, which then asks for the location
// (privacy-protected, now allowed) and lists the nearest complexes.
import { test, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createApp, standIn } from '../app.mjs';

const app = createApp();
afterEach(() => assert.deepEqual(app.problems(), [], 'the app called something the shim does not know, or a page threw'));
after(() => app.close());

test('first open: privacy notice → agree → wx.login → 首页 with the nearest complexes', async () => {
  await app.launch('/pages/home/index');
  const privacy = await app.waitForRoute('packages/auth/pages/privacy/index');
  assert.equal(app.stack.length, 1, `one privacy notice, not ${app.stack.map((p) => p.route).join(' > ')}`);
  await privacy.find('幸福荟隐私保护指引');
  assert.equal(app.calls('getLocation').length, 0, 'no privacy-protected call before consent');

  await privacy.tap('#agree-privacy');
  const home = await app.waitForRoute('pages/home/index');
  assert.equal(app.calls('login').length, 1);
  const exchanged = (await standIn.calls()).filter((c) => c.path === '/sns/jscode2session');
  assert.ok(exchanged.some((c) => c.query.js_code && c.query.js_code.startsWith('weapp')), 'the server exchanged the wx.login code at jscode2session');
  const tokens = app.wx.storage.get('xfh.tokens');
  assert.ok(tokens?.accessToken, 'tokens kept in storage');
  assert.equal(app.calls('getLocation').length, 1, 'home asked for the location after consent');
  await app.waitFor('离您最近的综合体');
  await app.waitFor('步行约');
  assert.match(home.text(), /距您 [\d.]+ ?(米|公里|m|km) · 步行约 \d+ 分钟/);
});
