/**
 * `npm run devices:simulate`: a live demo of 智能物联 against a running server (`npm start`).
 * Registers demo devices in the demo complexes when missing (through the API, signed in with the
 * dev login of district admin 13900000001, so DEV_LOGIN must be on — `npm start` turns it on) and
 * keeps their secrets in `.devices-sim.json`. Then every device connects to the broker with its
 * last will and publishes signed telemetry: people counters that follow the complex's opening
 * hours, a temperature that drifts, doors open while the complex is open, smoke sensors quiet.
 *   --smoke            one smoke alarm (the first complex's smoke sensor) a few seconds in
 *   --complexes=1,2    which complexes (default 1,2)
 *   --interval=5       seconds between readings
 * XFH_URL (default http://127.0.0.1:$PORT or 3000); MQTT_URL (default mqtt://127.0.0.1:$MQTT_PORT or 1884).
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SMOKE = process.argv.includes('--smoke');
const COMPLEXES = (arg('complexes') ?? '1,2').split(',').map(Number).filter(Boolean);
const INTERVAL = Math.max(1, Number(arg('interval') ?? 5)) * 1000;
const API = process.env.XFH_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const BROKER = process.env.MQTT_URL || `mqtt://127.0.0.1:${process.env.MQTT_PORT ?? 1884}`;
const STORE = path.resolve(__dirname, '..', '.devices-sim.json');

type Kind = 'people_counter' | 'smoke' | 'door' | 'temperature';
interface SimDevice {
  complexId: number;
  name: string;
  kind: Kind;
  spaceId?: number;
  capacity?: number;
  id: number;
  deviceKey: string;
  secret: string;
  topics: { telemetry: string; status: string };
}

async function api(method: string, p: string, token?: string, body?: unknown) {
  const r = await fetch(API + p, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

const sign = (secret: string, ts: string, value: number | boolean) => createHmac('sha256', secret).update(`${ts}|${JSON.stringify(value)}`).digest('hex');

function minuteOfDayShanghai(t = new Date()) {
  const s = new Date(t.getTime() + 8 * 3600_000);
  return s.getUTCHours() * 60 + s.getUTCMinutes();
}
function hours(openingHours: string): [number, number] {
  const m = /(\d{1,2}):(\d{2})\s*[-–~至]\s*(\d{1,2}):(\d{2})/.exec(openingHours);
  return m ? [Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])] : [0, 24 * 60];
}
/** Share of capacity present: none when closed; busy mid-morning and mid-afternoon. */
function crowd(minute: number, [open, close]: [number, number]) {
  if (minute < open || minute >= close) return 0;
  const h = minute / 60;
  const peak = (c: number, w: number) => Math.exp(-((h - c) ** 2) / (2 * w * w));
  return Math.min(1, 0.15 + 0.75 * peak(10, 1.2) + 0.65 * peak(15.5, 1.5) + 0.3 * peak(19, 1));
}

