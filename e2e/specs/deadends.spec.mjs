// Issue #15, "dead ends and traps": one test per numbered item, in a real browser at 375 px.
// Each asserts what a resident or worker sees and can do, so it fails on the code before the fix.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, currentRoute, goto, launch, settle, shot, signIn, waitForRoute } from '../lib.mjs';

const WORKER = '13900000002'; // seeded worker of complex 1
const ADMIN = '13900000001';
const BRANCH = '13900000003';
const ELDER = '13900000004'; // 张阿姨, elder mode, home complex 1
const XIAOLI = '13900000005'; // 小李, home complex 1, approved volunteer
const NEWBIE = '13812349151'; // a first-time resident: no home complex

/** Counts the taps (clicks) made through it, for the "at most 3 taps" rule. */
function tapCounter() {
  let n = 0;
  return {
    tap: async (locator, opts) => {
      n += 1;
      await locator.click(opts);
    },
    get count() {
      return n;
    },
  };
}

describe('#15 dead ends and traps (H5)', () => {
  let resident; // NEWBIE, located next to a complex that is not the first of the list
  let worker;
  let elder;
  let near; // the complex the new resident stands next to
  let first; // the first complex of the default list

  before(async () => {
    worker = await launch();
    await signIn(worker.page, WORKER);
    const list = (await api(worker.page, 'GET', '/complexes?limit=100')).body.items;
    first = list[0];
    near = list.find((c) => c.id !== first.id && c.id !== 1) ?? list[1];
    resident = await launch({ permissions: ['geolocation'] });
    await resident.context.setGeolocation({ latitude: near.lat + 0.0004, longitude: near.lng + 0.0004 });
    await signIn(resident.page, NEWBIE);
    elder = await launch();
    await signIn(elder.page, ELDER);
  });
  after(async () => {
    for (const b of [resident, worker, elder]) {
      assert.deepEqual(b?.consoleErrors ?? [], [], 'no uncaught errors in the page');
      await b?.close();
    }
  });

  it('1. the voting hint names a step that exists: 我的 → 我的综合体', async () => {
    const page = resident.page;
    const now = Date.now();
    const vote = await api(worker.page, 'POST', '/votes', {
      complexId: 1,
      question: '社区花园改造方案',
      options: ['方案一', '方案二'],
      eligibility: { type: 'community' },
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    });
    assert.equal(vote.status, 201, JSON.stringify(vote.body));
    await goto(page, `/packages/roundtable/pages/vote/index?id=${vote.body.id}`);
    const hint = currentPage(page).locator('#vote-not-eligible');
    await hint.waitFor();
    assert.match(await hint.innerText(), /我的 → 我的综合体/);
    await currentPage(page).locator('#vote-go-residency').click();
    await waitForRoute(page, '/packages/places/pages/residency/index');
    // the named place really is on 我的
    await goto(page, '/pages/me/index');
    assert.match(await currentPage(page).locator('#me-residency').innerText(), /我的综合体/);
  });

  it('2. 活动, 民意 and 提意见 use the nearest complex (no home yet), say so, and change in one tap', async () => {
    const page = resident.page;
    await goto(page, '/pages/home/index');
    await currentPage(page).locator('#complex-list').getByText(near.name).first().waitFor();
    assert.equal(await currentPage(page).locator('#complex-list .xfh-complex-card').first().innerText().then((t) => t.includes(near.name)), true, '首页 lists the nearest first');

    for (const tab of ['/pages/activities/index', '/pages/opinions/index', '/packages/roundtable/pages/submit/index']) {
      await goto(page, tab);
      const bar = currentPage(page).locator('#my-complex-bar');
      await bar.waitFor();
      assert.equal((await bar.locator('#my-complex-name').innerText()).trim(), near.name, `${tab} uses the nearest complex, not ${first.name}`);
      assert.match(await bar.locator('#my-complex-source').innerText(), /离您最近/);
    }
    await shot(page, 'deadends-02-complex-bar');
    // the opinion goes to that complex
    const form = currentPage(page);
    await form.locator('#opinion-content textarea').fill('北门口的路灯坏了，晚上看不清台阶。');
    await form.locator('#opinion-send').click();
    await waitForRoute(page, '/packages/roundtable/pages/detail/index');
    const mine = (await api(page, 'GET', '/me/opinions?limit=5')).body.items[0];
    assert.equal(mine.complexId, near.id, 'the opinion went to the complex shown');

    // one tap opens the choice, one tap picks another
    await goto(page, '/pages/activities/index');
    const bar = currentPage(page).locator('#my-complex-bar');
    await bar.locator('#my-complex-change').click();
    await bar.locator(`#my-complex-option-${first.id}`).click();
    await bar.locator('#my-complex-name', { hasText: first.name }).waitFor();
    assert.match(await bar.locator('#my-complex-source').innerText(), /您选的/);
  });

  it('2b. a resident with a home complex gets it everywhere, wherever they stand', async () => {
    const b = await launch({ permissions: ['geolocation'] });
    try {
      await b.context.setGeolocation({ latitude: near.lat, longitude: near.lng });
      await signIn(b.page, XIAOLI);
      const home = (await api(b.page, 'GET', '/me')).body.residency;
      await goto(b.page, '/pages/opinions/index');
      const bar = currentPage(b.page).locator('#my-complex-bar');
      await bar.waitFor();
      assert.equal((await bar.locator('#my-complex-name').innerText()).trim(), home.complexName);
      assert.match(await bar.locator('#my-complex-source').innerText(), /我家的/);
    } finally {
      await b.close();
    }
  });

  it('3. a complex page leads to its activities and bookings; the map is a map whose places open', async () => {
    const page = elder.page;
    await goto(page, '/packages/places/pages/complex/index?id=1');
    const c = currentPage(page);
    const card = c.locator('#complex-activities [id^="activity-"]').first();
    await card.waitFor();
    await card.click();
    await waitForRoute(page, '/packages/booking/pages/detail/index');
    await goto(page, '/packages/places/pages/complex/index?id=1');
    const detail = (await api(page, 'GET', '/complexes/1')).body;
    const bookable = detail.spaces.find((s) => s.bookable);
    await currentPage(page).locator(`#space-item-${bookable.id}`).click();
    await waitForRoute(page, '/packages/booking/pages/space/index');

    // 民生地图 in the browser: a drawn base (district outline, streets) with markers that open
    const m = await launch({ permissions: ['geolocation'] });
    try {
      await m.context.setGeolocation({ latitude: detail.lat, longitude: detail.lng });
      await signIn(m.page, XIAOLI);
      await goto(m.page, '/packages/map/pages/index/index');
      const map = currentPage(m.page).locator('#map-view');
      await map.waitFor();
      assert.ok((await map.locator('svg polygon').count()) >= 1, 'the district outline is drawn');
      assert.ok((await map.locator('svg polyline').count()) >= 3, 'streets are drawn');
      const markers = map.locator('[id^="map-marker-"]');
      assert.ok((await markers.count()) > 0, 'places have markers');
      await shot(m.page, 'deadends-03-map');
      await axeCheck(m.page, '民生地图');
      // spaces of one building share a spot: the marker drawn last is the one on top
      await markers.last().click();
      await m.page.waitForFunction(() => /booking\/pages\/space|places\/pages\/complex/.test(location.hash));
      await goto(m.page, '/packages/map/pages/index/index');
      const row = currentPage(m.page).locator('#map-list [id^="space-"]').first();
      await row.waitFor();
      await row.click();
      await m.page.waitForFunction(() => /booking\/pages\/space|places\/pages\/complex/.test(location.hash));
    } finally {
      await m.close();
    }
  });

  it('4. worker pages load by themselves after a reload (志愿岗位, 兑换目录)', async () => {
    const page = worker.page;
    for (const [route, ready] of [
      ['/packages/volunteer/pages/staff-posts/index', '#publish-post'],
      ['/packages/points/pages/staff-rewards/index', '.xfh-vp-item'],
    ]) {
      await goto(page, route);
      await currentPage(page).locator(ready).first().waitFor({ timeout: 5000 });
      assert.ok(!(await currentPage(page).innerText()).includes('正在加载…'), `${route} is not stuck loading`);
    }
  });

  it('5. a check-in held back by the daily cap says so and why; demo accounts can redeem at once', async () => {
    const page = resident.page;
    const start = Date.now() + 10 * 60_000;
    const ids = [];
    for (const title of ['午间健康讲座', '下午书法课']) {
      const a = await api(worker.page, 'POST', '/activities', {
        complexId: 1,
        title,
        category: '健康',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 60 * 60_000).toISOString(),
        capacity: 20,
        pointsReward: 40,
        status: 'published',
      });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      ids.push(a.body.id);
      assert.equal((await api(page, 'POST', `/activities/${a.body.id}/bookings`)).status, 201);
    }
    const checkIn = async (id) => {
      const code = (await api(worker.page, 'GET', `/activities/${id}/checkin-code`)).body.code;
      await goto(page, '/packages/booking/pages/checkin/index');
      const p = currentPage(page);
      await p.locator('#checkin-code input').fill(code);
      await p.getByText('签到', { exact: true }).last().click();
      await p.locator('#checkin-result').waitFor();
      return p.locator('#checkin-result').innerText();
    };
    assert.match(await checkIn(ids[0]), /获得 40 积分/);
    const second = await checkIn(ids[1]);
    assert.match(second, /获得 10 积分/);
    assert.match(second, /每日上限（每天最多 50 分）/, 'the card promised 40: the cap is named');
    await shot(page, 'deadends-05-capped');

    const demo = await launch();
    try {
      await signIn(demo.page, XIAOLI);
      const balance = (await api(demo.page, 'GET', '/me/points')).body.balance;
      assert.ok(balance >= 20, `demo balance ${balance}`);
      const rewards = (await api(demo.page, 'GET', '/rewards?complexId=1')).body.items;
      assert.ok(rewards.some((r) => r.pointsCost <= 50 && r.pointsCost <= balance), 'a reward cheaper than a day of check-ins');
    } finally {
      await demo.close();
    }
  });

  it('6. a form shows each field\'s own message from the server next to the field', async () => {
    const page = worker.page;
    await goto(page, '/packages/volunteer/pages/staff-posts/index');
    const form = currentPage(page).locator('#publish-post');
    await form.waitFor();
    await form.locator('#post-title-input input').fill('周末助老配送');
    await form.locator('input[aria-label="名额"]').fill('0');
    await form.locator('#publish-submit').click();
    const msg = form.locator('#field-error-positions');
    await msg.waitFor();
    assert.ok((await msg.innerText()).trim().length > 0);
    assert.doesNotMatch(await msg.innerText(), /提交的内容有误/);
    await shot(page, 'deadends-06-field-error');

    await goto(page, '/packages/workbench/pages/activity-edit/index');
    const edit = currentPage(page);
    await edit.locator('#f-title input').fill('测试活动');
    await edit.locator('#f-capacity input').fill('0');
    await edit.locator('#save-activity').click();
    await edit.locator('#field-error-capacity').waitFor();
  });

  it('7. people read names, dates and codes: a picker of eligible people for care, no ids or tokens', async () => {
    const page = worker.page;
    const assignees = (await api(page, 'GET', '/care/assignees?complexId=1')).body.items;
    assert.ok(assignees.some((a) => a.kind === 'volunteer'), 'approved volunteers can be picked');
    await goto(page, '/packages/workbench/pages/care/index');
    await settle(page);
    assert.ok(!(await currentPage(page).innerText()).includes('用户编号'));

    // a worker running a volunteer post sees a QR, never the 40-character token
    const post = (await api(page, 'GET', '/volunteer-posts?complexId=1&limit=5')).body.items[0];
    await goto(page, `/packages/volunteer/pages/staff-post/index?id=${post.id}`);
    await currentPage(page).locator('#venue-qr img').waitFor();
    assert.doesNotMatch(await currentPage(page).innerText(), /[A-Za-z0-9_.-]{32,}/);

    const branch = await launch();
    try {
      await signIn(branch.page, BRANCH);
      const who = currentPage(branch.page).locator('#workbench-branch');
      await who.waitFor();
      assert.doesNotMatch(await who.innerText(), /编号|\d+$/);
    } finally {
      await branch.close();
    }
    await goto(elder.page, '/packages/points/pages/leaderboard/index');
    const heading = currentPage(elder.page).locator('.xfh-heading').first();
    await heading.getByText(/\d{4}年\d{1,2}月/).waitFor();
  });

  it('8. destroying or replacing asks first; a cancelled booking hides its code and can be undone', async () => {
    const page = elder.page;
    const list = (await api(page, 'GET', '/activities?complexId=1&limit=20')).body.items;
    const taken = new Set((await api(page, 'GET', '/me/bookings?limit=50')).body.items.map((b) => b.activityId));
    // one that can be cancelled (starts later than the cancel deadline) and has seats
    const a = list.find((x) => !taken.has(x.id) && x.seatsLeft > 1 && Date.parse(x.startAt) > Date.now() + 3 * 3600_000);
    assert.ok(a, 'a bookable activity in the demo data');
    const booked = await api(page, 'POST', `/activities/${a.id}/bookings`);
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    await goto(page, '/packages/booking/pages/mine/index');
    const mine = currentPage(page);
    const item = mine.locator('.xfh-mine__item', { hasText: a.title }).first();
    await item.getByText('出示预约码').click();
    await item.locator('.xfh-mine__qr img').waitFor();
    await item.getByText('取消预约', { exact: true }).click();
    // our dialog, in elder mode: big type, tall buttons, contrast that passes
    const dialog = mine.locator('#confirm-dialog');
    await dialog.waitFor();
    assert.ok(parseFloat(await dialog.locator('#confirm-dialog-title').evaluate((el) => getComputedStyle(el).fontSize)) >= 22, 'elder-size title');
    assert.ok((await dialog.locator('#confirm-dialog-ok').boundingBox()).height >= 60, 'elder-size button');
    await shot(page, 'deadends-08-dialog-elder');
    await axeCheck(page, 'cancel dialog (elder mode)');
    await dialog.locator('#confirm-dialog-ok').click();
    await mine.locator('#booking-undo').waitFor();
    assert.equal(await mine.locator('.xfh-mine__item', { hasText: a.title }).first().locator('.xfh-mine__qr').count(), 0, 'no QR for a cancelled booking');
    await mine.locator('#booking-rebook').click();
    await mine.locator('#booking-undo').waitFor({ state: 'detached' });
    const again = (await api(page, 'GET', '/me/bookings')).body.items.find((b) => b.activityId === a.id && (b.status === 'booked' || b.status === 'waitlisted'));
    assert.ok(again, 'booked again');

    // the pairing import asks before it replaces every pairing
    const admin = await launch();
    try {
      await signIn(admin.page, ADMIN);
      const before = (await api(admin.page, 'GET', '/pairings?limit=500')).body;
      await goto(admin.page, '/packages/branch/pages/pairings/index');
      const dir = mkdtempSync(path.join(tmpdir(), 'xfh-pairs-'));
      const file = path.join(dir, '结对.xlsx');
      writeFileSync(file, Buffer.from('not really a sheet'));
      const chooser = admin.page.waitForEvent('filechooser');
      await currentPage(admin.page).locator('#import-pairings').click();
      await (await chooser).setFiles(file);
      const ask = currentPage(admin.page).locator('#confirm-dialog');
      await ask.getByText('替换现有的全部', { exact: false }).waitFor();
      await ask.locator('#confirm-dialog-cancel').click();
      await settle(admin.page);
      assert.equal(await currentPage(admin.page).locator('#import-result, #import-report').count(), 0, 'nothing was sent');
      assert.deepEqual((await api(admin.page, 'GET', '/pairings?limit=500')).body, before);
    } finally {
      await admin.close();
    }
  });

  it('9. details are separate lines; an unknown address shows a 404 page with a way home', async () => {
    const page = elder.page;
    const post = (await api(page, 'GET', '/volunteer-posts?limit=5')).body.items[0];
    await goto(page, `/packages/volunteer/pages/post/index?id=${post.id}`);
    const card = currentPage(page).locator('.xfh-card', { has: page.locator('#post-title') });
    await card.waitFor();
    const tops = await card.evaluate((el) => [...el.children].map((c) => Math.round(c.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, tops.length, 'each detail starts its own line');

    await goto(page, '/pages/no-such-page/index');
    const nf = currentPage(page).locator('#not-found');
    await nf.waitFor();
    await shot(page, 'deadends-09-404');
    await axeCheck(page, '404');
    await nf.locator('#not-found-home').click();
    await waitForRoute(page, '/pages/home/index');
  });

  it('10. elder mode: one 筛选 control, the whole field box focuses, birth date in 我的, an opinion in 3 taps', async () => {
    const page = elder.page;
    await goto(page, '/pages/activities/index');
    const acts = currentPage(page);
    await acts.locator('#activity-filter-toggle').waitFor();
    assert.equal(await acts.locator('[role="radiogroup"]').count(), 0, 'no rows of chips until 筛选 is opened');
    const firstCard = acts.locator('#activity-list [id^="activity-"]').first();
    await firstCard.waitFor();
    assert.ok((await firstCard.boundingBox()).y < 740, 'the first activity is on the first screen');
    await shot(page, 'deadends-10-filter-elder');

    // 3 taps plus the typing from 首页: 我要提意见 → the text box → 提交
    await goto(page, '/pages/home/index');
    const taps = tapCounter();
    await taps.tap(currentPage(page).locator('#entry-opinion-submit'));
    await waitForRoute(page, '/packages/roundtable/pages/submit/index');
    const form = currentPage(page);
    const box = form.locator('#opinion-content');
    await box.locator('textarea').waitFor();
    const r = await box.boundingBox();
    // a tap low in the box (outside the native element before the fix) focuses the field
    await taps.tap(box, { position: { x: r.width / 2, y: r.height - 8 } });
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA', 'the whole box focuses');
    await page.keyboard.type('楼下电梯经常停，上下楼很不方便，希望尽快维修。');
    assert.equal(await form.locator('#opinion-category [aria-checked="true"]').innerText(), '物业管理', 'a sensible category preset');
    await taps.tap(form.locator('#opinion-send'));
    await waitForRoute(page, '/packages/roundtable/pages/detail/index');
    assert.ok(taps.count <= 3, `${taps.count} taps`);

    const sent = (await api(page, 'GET', '/me/opinions?limit=1')).body.items[0];
    assert.equal(sent.title, '楼下电梯经常停，上下楼很不方便，希望尽快维修', 'the title is the first sentence');
    assert.equal(sent.complexId, 1, "张阿姨's home complex");

    // a one-line field too: a tap near the bottom edge of the box focuses its input
    await goto(page, '/packages/roundtable/pages/submit/index');
    const titleBox = currentPage(page).locator('#opinion-title');
    await titleBox.locator('input').waitFor();
    const tb = await titleBox.boundingBox();
    await titleBox.click({ position: { x: tb.width - 12, y: tb.height - 6 } });
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'INPUT', 'the whole one-line box focuses');

    // a resident with no birth date is asked for one in 我的; 60+ is then offered elder mode
    const page2 = resident.page;
    await goto(page2, '/pages/me/index');
    const field = currentPage(page2).locator('#me-birth-date');
    await field.getByText('未填写', { exact: false }).waitFor();
    await field.locator('[role="button"]').click();
    const ok = page2.locator('.weui-picker__action', { hasText: '确定' }).last();
    await ok.click();
    await field.locator('#me-birth-date-value', { hasText: '1960年1月1日' }).waitFor();
    assert.ok((await api(page2, 'GET', '/me')).body.age >= 60);
    await goto(page2, '/pages/home/index');
    await currentPage(page2).getByText('要不要试试长辈模式？').waitFor();
    assert.equal(await currentRoute(page2), '/pages/home/index');
  });
});
