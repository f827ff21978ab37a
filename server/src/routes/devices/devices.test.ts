import { and, eq } from 'drizzle-orm';
import type { MqttClient } from 'mqtt';
import { careEvents, careRequests, deviceAlerts, deviceReadings, deviceRollups, familyLinks, notifications, spaces, staffComplexes, users } from '../../db/schema';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { wechatResident } from '../../../test/support/opinions';
import { signTelemetry } from '../../domain/devices/rules';
import { MOSQUITTO_URL, deviceClient, deviceView, publishSigned, settle, waitFor, type TestDevice } from '../../../test/support/devices';

const seq = `${process.pid}${Date.now() % 100000}`;
let n = 0;

async function newSpace(t: TestServer, capacity: number) {
  const [{ id }] = await t.deps.db.insert(spaces).values({ complexId: 1, name: `测试活动室${seq}-${++n}`, type: 'vitality', capacity }).$returningId();
  return id;
}

describe('智能物联 against Mosquitto', () => {
  let t: TestServer;
  let worker: { id: number; token: string };
  let other: { id: number; token: string };
  let dev: MqttClient;

  beforeAll(async () => {
    t = await startTestServer({ MQTT_URL: MOSQUITTO_URL, DEVICE_RATE_LIMIT: '20' }, { iot: true });
    worker = await buildWorker(t, [1]);
    other = await buildWorker(t, [2]);
    dev = await deviceClient(MOSQUITTO_URL);
  });
  afterAll(async () => {
    await dev?.endAsync();
    await t?.close();
  });

  const register = async (body: Record<string, unknown>, token = worker.token, complexId = 1) => {
    const r = await t.api('POST', `/api/v1/complexes/${complexId}/devices`, { token, body });
    expect(r.status).toBe(201);
    return r.body as TestDevice;
  };

  it('registration: 401 without a token, 403 for residents and another complex\'s workers, 201 with the secret once', async () => {
    const resident = await buildResident(t);
    expect((await t.api('POST', '/api/v1/complexes/1/devices', { body: { kind: 'smoke', name: '烟感' } })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/complexes/1/devices', { token: resident.token, body: { kind: 'smoke', name: '烟感' } })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/complexes/1/devices', { token: other.token, body: { kind: 'smoke', name: '烟感' } })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/complexes/1/devices', { token: other.token })).status).toBe(403);
    expect((await t.api('GET', '/api/v1/complexes/1/alerts', { token: resident.token })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/complexes/1/devices', { token: worker.token, body: { kind: 'lamp', name: 'x' } })).status).toBe(422);
    const d = await register({ kind: 'smoke', name: '一楼烟感' });
    expect(d.deviceKey).toMatch(/^d[0-9a-f]{20}$/);
    expect(d.secret).toMatch(/^[0-9a-f]{48}$/);
    expect(d.topics).toEqual({ telemetry: `xfh/v1/devices/${d.deviceKey}/telemetry`, status: `xfh/v1/devices/${d.deviceKey}/status` });
    const listed = await deviceView(t, worker.token, 1, d.id);
    expect(listed).toMatchObject({ kind: 'smoke', name: '一楼烟感', status: 'offline', lastValue: null, lastSeenAt: null });
    expect(JSON.stringify(listed)).not.toContain(d.secret);
  });

  it('signed people-counter data shows as status, last value and occupancy (space page and list)', async () => {
    const spaceId = await newSpace(t, 20);
    const resident = await buildResident(t);
    expect((await t.api('GET', `/api/v1/spaces/${spaceId}/occupancy`, { token: resident.token })).status).toBe(404);
    const d = await register({ kind: 'people_counter', name: '活动室计数器', spaceId });
    await publishSigned(dev, d, 12);
    const v = await waitFor(async () => {
      const x = await deviceView(t, worker.token, 1, d.id);
      return x?.lastValue === 12 ? x : null;
    });
    expect(v.status).toBe('online');
    expect(Date.parse(v.lastSeenAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await t.api('GET', `/api/v1/spaces/${spaceId}/occupancy`)).status).toBe(401);
    const occ = await t.api('GET', `/api/v1/spaces/${spaceId}/occupancy`, { token: resident.token });
    expect(occ.status).toBe(200);
    expect(occ.body).toMatchObject({ count: 12, capacity: 20, full: false });
    await publishSigned(dev, d, 20);
    await waitFor(async () => (await t.api('GET', `/api/v1/spaces/${spaceId}/occupancy`, { token: resident.token })).body.full === true);
    const complex = await t.api('GET', '/api/v1/complexes/1', { token: resident.token });
    const sp = complex.body.spaces.find((s: any) => s.id === spaceId);
    expect(sp.occupancy).toMatchObject({ count: 20, capacity: 20, full: true });
    expect(complex.body.spaces.find((s: any) => s.id !== spaceId).occupancy === undefined).toBe(false);
    // raw reading and a one-minute roll-up were stored
    await settle(t);
    const raw = await t.deps.db.select().from(deviceReadings).where(eq(deviceReadings.deviceId, d.id));
    expect(raw.map((r) => r.value).sort()).toEqual([12, 20]);
    const roll = await t.deps.db.select().from(deviceRollups).where(eq(deviceRollups.deviceId, d.id));
    expect(roll.reduce((a, r) => a + r.count, 0)).toBe(2);
  });

  it('forged, stale, replayed and malformed messages are dropped, counted by reason, never stored', async () => {
    const spaceId = await newSpace(t, 10);
    const d = await register({ kind: 'people_counter', name: '计数器B', spaceId });
    const unknownCount = async () => ((await t.api('GET', '/api/v1/complexes/1/devices', { token: worker.token })).body.unregistered.unknown_device ?? 0) as number;
    const unknownBefore = await unknownCount();
    // a device nobody registered (its key is well-formed): dropped and counted for the whole server
    await publishSigned(dev, d, 5, { topic: `xfh/v1/devices/dnosuch${seq}/telemetry` });
    const ts = await publishSigned(dev, d, 3);
    await waitFor(async () => (await deviceView(t, worker.token, 1, d.id))?.lastValue === 3);
    await publishSigned(dev, d, 99, { secret: 'not-the-secret' });
    await publishSigned(dev, d, 98, { at: new Date(Date.now() - 6 * 60_000) });
    // the very same message again (a replay)
    await dev.publishAsync(d.topics.telemetry, JSON.stringify({ ts, value: 3, sig: signTelemetry(d.secret, ts, 3) }), { qos: 1 });
    await dev.publishAsync(d.topics.telemetry, 'not json', { qos: 1 });
    const v = await waitFor(async () => {
      const x = await deviceView(t, worker.token, 1, d.id);
      return Object.values(x.rejected as Record<string, number>).reduce((a, b) => a + b, 0) >= 4 ? x : null;
    });
    expect(v.rejected).toEqual({ bad_signature: 1, stale_ts: 1, replayed: 1, malformed: 1 });
    expect(v.lastValue).toBe(3);
    const raw = await t.deps.db.select().from(deviceReadings).where(eq(deviceReadings.deviceId, d.id));
    expect(raw.map((r) => r.value)).toEqual([3]);
    // other servers on the machine's broker may add their own unknown messages, never fewer
    await waitFor(async () => (await unknownCount()) >= unknownBefore + 1);
  });

  it('a smoke alarm opens exactly one alert per episode and notifies the workers once; ack and resolve record who and when', async () => {
    const d = await register({ kind: 'smoke', name: `烟感${seq}` });
    for (let i = 0; i < 5; i++) await publishSigned(dev, d, true, { at: new Date(Date.now() + i) });
    const alert = await waitFor(async () => {
      const r = await t.api('GET', '/api/v1/complexes/1/alerts?status=open', { token: worker.token });
      return (r.body.items as any[]).find((a) => a.deviceId === d.id);
    });
    await settle(t);
    const all = await t.api('GET', '/api/v1/complexes/1/alerts', { token: worker.token });
    expect((all.body.items as any[]).filter((a) => a.deviceId === d.id)).toHaveLength(1);
    expect(alert).toMatchObject({ kind: 'smoke', status: 'open' });
    const notes = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, worker.id), eq(notifications.kind, 'iot_alert')));
    expect(notes.filter((x) => x.title.includes(`烟感${seq}`))).toHaveLength(1);
    const otherNotes = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, other.id), eq(notifications.kind, 'iot_alert')));
    expect(otherNotes.filter((x) => x.title.includes(`烟感${seq}`))).toHaveLength(0);

    const badge = await t.api('GET', '/api/v1/me/iot-alerts/summary', { token: worker.token });
    expect(badge.body.open).toBeGreaterThanOrEqual(1);
    expect((await t.api('POST', `/api/v1/alerts/${alert.id}/ack`)).status).toBe(401);
    expect((await t.api('POST', `/api/v1/alerts/${alert.id}/ack`, { token: other.token })).status).toBe(403);
    const ack = await t.api('POST', `/api/v1/alerts/${alert.id}/ack`, { token: worker.token });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acked', ackedBy: worker.id });
    expect((await t.api('POST', `/api/v1/alerts/${alert.id}/ack`, { token: worker.token })).status).toBe(409);
    // still smoking while acked: still the same episode
    await publishSigned(dev, d, true);
    await settle(t);
    expect(((await t.api('GET', '/api/v1/complexes/1/alerts', { token: worker.token })).body.items as any[]).filter((a) => a.deviceId === d.id)).toHaveLength(1);
    const res = await t.api('POST', `/api/v1/alerts/${alert.id}/resolve`, { token: worker.token, body: { note: '误报，已复位' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'resolved', resolvedBy: worker.id, resolveNote: '误报，已复位' });
    expect(Date.parse(res.body.resolvedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await t.api('POST', `/api/v1/alerts/${alert.id}/resolve`, { token: worker.token, body: {} })).status).toBe(409);
    // a new alarm after the episode ended opens a new alert
    await publishSigned(dev, d, false);
    await new Promise((r) => setTimeout(r, 100));
    await publishSigned(dev, d, true, { at: new Date(Date.now() + 10) });
    await waitFor(async () => ((await t.api('GET', '/api/v1/complexes/1/alerts', { token: worker.token })).body.items as any[]).filter((a) => a.deviceId === d.id).length === 2);
  });

  it('temperature outside 5–35 °C raises one alert', async () => {
    const d = await register({ kind: 'temperature', name: '机房温度' });
    await publishSigned(dev, d, 21.5);
    await publishSigned(dev, d, 38.2, { at: new Date(Date.now() + 5) });
    await publishSigned(dev, d, 39, { at: new Date(Date.now() + 10) });
    const a = await waitFor(async () => ((await t.api('GET', '/api/v1/complexes/1/alerts', { token: worker.token })).body.items as any[]).find((x) => x.deviceId === d.id));
    await settle(t);
    expect(a.kind).toBe('temperature');
    expect(((await t.api('GET', '/api/v1/complexes/1/alerts', { token: worker.token })).body.items as any[]).filter((x) => x.deviceId === d.id)).toHaveLength(1);
  });

  it('a device that floods is muted and flagged', async () => {
    const d = await register({ kind: 'temperature', name: '刷屏温度计' });
    const base = Date.now();
    for (let i = 0; i < 25; i++) await publishSigned(dev, d, 20, { at: new Date(base + i) });
    const v = await waitFor(async () => {
      const x = await deviceView(t, worker.token, 1, d.id);
      // the state and the rejection counts are separate statements of one flush
      return x?.muted && x.rejected.muted >= 5 ? x : null;
    });
    expect(v.floodFlaggedAt).not.toBeNull();
    expect(v.rejected.muted).toBeGreaterThanOrEqual(5);
  });

  it('offline through the last will: an alert after 5 minutes, closed when the device is back', async () => {
    const d = await register({ kind: 'door', name: '后门门磁' });
    const c = await deviceClient(MOSQUITTO_URL, d, { will: true });
    await c.publishAsync(d.topics.status, 'online', { qos: 1, retain: true });
    await publishSigned(c, d, false);
    await waitFor(async () => (await deviceView(t, worker.token, 1, d.id))?.status === 'online');
    // the connection drops without a goodbye: the broker publishes the last will
    (c as unknown as { stream: { destroy(): void } }).stream.destroy();
    c.end(true);
    await waitFor(async () => (await deviceView(t, worker.token, 1, d.id))?.status === 'offline', 15_000, 'last will');
    t.clock.set(new Date(Date.now() + 4 * 60_000));
    await t.deps.iot!.ingest.sweep();
    const none = await t.api('GET', '/api/v1/complexes/1/alerts?status=open', { token: worker.token });
    expect((none.body.items as any[]).filter((a) => a.deviceId === d.id)).toHaveLength(0);
    t.clock.set(new Date(Date.now() + 6 * 60_000));
    await t.deps.iot!.ingest.sweep();
    const open = await t.api('GET', '/api/v1/complexes/1/alerts?status=open', { token: worker.token });
    const a = (open.body.items as any[]).find((x) => x.deviceId === d.id);
    expect(a).toMatchObject({ kind: 'offline', status: 'open' });
    await dev.publishAsync(d.topics.status, 'online', { qos: 1, retain: true });
    await waitFor(async () => {
      const r = await t.api('GET', '/api/v1/complexes/1/alerts?status=resolved', { token: worker.token });
      return (r.body.items as any[]).find((x) => x.id === a.id);
    });
    t.clock.set(null);
    await dev.publishAsync(d.topics.status, '', { qos: 1, retain: true });
  });

  it('offline through silence: no message for more than 5 minutes', async () => {
    const d = await register({ kind: 'temperature', name: '静默温度计' });
    await publishSigned(dev, d, 22);
    await waitFor(async () => (await deviceView(t, worker.token, 1, d.id))?.status === 'online');
    t.clock.set(new Date(Date.now() + 6 * 60_000));
    try {
      await t.deps.iot!.ingest.sweep();
      await settle(t, 0);
      expect((await deviceView(t, worker.token, 1, d.id)).status).toBe('offline');
      const open = await t.api('GET', '/api/v1/complexes/1/alerts?status=open', { token: worker.token });
      expect((open.body.items as any[]).filter((x) => x.deviceId === d.id).map((x) => x.kind)).toEqual(['offline']);
      // coming back closes it
      await publishSigned(dev, d, 22.5, { at: t.clock.now() });
      const back = await waitFor(async () => {
        const x = await deviceView(t, worker.token, 1, d.id);
        return x?.openAlerts === 0 && x.status === 'online' ? x : null;
      });
      expect(back.lastValue).toBe(22.5);
    } finally {
      t.clock.set(null);
    }
  });

  it('a door open more than 10 minutes outside opening hours raises an alert', async () => {
    const d = await register({ kind: 'door', name: '正门门磁' });
    const night = new Date('2026-12-03T22:00:00+08:00'); // complex 1 opens 08:30-20:30
    t.clock.set(night);
    try {
      await publishSigned(dev, d, true, { at: night });
      await waitFor(async () => (await deviceView(t, worker.token, 1, d.id))?.lastValue === true);
      // the sensor keeps reporting "open" (so it is not offline); the episode counts from the first
      for (const min of [4, 8]) {
        t.clock.set(new Date(night.getTime() + min * 60_000));
        await publishSigned(dev, d, true, { at: t.clock.now() });
      }
      await waitFor(async () => (await deviceView(t, worker.token, 1, d.id))?.lastSeenAt === new Date(night.getTime() + 8 * 60_000).toISOString());
      t.clock.set(new Date(night.getTime() + 9 * 60_000));
      await t.deps.iot!.ingest.sweep();
      expect((await deviceView(t, worker.token, 1, d.id)).openAlerts).toBe(0);
      t.clock.set(new Date(night.getTime() + 11 * 60_000));
      await publishSigned(dev, d, true, { at: t.clock.now() });
      await t.deps.iot!.ingest.sweep();
      await settle(t, 200);
      const open = await t.api('GET', '/api/v1/complexes/1/alerts?status=open', { token: worker.token });
      expect((open.body.items as any[]).filter((x) => x.deviceId === d.id).map((x) => x.kind)).toEqual(['door_open']);
    } finally {
      t.clock.set(null);
    }
  });

  it('retention deletes raw readings after 7 days and roll-ups after 90, in batches', async () => {
    const d = await register({ kind: 'temperature', name: '保留期温度计' });
    const now = Date.now();
    const day = 86_400_000;
    await t.deps.db.insert(deviceReadings).values([8, 8.5, 9, 1].map((ago, i) => ({ deviceId: d.id, ts: new Date(now - ago * day), value: i, receivedAt: new Date(now - ago * day) })));
    await t.deps.db.insert(deviceRollups).values([91, 89].map((ago) => ({ deviceId: d.id, minute: new Date(Math.floor((now - ago * day) / 60_000) * 60_000), count: 1, sum: 1, min: 1, max: 1, last: 1 })));
    const gone = await t.deps.iot!.ingest.retention(2);
    expect(gone).toBeGreaterThanOrEqual(4);
    const raw = await t.deps.db.select().from(deviceReadings).where(eq(deviceReadings.deviceId, d.id));
    expect(raw.map((r) => r.value)).toEqual([3]);
    const roll = await t.deps.db.select().from(deviceRollups).where(eq(deviceRollups.deviceId, d.id));
    expect(roll).toHaveLength(1);
  });

  describe('亲情守护 (frozen clock)', () => {
    it('consent, the 系统预警 visit, closing on motion, revocation and who may see it', async () => {
      const senior = await buildResident(t);
      const family = await buildResident(t);
      const stranger = await buildResident(t);
      await t.deps.db.insert(familyLinks).values({ seniorId: senior.id, familyId: family.id, status: 'active', requestedAt: new Date(), confirmedAt: new Date() });
      const d = await register({ kind: 'elder_motion', name: '张阿姨家活动感应', seniorId: senior.id });
      const day = new Date('2026-12-04T07:00:00+08:00');
      t.clock.set(day);
      try {
        // who may see it
        expect((await t.api('GET', `/api/v1/family/${senior.id}/quiet-home`)).status).toBe(401);
        expect((await t.api('GET', `/api/v1/family/${senior.id}/quiet-home`, { token: stranger.token })).status).toBe(404);
        expect((await t.api('GET', `/api/v1/family/${senior.id}/quiet-home`, { token: other.token })).status).toBe(404);
        expect((await t.api('PUT', `/api/v1/family/${senior.id}/quiet-home`, { token: stranger.token, body: { enabled: true } })).status).toBe(404);
        expect((await t.api('GET', `/api/v1/family/${senior.id}/quiet-home`, { token: worker.token })).status).toBe(200);

        // the family asks: nothing runs until the senior consents
        const asked = await t.api('PUT', `/api/v1/family/${senior.id}/quiet-home`, { token: family.token, body: { enabled: true } });
        expect(asked.status).toBe(200);
        expect(asked.body).toMatchObject({ status: 'pending_consent', requestedBy: family.id, quietHours: 12 });
        await publishSigned(dev, d, true, { at: day });
        await waitFor(async () => (await t.api('GET', `/api/v1/family/${senior.id}/quiet-home`, { token: family.token })).body.lastMotionAt);
        t.clock.set(new Date('2026-12-04T20:00:00+08:00'));
        await t.deps.iot!.ingest.sweep();
        expect((await t.deps.db.select().from(careRequests).where(eq(careRequests.seniorId, senior.id))).length).toBe(0);

        t.clock.set(day);
        expect((await t.api('PUT', '/api/v1/me/quiet-home/consent', { token: family.token, body: { granted: true } })).status).toBe(409);
        const ok = await t.api('PUT', '/api/v1/me/quiet-home/consent', { token: senior.token, body: { granted: true } });
        expect(ok.body).toMatchObject({ status: 'active' });
        expect(ok.body.consentedAt).toBe(day.toISOString());

        // 11 h 59 min of daytime quiet: nothing; 12 h: the visit goes into the care queue
        t.clock.set(new Date('2026-12-04T18:59:00+08:00'));
        await t.deps.iot!.ingest.sweep();
        expect((await t.deps.db.select().from(careRequests).where(eq(careRequests.seniorId, senior.id))).length).toBe(0);
        t.clock.set(new Date('2026-12-04T19:01:00+08:00'));
        await t.deps.iot!.ingest.sweep();
        await t.deps.iot!.ingest.sweep();
        const reqs = await t.deps.db.select().from(careRequests).where(eq(careRequests.seniorId, senior.id));
        expect(reqs).toHaveLength(1);
        expect(reqs[0]).toMatchObject({ kind: 'visit', status: 'submitted', complexId: 1 });
        expect(reqs[0].note).toContain('系统预警');
        const queue = await t.api('GET', '/api/v1/care/queue?complexId=1&limit=100', { token: worker.token });
        expect(queue.status).toBe(200);
        expect((queue.body.items as any[]).find((x) => x.id === reqs[0].id)).toBeTruthy();
        const famNotes = await t.deps.db.select().from(notifications).where(and(eq(notifications.userId, family.id), eq(notifications.kind, 'quiet_home')));
        expect(famNotes.map((x) => x.title)).toContain('亲情守护预警：家中长时间未检测到活动');
        const status = await t.api('GET', `/api/v1/family/${senior.id}/quiet-home`, { token: family.token });
        expect(status.body.alert).toMatchObject({ careRequestId: reqs[0].id });

        // motion before anyone was dispatched closes it, with a note
        await publishSigned(dev, d, true, { at: t.clock.now() });
        await waitFor(async () => (await t.deps.db.select().from(careRequests).where(eq(careRequests.id, reqs[0].id)))[0].status === 'cancelled');
        const ev = await t.deps.db.select().from(careEvents).where(eq(careEvents.requestId, reqs[0].id));
        expect(ev.map((e) => e.note)).toContain('检测到居家活动，系统预警自动关闭');
        expect((await t.api('GET', `/api/v1/family/${senior.id}/quiet-home`, { token: senior.token })).body.alert).toBeNull();

        // the senior revokes: a quiet day afterwards raises nothing
        const off = await t.api('PUT', `/api/v1/family/${senior.id}/quiet-home`, { token: senior.token, body: { enabled: false } });
        expect(off.body).toMatchObject({ status: 'off' });
        expect(off.body.revokedAt).not.toBeNull();
        t.clock.set(new Date('2026-12-05T21:00:00+08:00'));
        await t.deps.iot!.ingest.sweep();
        expect(await t.deps.db.select().from(careRequests).where(eq(careRequests.seniorId, senior.id))).toHaveLength(1);
      } finally {
        t.clock.set(null);
      }
    });
  });
});

