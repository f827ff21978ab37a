// 张阿姨 (74, elder mode on) in WeChat: 首页 → 一键养老 → 助餐 → 确认申请, at most 3 taps; the
// request is then on the worker's dispatch queue (checked through the API).
import { test, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { api, createApp, devLogin } from '../app.mjs';

const app = createApp();
afterEach(() => assert.deepEqual(app.problems(), [], 'the app called something the shim does not know, or a page threw'));
after(() => app.close());

test('张阿姨 asks for meal help in elder mode in at most 3 taps; it reaches the worker\'s queue', async () => {
  await app.signInAs('13900000004');
  await app.launch('/pages/home/index');
  const home = await app.waitForRoute('pages/home/index');
  await home.find('#entry-elder');
  assert.match(home.dom.innerHTML, /xfh-page[^"]*xfh-elder|xfh-elder[^"]*xfh-page/, 'elder mode on 首页');
  app.taps = 0;

  await home.tap('#entry-elder');
  const care = await app.waitForRoute('packages/elder/pages/care/index');
  assert.match(care.dom.innerHTML, /xfh-elder/, 'elder mode on 一键养老');
  await care.tap('#care-kind-meal');
  await care.find('确认申请「助餐」？');
  await care.tap('#care-confirm-button');
  await care.find('#care-done');
  await care.find('助餐已提交');
  assert.ok(app.taps <= 3, `${app.taps} taps ≤ 3`);

  const mine = app.calls('request').filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/care-requests'));
  assert.equal(mine.length, 1, 'one request sent');
  const w = await devLogin('13900000002');
  const queue = await api('GET', '/care/queue', { token: w.accessToken });
  assert.equal(queue.status, 200, JSON.stringify(queue.body));
  const items = queue.body.items ?? queue.body;
  assert.ok(items.some((r) => r.kind === 'meal' && r.status === 'submitted' && /张/.test(JSON.stringify(r))), `张阿姨's meal request is on the queue: ${JSON.stringify(items).slice(0, 300)}`);
});
