import mqtt, { type MqttClient } from 'mqtt';
import { signTelemetry } from '../../src/domain/devices/rules';
import type { TestServer } from './harness';

export const MOSQUITTO_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

export interface TestDevice {
  id: number;
  deviceKey: string;
  secret: string;
  topics: { telemetry: string; status: string };
}

/** A device's own MQTT connection, optionally with its last will (offline, retained). */
export async function deviceClient(url: string, d?: TestDevice, o: { will?: boolean } = {}): Promise<MqttClient> {
  const c = mqtt.connect(url, {
    clientId: `test-dev-${Math.random().toString(16).slice(2, 10)}`,
    reconnectPeriod: 0,
    ...(o.will && d ? { will: { topic: d.topics.status, payload: Buffer.from('offline'), qos: 1, retain: true } } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    c.once('connect', () => resolve());
    c.once('error', reject);
  });
  return c;
}

/** Publishes `{ts, value, sig}` signed with the device's secret (or `o.secret` to forge). */
export async function publishSigned(c: MqttClient, d: TestDevice, value: number | boolean, o: { at?: Date; secret?: string; topic?: string } = {}) {
  const ts = (o.at ?? new Date()).toISOString();
  const sig = signTelemetry(o.secret ?? d.secret, ts, value);
  await c.publishAsync(o.topic ?? d.topics.telemetry, JSON.stringify({ ts, value, sig }), { qos: 1 });
  return ts;
}

/** Polls until `check` returns a truthy value (or throws after `ms`). */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, ms = 10_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The device as GET /complexes/:id/devices shows it. */
export async function deviceView(t: TestServer, token: string, complexId: number, id: number) {
  const r = await t.api('GET', `/api/v1/complexes/${complexId}/devices`, { token });
  return (r.body.items as any[]).find((x) => x.id === id);
}

/** Waits until the ingest processed and wrote everything received so far. */
export async function settle(t: TestServer, ms = 300) {
  await new Promise((r) => setTimeout(r, ms));
  await t.deps.iot!.ingest.drain();
}
