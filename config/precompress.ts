import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Text assets worth compressing; small files gain nothing. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
const MIN_BYTES = 1024;

/** Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir`. */
export function precompressDir(dir: string): { files: number; bytes: number; br: number; gz: number } {
  const out = { files: 0, bytes: 0, br: 0, gz: 0 };
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (COMPRESSIBLE.test(e.name) && !e.name.endsWith('.LICENSE.txt')) {
        const raw = fs.readFileSync(p);
        if (raw.length < MIN_BYTES) continue;
        const br = zlib.brotliCompressSync(raw, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        });
        const gz = zlib.gzipSync(raw, { level: 9 });
        fs.writeFileSync(`${p}.br`, br);
        fs.writeFileSync(`${p}.gz`, gz);
        out.files++;
        out.bytes += raw.length;
        out.br += br.length;
        out.gz += gz.length;
      }
    }
  };
  walk(dir);
  return out;
}

/**
 * Webpack plugin for the H5 build: after the files are written, make brotli and gzip copies so
 * the server answers by content negotiation without compressing per request.
 */
export class PrecompressPlugin {
  apply(compiler: { hooks: { afterEmit: { tap(name: string, fn: (c: { outputOptions: { path?: string } }) => void): void } } }) {
    compiler.hooks.afterEmit.tap('PrecompressPlugin', (compilation) => {
      const dir = compilation.outputOptions.path;
      if (!dir || !fs.existsSync(dir)) return;
      const r = precompressDir(dir);
      const kb = (n: number) => `${Math.round(n / 1024)} KiB`;
      console.log(`[precompress] ${r.files} files, ${kb(r.bytes)} → br ${kb(r.br)}, gzip ${kb(r.gz)}`);
    });
  }
}
