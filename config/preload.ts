/**
 * Webpack plugin for the H5 build: adds `<link rel="preload">` to index.html for the named async
 * chunks every page needs (the shared page code, see `pageCommonChunk` in config/index.ts), so
 * the browser fetches them alongside the entry scripts instead of after the app has started and
 * asked the router for its first page.
 */
export class PreloadChunksPlugin {
  constructor(private readonly names: string[]) {}

  apply(compiler: any) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PreloadChunksPlugin', (compilation: any) => {
      compilation.hooks.processAssets.tap(
        // after html-webpack-plugin wrote index.html (OPTIMIZE_INLINE), before hashing of assets
        { name: 'PreloadChunksPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        () => {
          const html = compilation.getAsset('index.html');
          if (!html) return;
          const publicPath = String(compilation.outputOptions.publicPath ?? '/');
          const links: string[] = [];
          for (const name of this.names) {
            const chunk = compilation.namedChunks.get(name);
            if (!chunk) continue;
            for (const file of chunk.files as Set<string>) {
              if (file.endsWith('.js')) links.push(`<link rel="preload" href="${publicPath}${file}" as="script">`);
              else if (file.endsWith('.css')) links.push(`<link rel="preload" href="${publicPath}${file}" as="style">`);
            }
          }
          if (links.length === 0) return;
          const text = html.source.source().toString();
          compilation.updateAsset('index.html', new sources.RawSource(text.replace('</head>', `${links.join('')}</head>`)));
        },
      );
    });
  }
}
