#!/usr/bin/env node
// `npm start`: build the H5 app when it is missing or older than its sources, then run the server
// (which creates the database if needed, migrates, seeds an empty one and serves API + H5).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const h5Dir = path.resolve(root, process.env.H5_DIR ?? 'dist/h5');
const index = path.join(h5Dir, 'index.html');

function newestMtime(dir) {
  let newest = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of dir) if (fs.existsSync(d)) walk(d);
  return newest;
}

const sources = [path.join(root, 'miniapp'), path.join(root, 'config'), path.join(root, 'shared')];
const stale = !fs.existsSync(index) || newestMtime(sources) > fs.statSync(index).mtimeMs;
if (stale && process.env.SKIP_H5_BUILD !== '1') {
  console.log('[start] building the H5 app (npm run build:h5)…');
  const r = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[start] H5 build failed; the API will still start, the app page will say it is not built');
  }
}

const env = { DEV_LOGIN: '1', ...process.env };
const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'server/src/main.ts')], { cwd: root, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
