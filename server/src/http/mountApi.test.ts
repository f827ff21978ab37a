import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import Router from '@koa/router';
import Koa from 'koa';
import type { Deps } from '../deps';
import { createLogger } from '../logger';
import { errorHandler } from '../middleware/errors';
import { allRoutes } from '../routes';
import { mountApi, mountRoutes } from './mount';
import { route, type RouteSpec } from './route';

// Every real path and method, each answering its own name: only the routing is compared.
const specs: RouteSpec[] = allRoutes.map((s) =>
  route({ method: s.method, path: s.path, summary: s.summary, tags: ['t'], auth: 'public', handler: () => ({ at: `${s.method} ${s.path}` }) }),
);
const deps = {} as Deps;

function serve(api: Koa.Middleware): Promise<{ server: Server; port: number }> {
  const app = new Koa();
  app.use(errorHandler(createLogger('silent')));
  const docs = new Router();
  docs.get('/api/openapi.json', (ctx) => {
    ctx.body = { docs: true };
  });
  app.use(docs.routes());
  app.use(api);
  const server = createServer(app.callback()).listen(0, '127.0.0.1');
  return new Promise((r) => server.once('listening', () => r({ server, port: (server.address() as AddressInfo).port })));
}

function oneRouter(): Koa.Middleware {
  const router = new Router();
  mountRoutes(router, specs, deps);
  const routes = router.routes() as unknown as Koa.Middleware;
  const allowed = router.allowedMethods({ throw: false }) as unknown as Koa.Middleware;
  return (ctx, next) => routes(ctx, () => allowed(ctx, next));
}

async function answer(port: number, method: string, path: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method });
  return `${res.status} allow=${res.headers.get('allow')} ${await res.text()}`;
}

describe('mountApi (one router per section)', () => {
  let sections: { server: Server; port: number };
  let single: { server: Server; port: number };
  beforeAll(async () => {
    sections = await serve(mountApi(specs, deps));
    single = await serve(oneRouter());
  });
  afterAll(() => {
    sections.server.close();
    single.server.close();
  });

  it('answers every path and method exactly as one router with all routes does', async () => {
    const paths = [...new Set(specs.map((s) => s.path.replace(/:[A-Za-z]+/g, '7')))];
    const odd = [
      ...paths.slice(0, 40).flatMap((p) => [p.toUpperCase(), `${p}/`, `${p}x`, `${p}/extra`]),
      '/', '/api', '/api/', '/api/v1', '/api/v1/', '/api/v1/nothing-here', '/api/v2/activities', '//api/v1/activities',
      '/api/openapi.json', '/API/V1/ACTIVITIES', '/api/v1/activities?x=1', '/api/v1/%61ctivities',
    ];
    const cases = [
      ...paths.flatMap((p) => ['GET', 'POST', 'DELETE', 'OPTIONS', 'PROPFIND'].map((m) => [m, p] as const)),
      ...odd.flatMap((p) => ['GET', 'PUT', 'OPTIONS', 'PROPFIND'].map((m) => [m, p] as const)),
    ];
    const differ: string[] = [];
    for (let i = 0; i < cases.length; i += 50) {
      await Promise.all(
        cases.slice(i, i + 50).map(async ([m, p]) => {
          const [a, b] = await Promise.all([answer(sections.port, m, p), answer(single.port, m, p)]);
          if (a !== b) differ.push(`${m} ${p}: ${a} ≠ ${b}`);
        }),
      );
    }
    expect(differ).toEqual([]);
    // and the routes really answer (not a 404 everywhere)
    expect(await answer(sections.port, 'POST', '/api/v1/activities/7/bookings')).toMatch(/^201|^200/);
    expect(await answer(sections.port, 'PATCH', '/api/v1/activities/7/bookings')).toMatch(/^405 allow=/);
  });
});
