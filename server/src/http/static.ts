import fs from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';
import send from 'koa-static';

/** The precompressed copy of `file` (made at build time) that the client accepts, if any. */
function negotiated(ctx: Context, file: string): { path: string; encoding: string | null } {
  if (ctx.acceptsEncodings('br', 'identity') === 'br' && fs.existsSync(`${file}.br`)) return { path: `${file}.br`, encoding: 'br' };
  if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip' && fs.existsSync(`${file}.gz`)) return { path: `${file}.gz`, encoding: 'gzip' };
  return { path: file, encoding: null };
}

/**
 * Serves the H5 build at "/": hashed assets are cached for a year, index.html never (so a new
 * deploy is picked up at once). Brotli or gzip copies made at build time (config/precompress.ts)
 * are sent when the client accepts them; nothing is compressed per request. Anything under /api
 * or /healthz is left to the API.
 */
export function serveH5(dir: string) {
  const root = path.resolve(dir);
  const assets = send(root, {
    index: false,
    maxage: 365 * 24 * 3600 * 1000,
    immutable: true,
    gzip: true,
    brotli: true,
    setHeaders: (res, file) => {
      res.setHeader('Vary', 'Accept-Encoding');
      if (!/\.[0-9a-f]{8}\./.test(path.basename(file))) res.setHeader('Cache-Control', 'public, max-age=300');
    },
  });
  return async (ctx: Context, next: Next) => {
    if (ctx.path.startsWith('/api/') || ctx.path === '/healthz' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    if (ctx.path === '/' || ctx.path === '/index.html') {
      const index = path.join(root, 'index.html');
      if (!fs.existsSync(index)) {
        ctx.status = 503;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = 'H5 尚未构建：请运行 npm run build:h5';
        return;
      }
      const chosen = negotiated(ctx, index);
      ctx.set('Cache-Control', 'no-cache, no-store, must-revalidate');
      ctx.set('Vary', 'Accept-Encoding');
      if (chosen.encoding) ctx.set('Content-Encoding', chosen.encoding);
      ctx.type = 'html';
      ctx.body = fs.createReadStream(chosen.path);
      return;
    }
    if (ctx.path === '/favicon.ico') {
      // Browsers ask for it before reading the page's <link rel="icon">: answer with the SVG.
      const svg = path.join(root, 'favicon.svg');
      if (fs.existsSync(svg)) {
        ctx.set('Cache-Control', 'public, max-age=86400');
        ctx.type = 'image/svg+xml';
        ctx.body = fs.createReadStream(svg);
        return;
      }
    }
    return assets(ctx, next);
  };
}
