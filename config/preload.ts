/** Which page a launch opens, for the preload script (see startRoutePreload). */
export interface StartPages {
  /** the page an empty address (or 首页's own) opens when signed in */
  home: string;
  /** opened instead on a first visit (no accepted privacy notice on the device) */
  privacy: string;
  /** opened instead when nobody is signed in */
  login: string;
  /** the localStorage keys miniapp/stores/privacy.ts and stores/tokens.ts keep */
  privacyKey: string;
  tokensKey: string;
}

/**
 * The inline script that preloads the chunk of the page the launch will open, decided as
 * miniapp/startRoute.ts decides it (a stale privacy version only costs a wasted preload: the app
 * itself checks the version). Without it the page chunk is requested only after app.js has run.
 */
function startRoutePreload(files: Record<string, string[]>, pages: StartPages): string {
  return (
    `!function(){try{var m=${JSON.stringify(files)},l=localStorage,d=document,` +
    `h=location.hash.replace(/^#/,"").split("?")[0];` +
    `if(!h||h==="/"||h===${JSON.stringify(pages.home)})` +
    `h=!l.getItem(${JSON.stringify(pages.privacyKey)})?${JSON.stringify(pages.privacy)}:!l.getItem(${JSON.stringify(pages.tokensKey)})?${JSON.stringify(pages.login)}:${JSON.stringify(pages.home)};` +
    `(m[h]||[]).forEach(function(f){var k=d.createElement("link");k.rel="preload";k.href=f;k.as=/\\.css$/.test(f)?"style":"script";d.head.appendChild(k)})` +
    `}catch(e){}}();`
  );
}

/**
 * Webpack plugin for the H5 build: adds `<link rel="preload">` to index.html for the named async
 * chunks every page needs (the shared page code, see `sharePageCode` in config/index.ts), and a
 * small script that preloads the chunk of the page the launch opens (one of `startPages`), so
 * the browser fetches them alongside the entry scripts instead of after the app has started and
 * asked the router for its first page.
 */
export class PreloadChunksPlugin {
  constructor(
    private readonly names: string[],
    private readonly startPages?: StartPages,
  ) {}

  apply(compiler: any) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PreloadChunksPlugin', (compilation: any) => {
      compilation.hooks.processAssets.tap(
        // after html-webpack-plugin wrote index.html (OPTIMIZE_INLINE)
        { name: 'PreloadChunksPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        () => {
          const html = compilation.getAsset('index.html');
          if (!html) return;
          const publicPath = String(compilation.outputOptions.publicPath ?? '/');
          const shared = new Set<string>();
          const links: string[] = [];
          for (const name of this.names) {
            const chunk = compilation.namedChunks.get(name);
            if (!chunk) continue;
            for (const file of chunk.files as Set<string>) {
              shared.add(file);
              if (file.endsWith('.js')) links.push(`<link rel="preload" href="${publicPath}${file}" as="script">`);
              else if (file.endsWith('.css')) links.push(`<link rel="preload" href="${publicPath}${file}" as="style">`);
            }
          }
          let script = '';
          if (this.startPages) {
            const { home, privacy, login } = this.startPages;
            const files: Record<string, string[]> = {};
            for (const group of compilation.chunkGroups) {
              // a page's chunk group is the dynamic import './pages/home/index' in Taro's generated entry
              const page = (group.origins ?? []).map((o: { request?: string }) => o.request?.replace(/^\./, '')).find((r: string | undefined) => r === home || r === privacy || r === login);
              if (!page) continue;
              files[page] = group.chunks
                .flatMap((c: { files: Set<string> }) => [...c.files])
                .filter((f: string) => (f.endsWith('.js') || f.endsWith('.css')) && !shared.has(f))
                .map((f: string) => `${publicPath}${f}`);
            }
            if (Object.keys(files).length > 0) script = `<script>${startRoutePreload(files, this.startPages)}</script>`;
          }
          if (links.length === 0 && !script) return;
          let text = html.source.source().toString();
          // the script goes before the first stylesheet: an inline script after one waits for it
          if (script) text = text.replace(/<link [^>]*rel="stylesheet"|<\/head>/, (m: string) => `${script}${m}`);
          compilation.updateAsset('index.html', new sources.RawSource(text.replace('</head>', `${links.join('')}</head>`)));
        },
      );
    });
  }
}
