import { FEATURES } from './features';
import { ROUTES } from './routes';

// app.config.ts is read by Taro at build time through a global helper.
(globalThis as Record<string, unknown>).defineAppConfig = (config: unknown) => config;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after defineAppConfig is set (imports are hoisted)
const appConfig = require('./app.config').default as {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string }[] };
};

const registered = new Set([
  ...appConfig.pages.map((p) => `/${p}`),
  ...appConfig.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`)),
]);
const pathOf = (url: string) => url.split('?')[0];

describe('pages and entries', () => {
  it('every route the app navigates to is a registered page', () => {
    const urls = Object.values(ROUTES).map((r) => (typeof r === 'function' ? r(1) : r));
    for (const url of urls) expect(registered).toContain(pathOf(url));
  });

  it('every 首页 quick entry leads to a page that exists (no placeholders)', () => {
    for (const f of FEATURES) expect(registered).toContain(pathOf(f.url));
  });

  it('keeps tab pages in the main package and everything else in subpackages', () => {
    expect(appConfig.tabBar.list.map((t) => t.pagePath)).toEqual(appConfig.pages);
    for (const s of appConfig.subPackages) expect(s.root).toMatch(/^packages\/[a-z]+$/);
  });
});
