import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app';
import { bootstrap } from '../../src/bootstrap';
import { startIot } from '../../src/integrations/mqtt/broker';
import type { Clock, Deps } from '../../src/deps';
import { startWechatStandIn, type StandIn } from '../wechat/standin';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A frozen clock tests can move. */
export class TestClock implements Clock {
  constructor(private t: Date | null = null) {}
  now() {
    return this.t ? new Date(this.t) : new Date();
  }
  set(t: Date | string | null) {
    this.t = t === null ? null : new Date(t);
  }
  advance(ms: number) {
    this.t = new Date(this.now().getTime() + ms);
  }
}

export interface TestServer {
  url: string;
  deps: Deps;
  clock: TestClock;
  wechat: StandIn;
  api<T = any>(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** dev-login with a phone (seeded staff or a new resident); returns the access token and user */
  login(phone: string): Promise<{ token: string; refreshToken: string; user: any }>;
  close(): Promise<void>;
}

/**
 * The real app on a random port against the run's database (see globalSetup), with a local
 * WeChat stand-in and a controllable clock. `env` overrides configuration for this server.
 */
export async function startTestServer(env: Record<string, string> = {}, opts: { iot?: boolean } = {}): Promise<TestServer> {
  const wechat = await startWechatStandIn();
  const clock = new TestClock();
  const deps = await bootstrap({
    env: {
      ...process.env,
      DEV_LOGIN: '1',
      AUTH_RATE_LIMIT: '0',
      WRITE_QUOTA_PER_ACCOUNT: '0',
      WRITE_QUOTA_PER_ADDRESS: '0',
      // A loaded CI machine is slow, not stalled: the many-at-once suites must not turn a long
      // lock queue into 503s. resilience.test.ts sets the production timeouts it tests.
      DB_QUERY_TIMEOUT_MS: '20000',
      DB_ACQUIRE_TIMEOUT_MS: '15000',
      WECHAT_APPID: 'wx_test_appid',
      WECHAT_SECRET: 'wx_test_secret',
      WECHAT_API_BASE: wechat.url,
      WECHAT_TIMEOUT_MS: '500',
      UPLOAD_DIR: `/tmp/xfh-test-uploads-${process.pid}`,
      ...env,
    },
    clock,
    prepareDatabase: false,
  });
  // The device side only when asked: MQTT_URL (e.g. the machine's Mosquitto) or an embedded broker
  // (pass MQTT_PORT: '0' for a free port). Its sweep and retention timers stay off: tests call them.
  if (opts.iot) deps.iot = await startIot(deps, { timers: false });
  const server: http.Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api = async <T>(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = headers['content-type'] ?? 'application/json';
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };

  const login = async (phone: string) => {
    const r = await api<any>('POST', '/api/v1/auth/dev', { body: { phone } });
    if (r.status !== 200) throw new Error(`login ${phone} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return { token: r.body.accessToken as string, refreshToken: r.body.refreshToken as string, user: r.body.user };
  };

  return {
    url,
    deps,
    clock,
    wechat,
    api,
    login,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await deps.iot?.stop();
      await deps.database.close();
      deps.redis?.disconnect();
      await wechat.close();
    },
  };
}

let phoneSeq = 0;
/** A phone number no other test uses in this run (dev login makes it a new resident). */
export function uniquePhone(): string {
  phoneSeq++;
  const n = (Date.now() % 1_000_000) * 100 + (process.pid % 10) * 10000 + phoneSeq;
  return `17${String(n).padStart(9, '0').slice(-9)}`;
}
