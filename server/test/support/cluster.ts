import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { TokenService } from '../../src/domain/auth/tokens';

/**
 * Several real server processes on one database and Redis behind nginx: what the replicas test
 * and bench/replicas.ts run. Each replica is `tsx server/src/main.ts`, as in production.
 */

const root = path.resolve(__dirname, '../../..');
export const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface Replica {
  name: string;
  port: number;
  child: ChildProcess;
  /** stdout + stderr so far */
  output(): string;
  /** SIGTERM (graceful) and wait for the exit code */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

async function waitHealthy(port: number, child: ChildProcess, output: () => string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`replica on ${port} exited ${child.exitCode}: ${output().slice(-2000)}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`replica on ${port} not healthy within ${ms} ms: ${output().slice(-2000)}`);
}

/** Starts one replica (`tsx server/src/main.ts`) and resolves once /healthz answers 200. */
export async function startReplica(name: string, env: Record<string, string | undefined>, ms = 90_000): Promise<Replica> {
  const port = await freePort();
  // node with tsx's loader rather than the tsx wrapper: the pid is the server itself, so a signal
  // reaches it directly and nothing is left behind.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/main.ts')], {
    cwd: root,
    // Replicas share one outside broker, as in production (docs/DEPLOY.md); without MQTT_URL each
    // would start its own embedded broker on the same MQTT_PORT.
    env: { ...env, MQTT_URL: env.MQTT_URL ?? process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883', PORT: String(port), HOST: '127.0.0.1' } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const replica: Replica = {
    name,
    port,
    child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
  try {
    await waitHealthy(port, child, replica.output, ms);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return replica;
}

export interface Balancer {
  port: number;
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** nginx in front of the replicas (round robin, keep-alive upstream), with a config of its own. */
export async function startNginx(upstreamPorts: number[]): Promise<Balancer> {
  if (!fs.existsSync(NGINX)) {
    throw new Error(`nginx not found at ${NGINX}: install Debian's package (apt-get install -y nginx; .ci/run does it) or set NGINX_BIN`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfh-nginx-'));
  const port = await freePort();
  const conf = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream xfh {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port} backlog=4096;
    client_max_body_size 6m;
    location / {
      proxy_pass http://xfh;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      # one proxy layer: overwrite, never append, so a client cannot pick its own address (TRUST_PROXY=1)
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      # a replica that is gone (connection refused) → the next one; a POST already sent is never replayed
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }
  }
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  // stderr to a file: nginx's worker inherits it, and an inherited pipe would keep jest open
  const errFd = fs.openSync(path.join(dir, 'stderr.log'), 'w');
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', errFd] });
  fs.closeSync(errFd);
  const readErr = () => fs.readFileSync(path.join(dir, 'stderr.log'), 'utf8') + fs.readFileSync(path.join(dir, 'error.log'), { encoding: 'utf8', flag: 'a+' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${readErr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > until) throw new Error(`nginx did not listen on ${port}: ${readErr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dir,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Residents created straight in the database, each with a login session and an access token. */
export async function mintResidents(url: string, jwtSecret: string, n: number, ttlSeconds = 900): Promise<Array<{ id: number; sid: number; token: string }>> {
  const conn = await mysql.createConnection(url);
  try {
    const [ins] = await conn.query<mysql.ResultSetHeader>(`INSERT INTO users (role, nickname) VALUES ${Array.from({ length: n }, () => "('resident','压测居民')").join(',')}`);
    const ids = Array.from({ length: n }, (_, i) => ins.insertId + i);
    const [sess] = await conn.query<mysql.ResultSetHeader>(`INSERT INTO auth_sessions (user_id, method) VALUES ${ids.map(() => "(?, 'dev')").join(',')}`, ids);
    const tokens = new TokenService(jwtSecret, ttlSeconds);
    return ids.map((id, i) => ({ id, sid: sess.insertId + i, token: tokens.signAccess({ uid: id, role: 'resident', sid: sess.insertId + i }) }));
  } finally {
    await conn.end();
  }
}

/** An activity with `capacity` seats and no waiting list, starting in three days. */
export async function makeActivity(url: string, capacity: number, title = '多副本压测'): Promise<number> {
  const conn = await mysql.createConnection(url);
  try {
    const [[creator]] = await conn.query<mysql.RowDataPacket[]>(`SELECT id FROM users WHERE role = 'worker' ORDER BY id LIMIT 1`);
    const start = new Date(Date.now() + 3 * 86_400_000);
    const [r] = await conn.query<mysql.ResultSetHeader>(
      `INSERT INTO activities (complex_id, created_by, title, start_at, end_at, capacity, waitlist_capacity, status) VALUES (1, ?, ?, ?, ?, ?, 0, 'published')`,
      [creator.id, title, start, new Date(start.getTime() + 7_200_000), capacity],
    );
    return r.insertId;
  } finally {
    await conn.end();
  }
}

/** booked_count and the booked rows of one activity, and the users holding them. */
export async function seatsOf(url: string, activityId: number): Promise<{ counter: number; rows: number; users: number[] }> {
  const conn = await mysql.createConnection(url);
  try {
    const [[a]] = await conn.query<mysql.RowDataPacket[]>('SELECT booked_count FROM activities WHERE id = ?', [activityId]);
    const [rows] = await conn.query<mysql.RowDataPacket[]>("SELECT user_id FROM bookings WHERE activity_id = ? AND status = 'booked' ORDER BY user_id", [activityId]);
    return { counter: Number(a.booked_count), rows: rows.length, users: rows.map((r) => Number(r.user_id)) };
  } finally {
    await conn.end();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 600 });

export interface Answer {
  status: number;
  body: any;
  headers: http.IncomingHttpHeaders;
}

/** One HTTP request; a network error resolves as status 0 (the caller decides to retry). */
export function call(port: number, method: string, p: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const data = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: p,
        agent,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(data ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) } : {}),
          ...(opts.headers ?? {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON (an nginx error page) */
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
        res.on('error', () => resolve({ status: 0, body: undefined, headers: {} }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: undefined, headers: {} }));
    if (data) req.write(data);
    req.end();
  });
}

/**
 * Books like the mini-program does: one Idempotency-Key per tap, retried on a network error,
 * 502 or 503 (a replica going away) until a definite answer. Returns the answer and the tries.
 */
export async function bookWithRetry(port: number, activityId: number, token: string, key: string, maxTries = 20): Promise<Answer & { tries: number }> {
  for (let tries = 1; ; tries++) {
    const r = await call(port, 'POST', `/api/v1/activities/${activityId}/bookings`, { token, headers: { 'idempotency-key': key } });
    const retryable = r.status === 0 || r.status === 502 || r.status === 503 || (r.status === 409 && r.body?.error?.code === 'request_in_progress');
    if (!retryable || tries >= maxTries) return { ...r, tries };
    await new Promise((res) => setTimeout(res, 50 * tries));
  }
}

export function destroyAgent() {
  agent.destroy();
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
