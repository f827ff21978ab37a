// The sweep: every page of the app (read from miniapp/app.config.ts, so a page added tomorrow is
// covered without touching this file), opened by URL with a full reload, signed in as the role it
// is for. A page fails when, 5 s after the reload, it is still on 正在加载…, shows an English or
// raw error (codes, NaN, undefined, long tokens), scrolls sideways at 375 px, bounced the user to
// sign-in, or has a critical or serious axe finding.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, BASE_URL, currentPage, launch, signIn } from '../lib.mjs';
import { demoIds, demoQuery } from '../demoPages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every page route of app.config.ts (main package and subpackages), without a leading slash. */
function appPages() {
  const src = readFileSync(path.join(here, '..', '..', 'miniapp', 'app.config.ts'), 'utf8');
  const body = src.slice(src.indexOf('defineAppConfig(') + 'defineAppConfig('.length, src.lastIndexOf(')'));
  const config = new Function(`return (${body});`)();
  const out = config.pages.map((route) => ({ route, root: '' }));
  for (const sp of config.subPackages) for (const p of sp.pages) out.push({ route: `${sp.root}/${p}`, root: sp.root });
  return out;
}

const PHONES = {
  worker: '13900000002',
  branch_admin: '13900000003',
  elder: '13900000004',
  resident: '13900000005',
  district_admin: '13900000001',
};
// Pages a subpackage holds for another audience (as in e2e/weapp/specs/pages.spec.mjs).
const ROLE_EXCEPTIONS = {
  'packages/branch/pages/services/index': 'resident',
  'packages/branch/pages/offering/index': 'resident',
  'packages/branch/pages/branch/index': 'resident',
  'packages/branch/pages/pairings/index': 'district_admin',
  'packages/branch/pages/coverage/index': 'district_admin',
  'packages/workbench/pages/places/index': 'district_admin',
  'packages/workbench/pages/place-edit/index': 'district_admin',
  'packages/dashboard/pages/weights/index': 'district_admin',
};
const WORKER_ROOTS = new Set(['packages/workbench', 'packages/opiniondesk', 'packages/dashboard', 'packages/devices']);
// The pages 张阿姨 (elder mode) uses most: the tabs, 一键养老 and 亲情代办, booking, 提意见.
const ELDER_ROOTS = new Set(['', 'packages/elder']);
const ELDER_PAGES = new Set(['packages/booking/pages/detail/index', 'packages/booking/pages/mine/index', 'packages/roundtable/pages/submit/index', 'packages/places/pages/complex/index']);

function roleOf({ route, root }) {
  if (ROLE_EXCEPTIONS[route]) return ROLE_EXCEPTIONS[route];
  const page = route.split('/').at(-2);
  if (WORKER_ROOTS.has(root) || page.startsWith('staff-')) return 'worker';
  if (root === 'packages/branch') return 'branch_admin';
  return 'resident';
}

/** ids of seeded demo data, read through the API as the signed-in resident. */
async function demoData(page) {
  const get = async (p) => {
    const r = await api(page, 'GET', p);
    return r.status === 200 ? r.body : null;
  };
  return demoIds(get);
}


// Raw things nobody should read: error codes and exception text, JS leftovers, long tokens.
const RAW = [
  /\b(undefined|NaN|null|\[object Object\])\b/,
  /\b(Error|TypeError|Failed|Cannot|Unexpected|Network|Internal|Forbidden|Unauthorized|Not Found)\b/i,
  /\b[a-z]+_[a-z_]+\b/, // snake_case error codes (internal_error, not_found, …)
  /[A-Za-z0-9_-]{32,}/, // tokens and hashes
];

/** What is wrong with the page on screen, as a list of sentences (empty when it is fine). */
async function problemsOf(page, route) {
  const out = [];
  const deadline = Date.now() + 5000;
  let text = '';
  while (Date.now() < deadline) {
    text = await currentPage(page).innerText().catch(() => '');
    if (text.trim() && !text.includes('正在加载…')) break;
    await page.waitForTimeout(150);
  }
  const at = await page.evaluate(() => decodeURIComponent(location.hash.replace(/^#\/?/, '')).split('?')[0]);
  if (at !== route) return [`went to ${at}`];
  if (text.includes('正在加载…')) out.push('still 正在加载… after 5 s');
  if (!text.trim()) out.push('blank');
  for (const re of RAW) {
    const m = text.match(re);
    if (m) out.push(`raw text "${m[0]}"`);
  }
  if (/没有权限|仅供.{1,12}使用|请先登录/.test(text)) out.push(`not for this role: ${text.slice(0, 60)}`);
  const overflow = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    // inside a box that clips (a drawn map, a scroller), a wide child does not widen the page
    const clipped = (el) => {
      for (let p = el.parentElement; p && !p.classList.contains('taro_page'); p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('.taro_page:not([style*="display: none"]) *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1 && el.getBoundingClientRect().width > 0)
      .filter((el) => getComputedStyle(el).position !== 'fixed' && !clipped(el))
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').split(' ')[0]}`);
    return { scroll: document.documentElement.scrollWidth > w + 1, wide: wide.slice(0, 3) };
  });
  if (overflow.scroll || overflow.wide.length) out.push(`overflows 375 px: ${overflow.wide.join(', ')}`);
  try {
    await axeCheck(page, route);
  } catch (e) {
    out.push(e.message);
  }
  return out;
}

async function openByUrl(page, route, query) {
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString();
  await page.goto('about:blank');
  await page.goto(`${BASE_URL}/#/${route}${qs ? `?${qs}` : ''}`);
  await page.waitForLoadState('domcontentloaded');
  await page.waitForTimeout(300);
}

const pages = appPages();
const byRole = new Map();
for (const p of pages) {
  const role = roleOf(p);
  byRole.set(role, [...(byRole.get(role) ?? []), p]);
  if (role === 'resident' && (ELDER_ROOTS.has(p.root) || ELDER_PAGES.has(p.route))) byRole.set('elder', [...(byRole.get('elder') ?? []), p]);
}
// Every role also sees the four tabs.
for (const role of ['worker', 'branch_admin', 'district_admin']) {
  byRole.set(role, [...pages.filter((p) => p.root === ''), ...byRole.get(role)]);
}

describe('sweep: every page by URL, for each role, after a full reload', () => {
  let browser;
  let page;
  let demo;

  before(async () => {
    browser = await launch();
    page = browser.page;
    await signIn(page, PHONES.resident);
    demo = await demoData(page);
  });
  after(async () => {
    await browser?.close();
  });

  it(`lists every page (${pages.length})`, () => {
    assert.ok(pages.length > 60);
  });

  for (const [role, list] of byRole) {
    it(`${role}: ${list.length} pages load, read as Chinese, fit 375 px and pass axe`, async () => {
      await page.evaluate(() => localStorage.clear());
      await signIn(page, PHONES[role]);
      const failures = [];
      for (const p of list) {
        await openByUrl(page, p.route, demoQuery(p.route, demo));
        const found = await problemsOf(page, p.route);
        if (found.length) failures.push(`${p.route}: ${found.join('; ')}`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
