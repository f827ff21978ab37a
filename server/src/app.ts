import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Deps } from './deps';
import { mountApi } from './http/mount';
import { serveH5 } from './http/static';
import { errorHandler } from './middleware/errors';
import { requestId } from './middleware/requestId';
import { allRoutes } from './routes';
import { docsRouter } from './routes/docs';

/** Answers within `ms` whether the database takes a trivial query. */
async function databaseAnswers(deps: Deps, ms = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      deps.database.pool.query('SELECT 1').then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function createApp(deps: Deps) {
  const app = new Koa({ proxy: process.env.TRUST_PROXY === '1' });
  app.use(requestId(deps.logger));
  app.use(errorHandler(deps.logger));

  app.use(async (ctx, next) => {
    if (ctx.path !== '/healthz') return next();
    const ok = await databaseAnswers(deps);
    ctx.status = ok ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = ok ? { status: 'ok' } : { error: { code: 'unavailable', message: '数据库暂时无法连接' } };
  });

  app.use(serveH5(deps.config.H5_DIR));
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: deps.config.BODY_LIMIT,
      encoding: 'utf-8',
    }),
  );

  const docs = docsRouter(allRoutes);
  app.use(docs.routes());
  app.use(mountApi(allRoutes, deps));
  return app;
}
