// Helpers for the browser tests: Debian Chromium driven by playwright-core against the H5 build
// served by the real server (BASE_URL, set by e2e/run.mjs).
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
export const SCREENSHOT_DIR = path.join(here, 'screenshots');
export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:3000').replace(/\/$/, '');
export const VIEWPORT = { width: 375, height: 740 };
const AXE_PATH = path.join(root, 'node_modules', 'axe-core', 'axe.min.js');

// Keeps Chromium quiet on a closed network (no update checks, no component downloads).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A fresh browser profile (no storage, so the app sees a first launch) with a phone-sized page.
 * Returns { context, page, close }.
 */
export async function launch({ viewport = VIEWPORT, permissions = [] } = {}) {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'xfh-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    permissions,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15000);
  const consoleErrors = [];
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a hash route of the H5 app with a full page load (the app starts afresh from its stored
 * session), e.g. goto(page, '/packages/places/pages/complex/index?id=1').
 */
export async function goto(page, route = '/') {
  const hash = route === '/' ? '' : `#${route.startsWith('/') ? route : `/${route}`}`;
  const url = `${BASE_URL}/${hash}`;
  // A change of hash alone would not reload the app.
  if (page.url().startsWith(BASE_URL)) await page.goto('about:blank');
  await page.goto(url);
  await settle(page);
}

/** Waits for the page-slide animation to finish (Taro H5 router), so screenshots are stable. */
export async function settle(page, ms = 600) {
  await page.waitForLoadState('domcontentloaded');
  await page.waitForTimeout(ms);
}

/** The current hash route without the leading '#', e.g. '/pages/home/index'. */
export async function currentRoute(page) {
  return page.evaluate(() => decodeURIComponent(location.hash.replace(/^#/, '')).split('?')[0]);
}

export async function waitForRoute(page, route, timeout = 15000) {
  await page.waitForFunction((r) => decodeURIComponent(location.hash).startsWith(`#${r}`), route, { timeout });
  await settle(page);
}

/** The visible page of Taro's H5 router (earlier pages stay in the DOM, hidden). */
export function currentPage(page) {
  return page.locator('.taro_page:visible').last();
}

/** Accepts the privacy notice if it is showing. */
export async function acceptPrivacy(page) {
  await waitForRoute(page, '/packages/auth/pages/privacy/index');
  await currentPage(page).locator('#agree-privacy').click();
}

/**
 * Signs in through the real UI with the phone form (dev login): first launch → privacy notice →
 * phone → 首页 (residents) or 工作台 (staff). Works from a fresh profile or a signed-out one.
 */
export async function signIn(page, phone) {
  await goto(page, '/');
  await page.waitForFunction(() => /#\/(packages\/auth|pages)\//.test(location.hash), null, { timeout: 15000 });
  if ((await currentRoute(page)).startsWith('/packages/auth/pages/privacy')) await acceptPrivacy(page);
  await waitForRoute(page, '/packages/auth/pages/login/index');
  const form = currentPage(page);
  const input = form.locator('#phone-input input');
  await input.waitFor();
  await input.fill(phone);
  await form.locator('#phone-login').click();
  await page.waitForFunction(() => !location.hash.includes('/packages/auth/'), null, { timeout: 15000 });
  await settle(page);
}

/**
 * Runs axe-core on the current page and throws on any serious or critical violation, printing
 * them first. Returns all violations (minor ones included) for the caller to inspect.
 */
export async function axeCheck(page, label = '') {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const where = label || (await currentRoute(page));
    console.log(`axe violations on ${where}:`);
    for (const v of bad) console.log(`  [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`);
    throw new Error(`axe: ${bad.length} serious/critical violation(s) on ${where}: ${bad.map((v) => v.id).join(', ')}`);
  }
  return violations;
}

/** Saves a screenshot to e2e/screenshots/<name>.png (git-ignored). */
export async function shot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Computed font size in CSS px of the first element matching selector on the visible page. */
export async function fontSizePx(page, selector) {
  return currentPage(page)
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

/** Rendered height in CSS px of the first element matching selector on the visible page. */
export async function heightPx(page, selector) {
  const box = await currentPage(page).locator(selector).first().boundingBox();
  if (!box) throw new Error(`not visible: ${selector}`);
  return box.height;
}

/**
 * Calls the API from inside the page as the signed-in user (token from the app's storage), for
 * setting up or checking state the UI does not show. Returns { status, body }.
 */
export async function api(page, method, apiPath, body) {
  return page.evaluate(
    async ({ method, apiPath, body }) => {
      const raw = localStorage.getItem('xfh.tokens');
      const saved = raw ? JSON.parse(raw) : null;
      const token = (saved?.data ?? saved)?.accessToken;
      const res = await fetch(`/api/v1${apiPath}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, apiPath, body },
  );
}
