import fs from 'node:fs';
import path from 'node:path';
import Router from '@koa/router';
import type { RouteSpec } from '../../http/route';
import { buildOpenApi } from './openapi';

const SWAGGER_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png']);

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>幸福荟 API 文档</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', deepLinking: true });`;

/** /api/openapi.json and an offline docs page (/api/docs) served from swagger-ui-dist. */
export function docsRouter(routes: RouteSpec[]) {
  const router = new Router();
  let doc: unknown;
  router.get('/api/openapi.json', (ctx) => {
    doc ??= buildOpenApi(routes);
    ctx.body = doc;
  });
  router.get('/api/docs', (ctx) => {
    ctx.type = 'html';
    ctx.body = PAGE;
  });
  router.get('/api/docs/init.js', (ctx) => {
    ctx.type = 'application/javascript';
    ctx.body = INIT;
  });
  router.get('/api/docs/assets/:file', (ctx) => {
    const file = ctx.params.file;
    if (!ASSETS.has(file)) return;
    ctx.type = path.extname(file);
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = fs.createReadStream(path.join(SWAGGER_DIR, file));
  });
  return router;
}
