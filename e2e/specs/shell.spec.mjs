// The mini-program shell in a real browser: first launch → privacy → sign in → 首页 →
// a complex and its spaces → elder mode, with axe on every page and measured elder-mode sizes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  api,
  axeCheck,
  currentPage,
  currentRoute,
  fontSizePx,
  goto,
  heightPx,
  launch,
  shot,
  signIn,
  waitForRoute,
} from '../lib.mjs';

const COMPLEX_NAME = '文新街道阳光社区民生综合体';

/** The smallest computed font size of any visible text on the current page (tab bar included). */
async function smallestVisibleText(page) {
  return page.evaluate(() => {
    const pages = [...document.querySelectorAll('.taro_page')].filter((p) => p.offsetParent !== null || getComputedStyle(p).display !== 'none');
    const scope = [pages[pages.length - 1], document.querySelector('.weui-tabbar')].filter(Boolean);
    let min = Infinity;
    let where = '';
    for (const el of scope.flatMap((s) => [s, ...s.querySelectorAll('*')])) {
      const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!hasText) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min) {
        min = size;
        where = `${el.className || el.tagName}: ${el.textContent.trim().slice(0, 20)}`;
      }
    }
    return { min, where };
  });
}

describe('mini-program shell (H5)', () => {
  let browser;
  let page;

  before(async () => {
    browser = await launch();
    page = browser.page;
  });

  after(async () => {
    assert.deepEqual(browser?.consoleErrors ?? [], [], 'no uncaught errors in the page');
    await browser?.close();
  });

  it('shows the privacy notice on first launch, and it must be accepted', async () => {
    await goto(page, '/');
    await waitForRoute(page, '/packages/auth/pages/privacy/index');
    const notice = currentPage(page);
    await notice.getByText('幸福荟隐私保护指引').first().waitFor();
    await shot(page, 'shell-01-privacy');
    await axeCheck(page, 'privacy notice');

    await notice.locator('#decline-privacy').click();
    await notice.getByText('需要您同意本指引后才能使用幸福荟', { exact: false }).waitFor();
    assert.equal(await currentRoute(page), '/packages/auth/pages/privacy/index');

    await notice.locator('#agree-privacy').click();
    await waitForRoute(page, '/packages/auth/pages/login/index');
  });

  it('signs in with the phone form and lands on 首页', async () => {
    const form = currentPage(page);
    await form.locator('#phone-input input').waitFor();
    await shot(page, 'shell-02-login');
    await axeCheck(page, 'sign-in');

    await form.locator('#phone-input input').fill('1380000');
    await form.locator('#phone-login').click();
    await form.getByText('请输入 11 位手机号').waitFor();

    await signIn(page, '13812340001');
    assert.equal(await currentRoute(page), '/pages/home/index');
    // The consent given before sign-in is recorded on the server once signed in.
    await page.waitForFunction(async () => {
      const saved = JSON.parse(localStorage.getItem('xfh.privacyConsent') || 'null');
      return !!(saved?.data ?? saved)?.recordedFor;
    });
    assert.ok((await api(page, 'GET', '/me')).body.privacyConsentVersion, 'privacy consent recorded');
  });

  it('lists the complexes on 首页 with mode, and shows the elder-mode switch', async () => {
    const home = currentPage(page);
    const card = home.locator('.xfh-complex-card', { hasText: COMPLEX_NAME });
    await card.waitFor();
    assert.ok((await home.locator('.xfh-complex-card').count()) >= 2, 'several complexes are listed');
    assert.match(await card.innerText(), /旗舰式|星月式|珠链式/);
    // Headless Chromium has no position: the street picker stands in.
    await home.getByText('请选择您所在的街道', { exact: false }).waitFor();
    assert.equal(await home.locator('#elder-mode-switch').getAttribute('aria-checked'), 'false');
    await shot(page, 'shell-03-home');
    await axeCheck(page, '首页');
  });

  it(`opens ${COMPLEX_NAME} and shows its facilities and "7+X" spaces`, async () => {
    await currentPage(page).locator('.xfh-complex-card', { hasText: COMPLEX_NAME }).click();
    await waitForRoute(page, '/packages/places/pages/complex/index');
    const detail = currentPage(page);
    await detail.locator('#spaces-title').waitFor();
    assert.equal((await detail.locator('#complex-name').innerText()).trim(), COMPLEX_NAME);
    assert.match(await detail.innerText(), /开放时间/);
    const groups = await detail.locator('.xfh-spaces__group-title').allInnerTexts();
    assert.ok(groups.length >= 3, `spaces grouped by type, got ${groups.join('、')}`);
    assert.ok(groups.includes('助老空间'), 'the 助老 space is listed');
    assert.ok((await detail.locator('.xfh-spaces__item').count()) >= 5, 'spaces are listed');
    const tel = detail.locator('a[href^="tel:"]');
    assert.equal(await tel.count(), 1, 'the hotline is a tap-to-call link');
    await shot(page, 'shell-04-complex');
    await axeCheck(page, 'complex page');
  });

  it('switches to elder mode in 我的, remembers it on the server, and meets the size rules', async (t) => {
    await goto(page, '/pages/me/index');
    const me = currentPage(page);
    await me.locator('#me-phone').waitFor();
    assert.match(await me.locator('#me-phone').innerText(), /^138\*{4}0001$/, 'the phone is masked');
    assert.equal((await me.locator('#me-role').innerText()).trim(), '居民');
    await axeCheck(page, '我的');

    const toggle = me.locator('#elder-mode-switch');
    await toggle.click();
    await page.waitForFunction(() => {
      const el = [...document.querySelectorAll('#elder-mode-switch')].pop();
      return el?.getAttribute('aria-checked') === 'true' && el.getAttribute('aria-busy') === 'false';
    });
    assert.match(await toggle.innerText(), /已开启/, 'the state is written out, not only coloured');
    await shot(page, 'shell-05-me-elder');
    await axeCheck(page, '我的 (elder mode)');

    // Saved on the server: /me says so.
    assert.equal((await api(page, 'GET', '/me')).body.elderMode, true);

    for (const [route, label] of [
      ['/pages/home/index', '首页'],
      ['/packages/places/pages/complex/index?id=1', 'complex page'],
    ]) {
      await goto(page, route);
      const current = currentPage(page);
      await current.locator('.xfh-page.xfh-elder').waitFor();
      await current.locator(route.includes('complex') ? '#spaces-title' : '.xfh-complex-card').first().waitFor();
      const body = await fontSizePx(page, '.xfh-page');
      assert.ok(body >= 18, `${label}: body text ${body}px ≥ 18px`);
      const smallest = await smallestVisibleText(page);
      assert.ok(smallest.min >= 18, `${label}: smallest text ${smallest.min}px (${smallest.where}) ≥ 18px`);
      t.diagnostic(`${label} in elder mode: body text ${body}px, smallest visible text ${smallest.min}px`);
      await shot(page, `shell-06-elder-${label === '首页' ? 'home' : 'complex'}`);
      await axeCheck(page, `${label} (elder mode)`);
    }

    // The complex page's primary button (设为我的综合体).
    const button = await heightPx(page, '.xfh-button:not(.xfh-button--secondary)');
    assert.ok(button >= 60, `primary button ${button}px tall ≥ 60px`);
    t.diagnostic(`primary button in elder mode: ${button}px tall`);
  });
});