describe('智能物联 on the embedded broker', () => {
  let t: TestServer;
  afterAll(async () => t?.close());

  it('starts aedes on MQTT_PORT, ingests signed data and counts unknown devices', async () => {
    t = await startTestServer({ MQTT_URL: '', MQTT_PORT: '0' }, { iot: true });
    expect(t.deps.iot!.embedded).not.toBeNull();
    const url = t.deps.iot!.url;
    expect(url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    const worker = await buildWorker(t, [1]);
    const r = await t.api('POST', '/api/v1/complexes/1/devices', { token: worker.token, body: { kind: 'temperature', name: '内置代理温度计' } });
    expect(r.status).toBe(201);
    const d = r.body as TestDevice;
    const c = await deviceClient(url);
    try {
      await publishSigned(c, d, 23.5);
      await waitFor(async () => (await deviceView(t, worker.token, 1, d.id))?.lastValue === 23.5);
      const unknownCount = async () => ((await t.api('GET', '/api/v1/complexes/1/devices', { token: worker.token })).body.unregistered.unknown_device ?? 0) as number;
      const before = t.deps.iot!.ingest.stats.rejected.unknown_device ?? 0;
      const storedBefore = await unknownCount();
      await publishSigned(c, { ...d, topics: { ...d.topics, telemetry: 'xfh/v1/devices/dnosuchdevice00000000/telemetry' } }, 1);
      await waitFor(async () => (t.deps.iot!.ingest.stats.rejected.unknown_device ?? 0) === before + 1);
      // the count is written with the next batch (it survives a restart and adds up across replicas)
      await settle(t, 0);
      expect(await unknownCount()).toBe(storedBefore + 1);
    } finally {
      await c.endAsync();
    }
  });
});

describe('智能物联 alerts on the embedded broker: subscribe messages, episodes ended elsewhere', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ MQTT_URL: '', MQTT_PORT: '0', WECHAT_TPL_IOT_ALERT: 'tpl_iot' }, { iot: true });
  });
  afterAll(async () => t?.close());

  it('a new alert sends each worker who allowed the template one subscribe message, however many messages the episode has', async () => {
    const worker = await buildWorker(t, [1]);
    // the 设备告警 page learns which template to ask for
    expect((await t.api('GET', '/api/v1/me/iot-alerts/summary', { token: worker.token })).body.subscribeTemplateId).toBe('tpl_iot');
    // a worker signed in through WeChat (so has an openid) who allowed the alert template twice
    const wx = await wechatResident(t, `iot_wx_${seq}`);
    await t.deps.db.update(users).set({ role: 'worker' }).where(eq(users.id, wx.id));
    await t.deps.db.insert(staffComplexes).values({ userId: wx.id, complexId: 1 });
    expect((await t.api('POST', '/api/v1/me/subscriptions', { token: wx.token, body: { templateIds: ['tpl_iot'] } })).status).toBeLessThan(300);
    expect((await t.api('POST', '/api/v1/me/subscriptions', { token: wx.token, body: { templateIds: ['tpl_iot'] } })).status).toBeLessThan(300);
    // a worker of another complex who allowed it too hears nothing
    const far = await wechatResident(t, `iot_far_${seq}`);
    await t.deps.db.update(users).set({ role: 'worker' }).where(eq(users.id, far.id));
    await t.deps.db.insert(staffComplexes).values({ userId: far.id, complexId: 2 });
    expect((await t.api('POST', '/api/v1/me/subscriptions', { token: far.token, body: { templateIds: ['tpl_iot'] } })).status).toBeLessThan(300);

    const r = await t.api('POST', '/api/v1/complexes/1/devices', { token: worker.token, body: { kind: 'smoke', name: `订阅烟感${seq}` } });
    expect(r.status).toBe(201);
    const d = r.body as TestDevice;
    const c = await deviceClient(t.deps.iot!.url);
    try {
      const sentTo = (openid: string) => t.wechat.sent.filter((m) => m.touser === openid && m.template_id === 'tpl_iot');
      for (let i = 0; i < 4; i++) await publishSigned(c, d, true, { at: new Date(Date.now() + i) });
      await waitFor(async () => sentTo(wx.openid).length >= 1, 10_000, 'the subscribe message');
      await settle(t);
      expect(sentTo(wx.openid)).toHaveLength(1);
      expect(sentTo(wx.openid)[0]).toMatchObject({ page: '/packages/devices/pages/alerts/index', data: { thing1: { value: '烟雾报警' }, thing2: { value: `订阅烟感${seq}` } } });
      expect(sentTo(far.openid)).toHaveLength(0);
      // still the same episode: nothing more
      await publishSigned(c, d, true);
      await settle(t);
      expect(sentTo(wx.openid)).toHaveLength(1);
    } finally {
      await c.endAsync();
    }
  });

  it('an alert resolved through another server (an API-only replica) ends the episode at the ingest by its next sweep', async () => {
    const worker = await buildWorker(t, [1]);
    const r = await t.api('POST', '/api/v1/complexes/1/devices', { token: worker.token, body: { kind: 'smoke', name: `别处处理${seq}` } });
    const d = r.body as TestDevice;
    const c = await deviceClient(t.deps.iot!.url);
    const alertsOf = async () => ((await t.api('GET', '/api/v1/complexes/1/alerts', { token: worker.token })).body.items as any[]).filter((a) => a.deviceId === d.id);
    try {
      await publishSigned(c, d, true);
      const first = await waitFor(async () => (await alertsOf())[0]);
      // what POST /alerts/:id/resolve does on another process: this ingest hears no event
      await t.deps.db.update(deviceAlerts).set({ status: 'resolved', openKey: null, resolvedAt: new Date(), resolvedBy: worker.id }).where(eq(deviceAlerts.id, first.id));
      // the sweep reads the open episodes from the database; the smoke still there opens a new one
      await t.deps.iot!.ingest.sweep();
      const after = await alertsOf();
      expect(after).toHaveLength(2);
      expect(after.filter((a) => a.status === 'open')).toHaveLength(1);
    } finally {
      await c.endAsync();
    }
  });
});
