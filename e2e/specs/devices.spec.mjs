// 智能物联 in a real browser: the complex's worker registers a smoke sensor on 工作台 → 设备 (the
// secret is shown once), the test publishes a signed smoke alarm over MQTT to the server's
// embedded broker (MQTT_URL from e2e/run.mjs), and the worker sees the alert badge on 工作台 and
// resolves the alert.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, settle, shot, signIn, waitForRoute } from '../lib.mjs';

const require = createRequire(import.meta.url);
const mqtt = require('mqtt');
const WORKER = '13900000002';
const MQTT_URL = process.env.MQTT_URL || 'mqtt://127.0.0.1:1884';

describe('智能物联 (H5)', () => {
  let worker;
  let device;

  before(async () => {
    worker = await launch();
  });
  after(async () => {
    assert.deepEqual(worker?.consoleErrors ?? [], [], 'no uncaught errors in the worker’s page');
    await worker?.close();
  });

  it('registers a smoke sensor and shows its secret once', async () => {
    const { page } = worker;
    await signIn(page, WORKER);
    await goto(page, '/packages/workbench/pages/index/index');
    const wb = currentPage(page);
    await wb.locator('#workbench-devices').click();
    await waitForRoute(page, '/packages/devices/pages/index/index');
    await currentPage(page).locator('#device-register').click();
    await waitForRoute(page, '/packages/devices/pages/register/index');
    const form = currentPage(page);
    await form.locator('#device-kind-smoke').click();
    const name = form.locator('#device-name input');
    await name.waitFor();
    await name.fill('共享厨房烟感（测试）');
    await form.locator('#device-submit').click();
    const card = form.locator('#device-secret-card');
    await card.waitFor();
    await settle(page);
    await shot(page, 'devices-01-secret-once');
    await axeCheck(page, '设备密钥');
    const text = await card.innerText();
    const secret = /密钥：([0-9a-f]{48})/.exec(text)?.[1];
    const deviceKey = /设备编号：(d[0-9a-f]{20})/.exec(text)?.[1];
    assert.ok(secret && deviceKey, 'the secret and device key are shown');
    assert.equal(await card.locator('img').count(), 1, 'a QR for the installer');
    const list = await api(page, 'GET', '/complexes/1/devices');
    device = list.body.items.find((d) => d.deviceKey === deviceKey);
    assert.ok(device, 'the device is listed');
    assert.ok(!JSON.stringify(list.body).includes(secret), 'the list never shows the secret again');
    device.secret = secret;
  });

  it('shows the smoke alarm as a badge on 工作台 and lets the worker resolve it', async () => {
    const { page } = worker;
    const client = mqtt.connect(MQTT_URL, { reconnectPeriod: 0 });
    await new Promise((resolve, reject) => {
      client.once('connect', resolve);
      client.once('error', reject);
    });
    const ts = new Date().toISOString();
    const sig = createHmac('sha256', device.secret).update(`${ts}|${JSON.stringify(true)}`).digest('hex');
    await client.publishAsync(`xfh/v1/devices/${device.deviceKey}/telemetry`, JSON.stringify({ ts, value: true, sig }), { qos: 1 });
    await client.endAsync();

    let alert;
    for (let i = 0; i < 50 && !alert; i++) {
      const r = await api(page, 'GET', '/complexes/1/alerts?status=open');
      alert = r.body.items.find((a) => a.deviceId === device.id);
      if (!alert) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(alert, 'the alarm opened an alert');
    assert.equal(alert.kind, 'smoke');

    await goto(page, '/packages/workbench/pages/index/index');
    const wb = currentPage(page);
    const badge = wb.locator('#workbench-alert-badge');
    await badge.waitFor();
    assert.match(await badge.innerText(), /\d+ 条告警/);
    await shot(page, 'devices-02-workbench-badge');

    await wb.locator('#workbench-devices').click();
    await waitForRoute(page, '/packages/devices/pages/index/index');
    await currentPage(page).locator('#device-alerts').click();
    await waitForRoute(page, '/packages/devices/pages/alerts/index');
    const alerts = currentPage(page);
    const item = alerts.locator(`#alert-${alert.id}`);
    await item.waitFor();
    assert.match(await item.innerText(), /烟雾报警/);
    await settle(page);
    await shot(page, 'devices-03-alert-list');
    await axeCheck(page, '设备告警');
    await alerts.locator(`#alert-${alert.id}-resolve`).click();
    await currentPage(page).locator('#confirm-dialog-ok').click();
    for (let i = 0; i < 50; i++) {
      const r = await api(page, 'GET', '/complexes/1/alerts?status=resolved');
      const done = r.body.items.find((a) => a.id === alert.id);
      if (done) {
        assert.ok(done.resolvedBy, 'who resolved it is recorded');
        assert.ok(done.resolvedAt, 'and when');
        break;
      }
      if (i === 49) assert.fail('the alert was not resolved');
      await new Promise((r) => setTimeout(r, 200));
    }
    await item.waitFor({ state: 'detached' });
  });
});