describe('elder-mode offer (H5)', () => {
  it('is offered once to a resident aged 60+', async () => {
    const browser = await launch();
    try {
      const { page } = browser;
      await signIn(page, '13812340060');
      const me = await api(page, 'PATCH', '/me', { birthDate: '1955-03-01' });
      assert.equal(me.status, 200);
      assert.ok(me.body.age >= 60);

      await goto(page, '/pages/home/index');
      const home = currentPage(page);
      await home.getByText('要不要试试长辈模式？').waitFor();
      await shot(page, 'shell-08-elder-offer');
      await axeCheck(page, '首页 (elder-mode offer)');
      await home.getByText('开启长辈模式').click();
      await home.locator('.xfh-page.xfh-elder').waitFor();
      assert.equal(await home.locator('#elder-mode-switch').getAttribute('aria-checked'), 'true');
      // the switch flips at once; the PATCH that saves it may still be on its way
      let after = (await api(page, 'GET', '/me')).body;
      for (let i = 0; i < 20 && !(after.elderMode && after.elderModeOffered); i++) {
        await new Promise((r) => setTimeout(r, 200));
        after = (await api(page, 'GET', '/me')).body;
      }
      assert.equal(after.elderMode, true);
      assert.equal(after.elderModeOffered, true);

      // Switched off again, it is not offered a second time.
      await home.locator('#elder-mode-switch').click();
      await page.waitForFunction(() => [...document.querySelectorAll('#elder-mode-switch')].pop()?.getAttribute('aria-checked') === 'false');
      await goto(page, '/pages/home/index');
      await currentPage(page).locator('.xfh-complex-card').first().waitFor();
      assert.equal(await currentPage(page).getByText('要不要试试长辈模式？').count(), 0);
    } finally {
      await browser.close();
    }
  });
});

describe('staff sign-in (H5)', () => {
  it('takes a community worker to the 工作台 with their complex', async () => {
    const browser = await launch();
    try {
      const { page } = browser;
      await signIn(page, '13900000002');
      await waitForRoute(page, '/packages/workbench/pages/index/index');
      const bench = currentPage(page);
      assert.equal((await bench.locator('#workbench-role').innerText()).trim(), '社区工作者');
      await bench.locator('#workbench-complexes .xfh-complex-card', { hasText: COMPLEX_NAME }).waitFor();
      await shot(page, 'shell-07-workbench');
      await axeCheck(page, '工作台');
    } finally {
      await browser.close();
    }
  });
});
