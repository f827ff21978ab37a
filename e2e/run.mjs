#!/usr/bin/env node
// Browser tests, end to end: a fresh database, the real server serving the H5 build, Chromium.
//   1. picks a free port and a unique database name (xfh_e2e_<timestamp>);
//   2. starts the server (it creates, migrates and seeds the database; its embedded MQTT broker on a
//      free port, passed to the specs as MQTT_URL) and waits for /healthz;
//   3. runs every e2e/specs/*.spec.mjs with Node's test runner (BASE_URL set), one at a time;
//   4. stops the server, drops the database, exits with the test runner's code.
// Needs `npm run build:h5` first, MariaDB/MySQL on DATABASE_URL's host and /usr/bin/chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { freePort, spawnServer, stop, waitForHealth } from './processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const mysql = require('mysql2/promise');

const artifacts = path.join(here, '.artifacts');
const h5Dir = path.join(root, 'dist', 'h5');
// The database server to create the throw-away database on (no database name).
const dbServer = (process.env.E2E_DATABASE_SERVER || 'mysql://root@127.0.0.1:3306').replace(/\/+$/, '');
const dbName = `xfh_e2e_${Date.now()}`;

async function dropDatabase() {
  const conn = await mysql.createConnection(`${dbServer}/`);
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  } finally {
    await conn.end();
  }
}

async function main() {
  if (!existsSync(path.join(h5Dir, 'index.html'))) {
    console.error('e2e: dist/h5/index.html not found: run `npm run build:h5` first');
    return 1;
  }
  const specs = readdirSync(path.join(here, 'specs'))
    .filter((f) => f.endsWith('.spec.mjs'))
    // `node e2e/run.mjs elder booking` runs only the specs whose names contain those words
    .filter((f) => process.argv.length <= 2 || process.argv.slice(2).some((w) => f.includes(w)))
    .sort()
    .map((f) => path.join('e2e', 'specs', f));
  if (specs.length === 0) {
    console.error('e2e: no e2e/specs/*.spec.mjs found');
    return 1;
  }

  mkdirSync(artifacts, { recursive: true });
  const port = await freePort();
  // the server starts its embedded MQTT broker (no MQTT_URL) on a free port; specs get it as MQTT_URL
  const mqttPort = await freePort();
  const mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(artifacts, 'server.log');
  console.log(`e2e: server on ${baseUrl}, database ${dbName}, log ${path.relative(root, logFile)}`);

  const server = spawnServer({
    root,
    port,
    databaseUrl: `${dbServer}/${dbName}`,
    logFile,
    env: { WRITE_QUOTA_PER_ADDRESS: '0', H5_DIR: h5Dir, MQTT_URL: '', MQTT_PORT: String(mqttPort) },
  });

  const cleanup = async () => {
    await stop(server);
    await dropDatabase().catch((err) => console.error(`e2e: could not drop ${dbName}: ${err.message}`));
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
    console.log(`e2e: server ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    code = await new Promise((resolve) => {
      const runner = spawn(
        process.execPath,
        ['--test', '--test-concurrency=1', '--test-reporter=spec', ...specs],
        { cwd: root, env: { ...process.env, BASE_URL: baseUrl, MQTT_URL: mqttUrl }, stdio: 'inherit' },
      );
      runner.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
    });
  } catch (err) {
    console.error(`e2e: ${err.message}`);
    console.error(readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n'));
  } finally {
    await cleanup();
  }
  return code;
}

process.exit(await main());
