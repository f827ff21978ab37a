import { spawn } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../src/app';
import { bootstrap } from '../src/bootstrap';
import { dropDatabase } from '../src/db/client';
import { startWechatStandIn } from './wechat/standin';

const root = path.resolve(__dirname, '../..');

describe('logs', () => {
  it('carry request ids and never a token, a code or a phone number', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const wechat = await startWechatStandIn();
    const deps = await bootstrap({
      env: { ...process.env, DEV_LOGIN: '1', AUTH_RATE_LIMIT: '0', WECHAT_API_BASE: wechat.url, WECHAT_APPID: 'wx_test_appid', WECHAT_SECRET: 'wx_test_secret' },
      prepareDatabase: false,
    });
    deps.logger = pino({ level: 'debug' }, sink);
    const server = createApp(deps).listen(0);
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = (p: string, body: unknown, token?: string) =>
      fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }).then((r) => r.json());
    try {
      const phone = '13812345678';
      const login = await post('/api/v1/auth/dev', { phone });
      const refreshed = await post('/api/v1/auth/refresh', { refreshToken: login.refreshToken });
      await post('/api/v1/auth/wechat', { code: 'bad-secret-code-123' });
      await post('/api/v1/auth/wechat', { code: 'code-visible-nowhere' });
      await fetch(`${url}/api/v1/me?token=${login.accessToken}`, { headers: { authorization: `Bearer ${refreshed.accessToken}` } });
      const all = lines.join('');
      expect(lines.length).toBeGreaterThanOrEqual(5);
      expect(all).toMatch(/"requestId":"[0-9a-f-]{36}"/);
      for (const secret of [phone, login.accessToken, login.refreshToken, refreshed.accessToken, 'bad-secret-code-123', 'code-visible-nowhere', 'c2Vzc2lvbmtleQ==']) {
        expect(all).not.toContain(secret);
      }
    } finally {
      server.close();
      await deps.database.close();
      await wechat.close();
    }
  });
});

describe('process', () => {
  it('starts on an empty database and shuts down cleanly on SIGTERM', async () => {
    const url = process.env.DATABASE_URL!.replace(/\/[^/]+$/, `/xfh_proc_${Date.now().toString(36)}`);
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/src/main.ts')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, PORT: '0', MQTT_PORT: '0', LOG_LEVEL: 'info', SEED_DEMO: '0' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listen line: ${out}`)), 45_000);
        child.stdout.on('data', () => {
          const m = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const streets = await (await fetch(`http://127.0.0.1:${port}/api/v1/streets`)).json();
      expect(streets.items).toHaveLength(11);
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('shutting down');
    } finally {
      child.kill('SIGKILL');
      await dropDatabase(url);
    }
  });

  it('refuses to start with a bad variable, naming it in one line', async () => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/src/main.ts')], { cwd: root, env: { ...process.env, PORT: 'three thousand' } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^Invalid configuration: PORT/);
  });
});