async function ensureDevices(): Promise<{ devices: SimDevice[]; opening: Map<number, [number, number]> }> {
  const login = await api('POST', '/api/v1/auth/dev', undefined, { phone: '13900000001' });
  if (login.status !== 200) throw new Error(`dev login failed (${login.status}): start the server with DEV_LOGIN=1 (npm start does)`);
  const token = login.body.accessToken as string;
  const saved: SimDevice[] = fs.existsSync(STORE) ? JSON.parse(fs.readFileSync(STORE, 'utf8')) : [];
  const out: SimDevice[] = [];
  const opening = new Map<number, [number, number]>();
  for (const complexId of COMPLEXES) {
    const c = await api('GET', `/api/v1/complexes/${complexId}`, token);
    if (c.status !== 200) continue;
    opening.set(complexId, hours(c.body.openingHours));
    const existing = new Set(((await api('GET', `/api/v1/complexes/${complexId}/devices`, token)).body?.items ?? []).map((d: { deviceKey: string }) => d.deviceKey));
    const spaces = (c.body.spaces as Array<{ id: number; name: string; capacity: number }>).filter((s) => s.capacity > 1).slice(0, 3);
    const wanted: Array<Omit<SimDevice, 'id' | 'deviceKey' | 'secret' | 'topics'>> = [
      ...spaces.map((s) => ({ complexId, kind: 'people_counter' as const, name: `${s.name}人流计数器`, spaceId: s.id, capacity: s.capacity })),
      { complexId, kind: 'temperature', name: '一楼大厅温度' },
      { complexId, kind: 'door', name: '正门门磁' },
      { complexId, kind: 'smoke', name: '共享厨房烟感' },
    ];
    for (const w of wanted) {
      const have = saved.find((s) => s.complexId === complexId && s.name === w.name && existing.has(s.deviceKey));
      if (have) {
        out.push({ ...have, capacity: w.capacity });
        continue;
      }
      const r = await api('POST', `/api/v1/complexes/${complexId}/devices`, token, { kind: w.kind, name: w.name, ...(w.spaceId ? { spaceId: w.spaceId } : {}) });
      if (r.status !== 201) throw new Error(`registering ${w.name}: ${r.status} ${JSON.stringify(r.body)}`);
      console.log(`registered ${w.name} (complex ${complexId}) as ${r.body.deviceKey}`);
      out.push({ ...w, ...r.body });
    }
  }
  fs.writeFileSync(STORE, JSON.stringify(out, null, 2), { mode: 0o600 });
  return { devices: out, opening };
}

async function connect(d: SimDevice): Promise<MqttClient> {
  const c = mqtt.connect(BROKER, { clientId: `sim-${d.deviceKey}`, reconnectPeriod: 2000, will: { topic: d.topics.status, payload: Buffer.from('offline'), qos: 1, retain: true } });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('error', reject);
  });
  c.on('connect', () => void c.publishAsync(d.topics.status, 'online', { qos: 1, retain: true }));
  await c.publishAsync(d.topics.status, 'online', { qos: 1, retain: true });
  return c;
}

async function main() {
  const { devices, opening } = await ensureDevices();
  const clients = await Promise.all(devices.map(connect));
  console.log(`${devices.length} devices online at ${BROKER}; a reading every ${INTERVAL / 1000} s (Ctrl-C stops)`);
  const temps = devices.map(() => 21 + Math.random() * 2);
  let tick = 0;
  const publish = (i: number, value: number | boolean) => {
    const ts = new Date().toISOString();
    return clients[i].publishAsync(devices[i].topics.telemetry, JSON.stringify({ ts, value, sig: sign(devices[i].secret, ts, value) }), { qos: 1 });
  };
  const round = async () => {
    tick++;
    const minute = minuteOfDayShanghai();
    await Promise.all(
      devices.map((d, i) => {
        const oh = opening.get(d.complexId) ?? [0, 1440];
        if (d.kind === 'people_counter') return publish(i, Math.max(0, Math.round((d.capacity ?? 10) * crowd(minute, oh) + (Math.random() - 0.5) * 3)));
        if (d.kind === 'temperature') {
          temps[i] = Math.min(28, Math.max(16, temps[i] + (Math.random() - 0.5) * 0.4));
          return publish(i, Math.round(temps[i] * 10) / 10);
        }
        if (d.kind === 'door') return publish(i, minute >= oh[0] && minute < oh[1]);
        return publish(i, SMOKE && tick === 2 && i === devices.findIndex((x) => x.kind === 'smoke'));
      }),
    );
    if (SMOKE && tick === 2) console.log('smoke alarm sent: watch 工作台 → 设备告警');
  };
  await round();
  const timer = setInterval(() => void round().catch((e) => console.error(String(e))), INTERVAL);
  const stop = async () => {
    clearInterval(timer);
    await Promise.all(clients.map((c, i) => c.publishAsync(devices[i].topics.status, 'offline', { qos: 1, retain: true }).then(() => c.endAsync())));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e) => {
  console.error(String(e));
  process.exit(1);
});
