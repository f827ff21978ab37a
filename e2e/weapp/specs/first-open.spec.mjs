// First open in WeChat: nothing on the phone yet. The privacy notice comes first; agreeing on its
// open-type="agreePrivacyAuthorization" button signs in with wx.login (the code goes through the
// server to the stand-in's jscode2session) and lands on 首页, which then asks for the location
// (privacy-protected, now allowed) and lists the nearest complexes.
import { test, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILT_ORIGIN, createApp, standIn, TEMPLATES } from '../app.mjs';

const require = createRequire(import.meta.url);

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
  await app.settle();
  assert.ok(app.calls('request').some((r) => r.method === 'POST' && r.url.endsWith('/api/v1/me/privacy-consent')), 'the consent is recorded on the server');
  await app.waitFor('离您最近的综合体');
  await app.waitFor('步行约');
  assert.match(home.text(), /距您 [\d.]+ ?(米|公里|m|km) · 步行约 \d+ 分钟/);
});

test('the same WeChat user submits an opinion: subscribe prompt inside the tap, content check through the stand-in', async () => {
  await app.tapTab('民意');
  await app.page.tap('#opinion-submit-entry');
  const form = await app.waitForRoute('packages/roundtable/pages/submit/index');
  // no home complex yet: the form uses the nearest one and says so (#15)
  await form.find('离您最近的综合体');
  await form.input('#opinion-title', '小区门口路灯不亮');
  await form.input('#opinion-content', '东门口的两盏路灯坏了一周，晚上老人出门不方便，希望尽快修好。');
  // A photo from the album: a real JPEG in a temp file, as WeChat hands over wxfile:// paths.
  const photo = path.join(mkdtempSync(path.join(tmpdir(), 'xfh-weapp-')), 'lamp.jpg');
  await require('sharp')({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 180, b: 40 } } }).jpeg().toFile(photo);
  app.answer('chooseImage', { tempFilePaths: [photo] });
  await form.tap('添加照片');
  assert.deepEqual(form.imageSources(), [photo], 'the picked photo is shown before sending');
  const before = (await standIn.calls()).filter((c) => c.path === '/wxa/msg_sec_check').length;
  await form.tap('#opinion-send');
  const detail = await app.waitForRoute('packages/roundtable/pages/detail/index');
  await detail.find('小区门口路灯不亮');

  // WeChat's subscribe prompt, asked inside the tap with the server's template ids
  const asked = app.calls('requestSubscribeMessage');
  assert.equal(asked.length, 1);
  assert.ok(asked[0].tmplIds.includes(TEMPLATES.opinion), `asked for ${asked[0].tmplIds}`);
  assert.ok(app.calls('request').some((r) => r.method === 'POST' && r.url.endsWith('/api/v1/me/subscriptions')), 'accepted templates recorded on the server');
  const checks = (await standIn.calls()).filter((c) => c.path === '/wxa/msg_sec_check');
  assert.equal(checks.length, before + 1, 'the server asked WeChat msg_sec_check');
  assert.equal(checks.at(-1).body.content, '东门口的两盏路灯坏了一周，晚上老人出门不方便，希望尽快修好。');
  assert.ok(app.calls('showToast').some((t) => t.title === '提交成功'));
  const uploads = app.calls('uploadFile');
  assert.equal(uploads.length, 1);
  assert.match(uploads[0].url, /\/api\/v1\/opinions\/\d+\/photos$/);
  await app.waitFor(() => detail.imageSources().some((src) => src.startsWith(`${BUILT_ORIGIN}/`)));
});

test('a risky opinion is refused by the content check and the form says why', async () => {
  await standIn.set({ riskyWords: ['违禁词', '赌博', '麻将馆赌钱'] });
  app.answer('requestSubscribeMessage', { cancel: true });
  app.navigate({ type: 'navigateTo', route: 'packages/roundtable/pages/submit/index', query: {} });
  const form = await app.waitForRoute('packages/roundtable/pages/submit/index');
  await form.find('离您最近的综合体');
  await form.input('#opinion-title', '楼下有人开麻将馆');
  await form.input('#opinion-content', '楼下有人开麻将馆赌钱，每天吵到半夜。');
  await form.tap('#opinion-send');
  await app.waitFor('内容未通过安全检查，请修改后再提交');
  assert.equal(app.page.route, 'packages/roundtable/pages/submit/index', 'stays on the form');
  const checks = (await standIn.calls()).filter((c) => c.path === '/wxa/msg_sec_check');
  assert.ok(checks.at(-1).body.content.includes('麻将馆赌钱'));
});
