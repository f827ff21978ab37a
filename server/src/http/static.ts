import fs from 'node:fs';
import path from 'node:path';
import type { Context, Next } from 'koa';
import send from 'koa-static';

/**
 * Serves the H5 build at "/": hashed assets are cached for a year, index.html never (so a new
 * deploy is picked up at once). Anything under /api or /healthz is left to the API.
 */
export function serveH5(dir: string) {
  const root = path.resolve(dir);
  const assets = send(root, {
    index: false,
    maxage: 365 * 24 * 3600 * 1000,
    immutable: true,
    gzip: false,
    brotli: false,
    setHeaders: (res, file) => {
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
      ctx.set('Cache-Control', 'no-cache, no-store, must-revalidate');
      ctx.type = 'html';
      ctx.body = fs.createReadStream(index);
      return;
    }
    return assets(ctx, next);
  };
}
