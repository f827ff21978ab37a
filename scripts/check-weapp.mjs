#!/usr/bin/env node
// Checks the weapp build (dist/weapp) the way WeChat would, offline:
//  1. package sizes: main package (everything outside a subpackage root) ≤ 600 KB (issue #18), every package
//     ≤ 2 MB (WeChat's own limit per package); prints them all;
//  2. WeChat's own wcc/wcsc compilers (miniprogram-compiler) on every WXML and WXSS file: they
//     catch template errors miniprogram-ci lets through (an unclosed tag, an unterminated {{);
//  3. miniprogram-ci compiles the project (missing page files, bad JSON, WXML/WXSS/JS errors).
// Run `npm run build:weapp` first.
import { existsSync, readFileSync, readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// WEAPP_DIR lets the check run on another build (e.g. a deliberately broken copy).
const outDir = path.resolve(process.env.WEAPP_DIR || path.join(root, 'dist', 'weapp'));
const MAIN_LIMIT = 600 * 1024;
const PACKAGE_LIMIT = 2 * 1024 * 1024;

function fail(message) {
  console.error(`check-weapp: ${message}`);
  process.exit(1);
}

/** Every file under dir, as [relative path with '/', size]. */
function listFiles(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) out.push(...listFiles(full, base));
    else out.push([path.relative(base, full).split(path.sep).join('/'), st.size]);
  }
  return out;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Sizes of the main package and each subpackage, from app.json. */
export function packageSizes(dir = outDir) {
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
  const sizes = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) };
  for (const [file, size] of listFiles(dir)) {
    // WeChat does not upload these: source maps, licence notes, the DevTools project file.
    if (file.endsWith('.map') || file.endsWith('.LICENSE.txt') || file === 'project.config.json' || file === 'project.private.config.json') continue;
    const owner = roots.find((r) => file.startsWith(r));
    sizes[owner ?? 'main'] += size;
  }
  return sizes;
}

function checkSizes() {
  if (!existsSync(path.join(outDir, 'app.json'))) fail('dist/weapp/app.json not found: run `npm run build:weapp` first');
  const sizes = packageSizes();
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  console.log('weapp package sizes:');
  const problems = [];
  for (const [name, size] of Object.entries(sizes)) {
    const limit = name === 'main' ? MAIN_LIMIT : PACKAGE_LIMIT;
    const ok = size <= limit;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name === 'main' ? 'main package'.padEnd(24) : name.padEnd(24)} ${kb(size).padStart(10)}  (limit ${kb(limit)})`);
    if (!ok) problems.push(`${name} is ${kb(size)}, over ${kb(limit)}`);
  }
  console.log(`  total ${kb(total)}`);
  if (problems.length) fail(`package size: ${problems.join('; ')}`);
}

function compileWithWcc() {
  const require = createRequire(import.meta.url);
  const { wxmlToJs, wxssToJs } = require('miniprogram-compiler');
  try {
    wxmlToJs(outDir);
    wxssToJs(outDir);
  } catch (err) {
    fail(`wcc/wcsc: ${err?.message ?? err}`);
  }
  console.log('wcc/wcsc: every WXML and WXSS file compiles');
}

async function compileWithMiniprogramCi() {
  const require = createRequire(import.meta.url);
  const ci = require('miniprogram-ci');
  const projectConfig = JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8'));
  const project = new ci.Project({
    appid: projectConfig.appid === 'touristappid' ? 'wx0000000000000000' : projectConfig.appid,
    type: 'miniProgram',
    projectPath: outDir,
    privateKey: 'dummy',
    // Without attr miniprogram-ci signs in to WeChat over the network.
    attr: async () => ({ ...ci.DefaultProjectAttr }),
  });
  const work = mkdtempSync(path.join(tmpdir(), 'xfh-weapp-'));
  const started = Date.now();
  // miniprogram-ci narrates every step and reports its failed (offline) call to servicewechat.com;
  // keep the output to what matters. Real compile errors arrive as the thrown error below.
  const noise = /summer-compiler|miniprogram-builder|servicewechat\.com|white ext list|^serialize|forkProcess/;
  for (const name of ['log', 'info', 'error', 'warn']) {
    const original = console[name].bind(console);
    console[name] = (...args) => {
      if (!noise.test(args.map(String).join(' '))) original(...args);
    };
  }
  try {
    await ci.getCompiledResult(
      { project, setting: { es6: true, minify: true, minifyWXML: true, minifyWXSS: true } },
      path.join(work, 'out.zip'),
    );
  } catch (err) {
    fail(`miniprogram-ci compile failed: ${err?.message ?? err}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`miniprogram-ci: compiled without errors in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

checkSizes();
compileWithWcc();
await compileWithMiniprogramCi();
// miniprogram-ci keeps handles open; the process would never exit on its own.
process.exit(0);
