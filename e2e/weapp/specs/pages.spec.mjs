// Every page of the BUILT app.json (main package and every subpackage, read from the file, so a
// page added tomorrow is covered without touching this test) renders in the weapp runtime for the
// role it is meant for, with its main content: no exception, no unknown wx API, no request with
// NaN/undefined in its path, not left on 正在加载…, and it does not bounce to sign-in.
//
// The role comes from where the page lives (no hand-kept list of pages):
//   subpackage workbench | opiniondesk | dashboard | devices, or a page named staff-*  → worker
//   subpackage branch                                                                  → branch admin
//   everything else                                                                    → resident
// with the few exceptions in ROLE_EXCEPTIONS (pages a subpackage holds for another audience:
// 党员服务 pages residents browse, the district's pairing tools). A new page needs no entry unless
// it is such an exception; a page that answers its role with 没有权限 / 仅供…使用 fails the test.
// Pages that take ?id= get the id of seeded demo data when the harness knows where to find one
// (demoQuery below, by page name); any other page is opened without a query and must then show
// a sensible empty or error state instead of spinning.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, appPages, createApp, devLogin } from '../app.mjs';
import { demoIds, demoQuery } from '../../demoPages.mjs';

const ROLES = {
  worker: '13900000002',
  branch_admin: '13900000003',
  resident: '13900000005',
  district_admin: '13900000001',
};
const ROLE_EXCEPTIONS = {
  'packages/branch/pages/services/index': 'resident',
  'packages/branch/pages/offering/index': 'resident',
  'packages/branch/pages/branch/index': 'resident',
  'packages/branch/pages/pairings/index': 'district_admin',
  'packages/branch/pages/coverage/index': 'district_admin',
};
const WORKER_ROOTS = new Set(['packages/workbench', 'packages/opiniondesk', 'packages/dashboard', 'packages/devices']);

export function roleOf({ route, root }) {
  if (ROLE_EXCEPTIONS[route]) return ROLE_EXCEPTIONS[route];
  const page = route.split('/').at(-2);
  if (WORKER_ROOTS.has(root) || page.startsWith('staff-')) return 'worker';
  if (root === 'packages/branch') return 'branch_admin';
  return 'resident';
}

const LOADING = '正在加载…';
const app = createApp();
after(() => app.close());

/** ids of seeded demo data, found through the API. */
async function demoData() {
  const r = await devLogin(ROLES.resident);
  const get = async (p, token = r.accessToken) => {
    const res = await api('GET', p, { token });
    return res.status === 200 ? res.body : null;
  };
  return demoIds(get);
}

/** The query a page is opened with: ids of demo data for the pages that show one thing. */

const pages = appPages();
const byRole = new Map();
for (const p of pages) {
  const role = roleOf(p);
  byRole.set(role, [...(byRole.get(role) ?? []), p]);
}

test(`app.json lists pages in every package (${pages.length} pages)`, () => {
  assert.ok(pages.length >= 4);
});

let demo;
let launched = false;
for (const [role, list] of byRole) {
  test(`${role}: ${list.length} pages render with their content`, async (t) => {
    demo ??= await demoData();
    await app.signInAs(ROLES[role]);
    if (launched) await app.relaunch('/pages/home/index');
    else await app.launch('/pages/home/index');
    launched = true;
    await app.settle();
    const failures = [];
    for (const p of list) {
      const query = Object.fromEntries(Object.entries(demoQuery(p.route, demo)).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
      const problemsBefore = app.problems().length;
      const requestsBefore = app.calls('request').length;
      app.navigate({ type: 'reLaunch', route: p.route, query });
      try {
        await app.waitForRoute(p.route, { timeout: 8000 });
        await app.settle();
        await app.waitFor((text) => text.length > 0 && !text.includes(LOADING), { timeout: 6000 });
        await app.settle();
      } catch (e) {
        failures.push(`${p.route}: ${e.message.slice(0, 300)}`);
      }
      const bad = app.calls('request').slice(requestsBefore).filter((r) => /\/(NaN|undefined|null)(\/|\?|$)/.test(r.url));
      if (bad.length) failures.push(`${p.route}: requested ${bad.map((r) => r.url).join(', ')}`);
      const problems = app.problems().slice(problemsBefore);
      if (problems.length) failures.push(`${p.route}: ${problems.join('; ').slice(0, 400)}`);
      if (app.page?.route !== p.route) failures.push(`${p.route}: went to ${app.page?.route}`);
      if (/没有权限|仅供.{1,12}使用|请先登录/.test(app.page?.text() ?? '')) failures.push(`${p.route}: not for ${role}: ${app.page.text().slice(0, 120)}`);
      // Nothing this app renders may be literally "NaN" or "undefined".
      if (/\bNaN\b|\bundefined\b/.test(app.page?.text() ?? '')) failures.push(`${p.route}: shows NaN/undefined: ${app.page.text().slice(0, 200)}`);
      t.diagnostic(`${p.route}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}: ${app.page?.text().slice(0, 60)}`);
    }
    assert.deepEqual(failures, []);
  });
}

test('pages opened without their ?id= show an error state and ask the server for nothing broken', async () => {
  await app.signInAs(ROLES.resident);
  await app.relaunch('/pages/home/index');
  await app.settle();
  for (const route of ['packages/elder/pages/book/index', 'packages/elder/pages/senior/index', 'packages/roundtable/pages/detail/index']) {
    const before = app.calls('request').length;
    app.navigate({ type: 'reLaunch', route, query: {} });
    await app.waitForRoute(route);
    await app.waitFor((text) => text.length > 0 && !text.includes(LOADING));
    const sent = app.calls('request').slice(before).map((r) => r.url);
    assert.ok(!sent.some((u) => /NaN|undefined/.test(u)), `${route} sent ${sent.join(', ')}`);
    assert.match(app.page.text(), /请先在“亲情代办”里选择要代办的长辈|页面链接不完整/);
  }
  assert.deepEqual(app.problems(), []);
});

test('a signed-in user without a branch sees why on 支部服务记录, not a spinner', async () => {
  await app.signInAs('13911112099');
  await app.relaunch('/packages/branch/pages/records/index');
  await app.waitForRoute('packages/branch/pages/records/index');
  await app.waitFor('您的账号还没有关联党支部');
  assert.ok(!app.page.text().includes(LOADING));
  assert.deepEqual(app.problems(), []);
});
