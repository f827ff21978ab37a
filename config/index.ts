import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import { PrecompressPlugin } from './precompress';
import { PreloadChunksPlugin, type StartPages } from './preload';
import prodConfig from './prod';

// Taro build config, written by hand from @tarojs/cli/templates/default (taro init needs the network).
// Each platform gets its own output folder: the server serves dist/h5, WeChat DevTools opens dist/weapp.
/**
 * A release build of the mini-program (mode production: `npm run release:weapp`, or a bare
 * `taro build --type weapp`) must call a real https origin: WeChat only calls whitelisted https
 * domains, and a phone cannot reach 127.0.0.1. Local builds (`npm run build:weapp`, mode
 * development) keep .env.development's http://127.0.0.1:3000.
 */
export function assertReleaseApiBase(platform: string, mode: string | undefined, base: string | undefined): void {
  if (platform !== 'weapp' || mode !== 'production') return;
  let url: URL | null = null;
  try {
    url = base ? new URL(base) : null;
  } catch {
    url = null;
  }
  const local = url && (/^(localhost|127\.|0\.0\.0\.0|\[::1\])/.test(url.hostname) || /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname));
  if (!url || url.protocol !== 'https:' || local || (url.pathname !== '/' && url.pathname !== '') || base!.endsWith('/')) {
    throw new Error(
      `TARO_APP_API_BASE must be the https origin of the API for a release weapp build (e.g. TARO_APP_API_BASE=https://xfh.example.cn npm run release:weapp), got ${JSON.stringify(base ?? '')}. For a local build use npm run build:weapp.`,
    );
  }
}

const PAGE_COMMON_CHUNK = 'page-common';
// The pages an H5 launch at the root may open (miniapp/startRoute.ts) and the storage keys that
// decide it (miniapp/stores/privacy.ts, stores/tokens.ts): index.html preloads that page's chunk.
const START_PAGES: StartPages = {
  home: '/pages/home/index',
  privacy: '/packages/auth/pages/privacy/index',
  login: '/packages/auth/pages/login/index',
  privacyKey: 'xfh.privacyConsent',
  tokensKey: 'xfh.tokens',
};

/**
 * H5: Taro splits only the entry chunks (splitChunks.chunks 'initial'), so every page chunk carried
 * its own copy of the code all pages share (the component wrappers, Taro's request and UI APIs,
 * platform.js, api/request.ts …): ~150 KiB per page, downloaded again on each new page, and on a
 * first visit both the 首页 and the privacy page chunk. Code used by at least 20 page chunks goes
 * into one async chunk that webpack loads beside the page chunk (and index.html preloads); code
 * only some pages use (echarts for the dashboard, the big subpackage pages) stays in their chunks.
 */
function sharePageCode(chain: any) {
  const split = chain.optimization.get('splitChunks');
  if (!split || !split.cacheGroups) return;
  chain.optimization.splitChunks({
    ...split,
    cacheGroups: {
      ...split.cacheGroups,
      pageCommon: { name: PAGE_COMMON_CHUNK, chunks: 'async', minChunks: 20, priority: 20, reuseExistingChunk: true, enforce: true },
    },
  });
}

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const platform = process.env.TARO_ENV ?? 'weapp';
  assertReleaseApiBase(platform, mode, process.env.TARO_APP_API_BASE);
  const alias = {
    '@shared': path.resolve(__dirname, '..', 'shared'),
    '@': path.resolve(__dirname, '..', 'miniapp'),
  };
  // shared/ (constants both sides use) sits outside the source root: let Babel compile it too.
  const compile = { include: [path.resolve(__dirname, '..', 'shared')] };
  const webpackChain = (chain: any) => {
    chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
    // Taro names src/app.config as a cache build dependency; our source root is miniapp/.
    const cache = chain.get('cache');
    if (cache?.buildDependencies) {
      cache.buildDependencies.files = [path.resolve(__dirname, '..', 'miniapp', 'app.config.ts')];
      chain.set('cache', cache);
    }
  };
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xingfuhui',
    date: '2025-11-28',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniapp',
    outputRoot: `dist/${platform}`,
    plugins: [],
    alias,
    defineConstants: {},
    // Map marker icons must be real files in the package (WeChat's map ignores data: URLs).
    copy: {
      patterns:
        platform === 'weapp'
          ? [{ from: 'miniapp/packages/map/assets/', to: `dist/${platform}/packages/map/assets/` }]
          : [{ from: 'miniapp/assets/favicon.svg', to: `dist/${platform}/favicon.svg` }],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    // Persistent webpack cache: warm rebuilds take seconds; keyed per platform by Taro itself.
    // Measured (weapp): with the cache on, a module shared by several subpackages (Taro's
    // packages/*/sub-common/<md5>.js) kept its OLD code after an edit, even after a touch. A
    // release build never uses the cache; XFH_BUILD_CACHE=0 turns it off for any build.
    cache: { enable: process.env.XFH_BUILD_CACHE !== '0' && !(platform === 'weapp' && mode === 'production') },
    mini: {
      // Code used only by subpackages moves out of the main package.
      optimizeMainPackage: { enable: true },
      compile,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain,
    },
    h5: {
      publicPath: '/',
      compile,
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Hashed names: the server caches these long and never caches index.html.
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      imageUrlLoaderOption: { name: 'static/images/[name].[contenthash:8].[ext]' },
      fontUrlLoaderOption: { name: 'static/fonts/[name].[contenthash:8].[ext]' },
      devServer: { host: '127.0.0.1', port: 10086 },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain: (chain: any) => {
        webpackChain(chain);
        if (process.env.NODE_ENV === 'development') return;
        sharePageCode(chain);
        chain.plugin('preload').use(PreloadChunksPlugin, [[PAGE_COMMON_CHUNK], START_PAGES]);
        // brotli + gzip copies of every text asset, served by content negotiation (http/static.ts)
        chain.plugin('precompress').use(PrecompressPlugin);
      },
    },
  };

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
