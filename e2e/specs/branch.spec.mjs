// Party-branch service (我为民生综合体送服务) in a real browser: a branch admin publishes an
// offering at a paired complex, a resident finds it under 党员服务 and books it, the branch checks
// them in at the door, and the branch's monthly record counts one more resident served.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { api, axeCheck, currentPage, goto, launch, shot, signIn, waitForRoute } from '../lib.mjs';

const BRANCH_ADMIN = '13900000003'; // acts for 区委办公室机关第一党支部, paired with 阳光社区
const RESIDENT = '13812349001';
const WORKBENCH = '/packages/branch/pages/workbench/index';
const TITLE_DESC = '为社区老人上门送餐，介绍助餐点。';

const DISTRICT_ADMIN = '13900000001';
const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs');

const offeringIdOf = (page) => page.evaluate(() => Number(new URLSearchParams(location.hash.split('?')[1]).get('id')));

describe('party-branch offerings (H5)', () => {
  let branch;
  let resident;
  let offeringId;
  let servedBefore;

  before(async () => {
    branch = await launch();
    resident = await launch();
  });

  after(async () => {
    assert.deepEqual(branch?.consoleErrors ?? [], [], 'no uncaught errors (branch)');
    assert.deepEqual(resident?.consoleErrors ?? [], [], 'no uncaught errors (resident)');
    await branch?.close();
    await resident?.close();
  });

  it('a branch admin publishes an offering from the workbench', async () => {
    const page = branch.page;
    await signIn(page, BRANCH_ADMIN);
    await waitForRoute(page, '/packages/workbench/pages/index/index');
    await currentPage(page).locator('#open-branch-workbench').click();
    await waitForRoute(page, WORKBENCH);
    const bench = currentPage(page);
    await bench.locator('#month-served').waitFor();
    servedBefore = Number(await bench.locator('#month-served').innerText());
    await axeCheck(page, 'branch workbench');

    await bench.locator('#publish-offering').click();
    await waitForRoute(page, '/packages/branch/pages/publish/index');
    const form = currentPage(page);
    await form.locator('#pick-complex', { hasText: '文新街道阳光社区民生综合体' }).waitFor();
    await form.locator('#pick-item', { hasText: '老年人助餐送餐' }).waitFor();
    await form.locator('#capacity-input input').fill('5');
    await form.locator('#volunteers-input input').fill('1');
    await form.locator('#description-input textarea').fill(TITLE_DESC);
    await axeCheck(page, 'publish form');
    await shot(page, 'branch-publish');
    await form.locator('#submit-offering').click();

    await waitForRoute(page, '/packages/branch/pages/offering/index');
    offeringId = await offeringIdOf(page);
    assert.ok(offeringId > 0);
    const detail = currentPage(page);
    await detail.locator('#offering-title', { hasText: '老年人助餐送餐' }).waitFor();
    await detail.locator('#manage-session').waitFor();
    const o = (await api(page, 'GET', `/offerings/${offeringId}`)).body;
    assert.equal(o.branchId, 1);
    assert.equal(o.capacity, 5);
    assert.equal(o.volunteersNeeded, 1);
    assert.equal(o.description, TITLE_DESC);
  });

  it('a resident finds it under 党员服务 and books it', async () => {
    const page = resident.page;
    await signIn(page, RESIDENT);
    await currentPage(page).locator('#entry-branch').click();
    await waitForRoute(page, '/packages/branch/pages/services/index');
    const list = currentPage(page);
    await list.locator('#category-1').click();
    const card = list.locator(`#offering-${offeringId}`);
    await card.waitFor();
    await axeCheck(page, '党员服务 list');
    await card.click();

    await waitForRoute(page, '/packages/branch/pages/offering/index');
    const detail = currentPage(page);
    await detail.locator('#offering-seats', { hasText: '已约 0 人' }).waitFor();
    await axeCheck(page, 'offering detail');
    await detail.locator('#book-offering').click();
    await detail.locator('#my-booking', { hasText: '您已预约' }).waitFor();
    await detail.locator('#offering-seats', { hasText: '已约 1 人' }).waitFor();
    await shot(page, 'branch-booked');
  });

  it('the branch checks the resident in and its record counts one resident served', async () => {
    const page = branch.page;
    await goto(page, `/packages/branch/pages/session/index?id=${offeringId}`);
    const session = currentPage(page);
    const checkin = session.locator('[id^="checkin-"]');
    await checkin.first().waitFor();
    assert.equal(await checkin.count(), 1, 'one booked resident on the roster');
    await axeCheck(page, 'roster');
    await checkin.first().click();
    await session.locator('#checked-in-count', { hasText: '1' }).waitFor();
    await session.locator('[id^="checkin-"]').first().waitFor({ state: 'detached' });
    await shot(page, 'branch-checked-in');

    await goto(page, WORKBENCH);
    const bench = currentPage(page);
    await bench.locator('#month-served').waitFor();
    assert.equal(Number(await bench.locator('#month-served').innerText()), servedBefore + 1);
    const record = (await api(page, 'GET', '/branches/1/records')).body;
    assert.equal(record.sessions.find((s) => s.offeringId === offeringId)?.checkedIn, 1);
  });
});

