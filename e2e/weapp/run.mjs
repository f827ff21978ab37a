#!/usr/bin/env node
// The WeChat build, run (not only compiled): `npm run test:weapp`.
//   1. starts the WeChat stand-in (server/test/wechat/standin.ts, the one jest uses) and a small
//      control endpoint the specs use to read what it was asked and to switch its answers;
//   2. starts the real server on a fresh database (xfh_weapp_<timestamp>), a free port,
//      DEV_LOGIN=1, WECHAT_API_BASE = the stand-in, subscribe templates configured;
//   3. runs e2e/weapp/specs/*.spec.mjs with Node's test runner, one file at a time (each file is
//      one WeChat client: its own process, storage and app instance);
//   4. stops everything and drops the database.
// Needs `npm run build:weapp` first (its API origin is TARO_APP_API_BASE of .env.development;
// the shim sends requests for that origin to the test server). `node e2e/weapp/run.mjs pages`
// runs only the specs whose names contain "pages".
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { tsImport } from 'tsx/esm/api';
import { freePort, spawnServer, stop, waitForHealth } from '../processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');

const artifacts = path.join(here, '.artifacts');
const weappDir = path.join(root, 'dist', 'weapp');
const dbServer = (process.env.E2E_DATABASE_SERVER || 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const dbName = `xfh_weapp_${Date.now()}`;
const APPID = 'wx_test_appid';
const SECRET = 'wx_test_secret';
export const TEMPLATES = { opinion: 'tpl_opinion_progress', meeting: 'tpl_meeting_minutes' };

/** The built app's API origin: what `npm run build:weapp` baked in (.env.development). */
function builtOrigin() {
  const env = readFileSync(path.join(root, '.env.development'), 'utf8');
  const m = env.match(/^TARO_APP_API_BASE=(.*)$/m);
  return (m?.[1] ?? '').trim();
}

/** GET /calls → what the stand-in was asked; POST /state {riskyWords, reviewWords, down} → its answers. */
function controlServer(standIn) {
  const srv = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/calls') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ calls: standIn.calls, sent: standIn.sent }));
      }
      if (req.method === 'POST' && req.url === '/state') {
        const s = JSON.parse(raw || '{}');
        for (const k of ['riskyWords', 'reviewWords', 'down', 'slow']) if (k in s) standIn[k] = s[k];
        res.writeHead(204);
        return res.end();
      }
      res.writeHead(404);
      res.end();
    });
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({ srv, url: `http://127.0.0.1:${srv.address().port}` })));
}

async function main() {
  if (!existsSync(path.join(weappDir, 'app.json'))) {
    console.error('weapp: dist/weapp/app.json not found: run `npm run build:weapp` first');
    return 1;
  }
  const words = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const specs = readdirSync(path.join(here, 'specs'))
    .filter((f) => f.endsWith('.spec.mjs'))
    .filter((f) => words.length === 0 || words.some((w) => f.includes(w)))
    .sort()
    .map((f) => path.join('e2e', 'weapp', 'specs', f));
  if (specs.length === 0) {
    console.error('weapp: no e2e/weapp/specs/*.spec.mjs matched');
    return 1;
  }
  const origin = builtOrigin();
  if (!origin) {
    console.error('weapp: .env.development has no TARO_APP_API_BASE');
    return 1;
  }

  mkdirSync(artifacts, { recursive: true });
  const { startWechatStandIn } = await tsImport(pathToFileURL(path.join(root, 'server/test/wechat/standin.ts')).href, import.meta.url);
  const standIn = await startWechatStandIn({ appid: APPID, secret: SECRET });
  const control = await controlServer(standIn);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(artifacts, 'server.log');
  console.log(`weapp: server on ${baseUrl}, database ${dbName}, WeChat stand-in ${standIn.url}, log ${path.relative(root, logFile)}`);

  const server = spawnServer({
    root,
    port,
    databaseUrl: `${dbServer}/${dbName}`,
    logFile,
    env: {
      // one phone, many requests from 127.0.0.1: no write quota; the embedded broker on any free port
      WRITE_QUOTA_PER_ADDRESS: '0',
      MQTT_PORT: '0',
      WECHAT_APPID: APPID,
      WECHAT_SECRET: SECRET,
      WECHAT_API_BASE: standIn.url,
      WECHAT_TPL_OPINION: TEMPLATES.opinion,
      WECHAT_TPL_MEETING: TEMPLATES.meeting,
    },
  });

  const cleanup = async () => {
    await stop(server);
    await standIn.close().catch(() => undefined);
    control.srv.close();
    const conn = await mysql.createConnection(`${dbServer}/`).catch(() => null);
    if (conn) {
      await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch((err) => console.error(`weapp: could not drop ${dbName}: ${err.message}`));
      await conn.end();
    }
  };
  const onSignal = (signal) => {
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let code = 1;
  try {
    const started = Date.now();
    await waitForHealth(baseUrl, server);
    console.log(`weapp: server ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (process.argv.includes('--serve')) {
      // Keep everything up to run single specs by hand: node --test e2e/weapp/specs/<file> with these.
      console.log(`WEAPP_API_URL=${baseUrl} WEAPP_BUILT_ORIGIN=${origin} WEAPP_STANDIN_CONTROL=${control.url}`);
      await new Promise(() => undefined);
    }
    code = await new Promise((resolve) => {
      const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-force-exit', '--test-reporter=spec', ...specs], {
        cwd: root,
        env: {
          ...process.env,
          WEAPP_API_URL: baseUrl,
          WEAPP_BUILT_ORIGIN: origin,
          WEAPP_STANDIN_CONTROL: control.url,
          WEAPP_TEMPLATES: JSON.stringify(TEMPLATES),
        },
        stdio: 'inherit',
      });
      runner.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
  } catch (err) {
    console.error(`weapp: ${err.message}`);
    console.error(readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n'));
  } finally {
    await cleanup();
  }
  return code;
}

process.exit(await main());
