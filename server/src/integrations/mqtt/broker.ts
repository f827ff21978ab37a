import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Deps } from '../../deps';
import { DeviceIngest, SUBSCRIPTIONS } from '../../domain/devices/ingest';
import type { Logger } from '../../logger';

/** A running embedded broker (aedes in a child process; see embeddedBroker.mjs). */
export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(host: string, port: number): Promise<EmbeddedBroker> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'embeddedBroker.mjs'), host, String(port)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const actual = await new Promise<number>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('embedded MQTT broker did not start within 10 s')), 10_000);
    child.stdout!.on('data', (b: Buffer) => {
      buf += b.toString();
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line).port);
        } catch {
          reject(new Error(`embedded MQTT broker said: ${line}`));
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded MQTT broker exited (${code}); is port ${port} in use?`));
    });
  });
  return {
    url: `mqtt://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

/** The server's device side: its MQTT connection (and embedded broker), and the ingest. */
export interface IotRuntime {
  url: string;
  client: MqttClient;
  ingest: DeviceIngest;
  embedded: EmbeddedBroker | null;
  stop(): Promise<void>;
}

/**
 * MQTT_URL set → connect to that broker; unset → start the embedded one on 127.0.0.1:MQTT_PORT.
 * The mqtt client reconnects on its own (every 2 s) and re-subscribes; a clean session is not
 * kept, so telemetry sent while the server is away is not replayed (the status topic is retained).
 */
export async function startIot(deps: Pick<Deps, 'db' | 'database' | 'logger' | 'clock' | 'config' | 'wechat'>, opts: { timers?: boolean } = {}): Promise<IotRuntime> {
  const { config, logger } = deps;
  const embedded = config.MQTT_URL ? null : await startEmbeddedBroker('127.0.0.1', config.MQTT_PORT);
  const url = config.MQTT_URL ?? embedded!.url;
  const ingest = new DeviceIngest(deps);
  await ingest.start(opts);
  // MQTT 5 to an outside broker, announcing a large receive maximum: with 3.1.1, Mosquitto lets only
  // 20 QoS 1 messages be unacknowledged per subscriber and drops beyond its queue of 1,000 whenever
  // the event loop is briefly busy. aedes (embedded) speaks 3.1.1 and does not drop.
  const client = await connectClient(url, !embedded, logger);
  client.on('message', (topic, payload) => ingest.handle(topic, payload));
  await client.subscribeAsync(SUBSCRIPTIONS, { qos: 1 });
  logger.info({ broker: url.replace(/\/\/[^@]*@/, '//'), embedded: !!embedded }, 'MQTT connected');
  return {
    url,
    client,
    ingest,
    embedded,
    stop: async () => {
      await client.endAsync().catch(() => undefined);
      await ingest.stop().catch((e) => logger.error({ err: String(e) }, 'iot final flush failed'));
      await embedded?.close();
    },
  };
}

async function connectClient(url: string, v5: boolean, logger: Logger): Promise<MqttClient> {
  const client = mqtt.connect(url, {
    clientId: `xfh-server-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    reconnectPeriod: 2000,
    connectTimeout: 5000,
    clean: true,
    ...(v5 ? { protocolVersion: 5 as const, properties: { receiveMaximum: 65535 } } : {}),
  });
  client.on('reconnect', () => logger.warn('MQTT reconnecting'));
  client.on('error', (e) => logger.warn({ err: e.message }, 'MQTT error'));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`MQTT broker at ${url} did not answer within 10 s`)), 10_000);
    client.once('connect', () => {
      clearTimeout(t);
      resolve();
    });
  });

  return client;
}