describe('pairing list and coverage for district admins (H5)', () => {
  let admin;
  let dir;

  before(async () => {
    admin = await launch();
    dir = mkdtempSync(path.join(tmpdir(), 'xfh-pairing-'));
  });

  after(async () => {
    assert.deepEqual(admin?.consoleErrors ?? [], [], 'no uncaught errors (district admin)');
    await admin?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the pairing list as .xlsx, rejects a file with bad rows naming them, and imports a good one', async () => {
    const page = admin.page;
    await signIn(page, DISTRICT_ADMIN);
    await currentPage(page).locator('#open-pairings').click();
    await waitForRoute(page, '/packages/branch/pages/pairings/index');
    const screen = currentPage(page);
    await screen.locator('#pairing-list .xfh-card').first().waitFor();
    await axeCheck(page, 'pairings');

    const [download] = await Promise.all([page.waitForEvent('download'), screen.locator('#export-pairings').click()]);
    assert.match(download.suggestedFilename(), /^结对清单-.*\.xlsx$/);
    assert.ok(!download.url().includes('token'), 'no token in the download URL');
    const exported = path.join(dir, 'export.xlsx');
    await download.saveAs(exported);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(exported));
    const rows = wb.worksheets[0].rowCount - 1;
    assert.equal(wb.worksheets[0].getRow(1).getCell(1).text, '党支部');
    assert.ok(rows >= 149, `every branch paired at least once (${rows} rows)`);

    const bad = new ExcelJS.Workbook();
    const ws = bad.addWorksheet('结对清单');
    ws.addRow(['党支部', '所属部门', '民生综合体']);
    ws.addRow(['区委办公室机关第一党支部', '区委办公室', '文新街道阳光社区民生综合体']);
    ws.addRow(['不存在的党支部', '区委办公室', '文新街道阳光社区民生综合体']);
    const badFile = path.join(dir, 'bad.xlsx');
    writeFileSync(badFile, Buffer.from(await bad.xlsx.writeBuffer()));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), screen.locator('#import-pairings').click()]);
    await chooser.setFiles(badFile);
    // the import replaces every pairing: it asks first (our dialog)
    await screen.locator('#confirm-dialog #confirm-dialog-ok').click();
    await screen.locator('#import-report', { hasText: '第 3 行：找不到党支部「不存在的党支部」' }).waitFor();
    await shot(page, 'pairing-import-report');

    const [again] = await Promise.all([page.waitForEvent('filechooser'), screen.locator('#import-pairings').click()]);
    await again.setFiles(exported);
    await screen.locator('#confirm-dialog #confirm-dialog-ok').click();
    await screen.locator('#import-result', { hasText: `已导入 ${rows} 对结对` }).waitFor();
    assert.equal((await api(page, 'GET', '/pairings')).body.items.length, rows);
  });

  it('shows the coverage matrix with the seeded pairings', async () => {
    const page = admin.page;
    await goto(page, '/packages/branch/pages/coverage/index');
    const screen = currentPage(page);
    const first = screen.locator('#coverage-1');
    await first.waitFor();
    await first.getByText('区委办公室机关第一党支部').waitFor();
    await screen.locator('#branch-ranking').waitFor();
    await axeCheck(page, 'coverage');
    await shot(page, 'coverage');
  });
});
