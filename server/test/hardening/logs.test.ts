import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import Koa from 'koa';
import { createApp } from '../../src/app';
import { bootstrap } from '../../src/bootstrap';
import type { Deps } from '../../src/deps';
import { errorHandler } from '../../src/middleware/errors';
import { requestId } from '../../src/middleware/requestId';

/** Every line the server logs, as text. */
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, cb) {
    lines.push(String(chunk));
    cb();
  },
});

const NAME = '王秀英';
const ID_NO = '330106195203041528';
const ADDRESS = '文三路 88 号 3 幢 502';

let deps: Deps;
let server: http.Server;
let url: string;
beforeAll(async () => {
  deps = await bootstrap({ env: { ...process.env, LOG_LEVEL: 'info', DEV_LOGIN: '1', AUTH_RATE_LIMIT: '0' }, prepareDatabase: false, logDestination: sink });
  // The real error middleware and logger around handlers whose queries fail with what a user typed.
  const app = new Koa();
  app.use(requestId(deps.logger));
  app.use(errorHandler(deps.logger));
  app.use(async (ctx) => {
    if (ctx.path === '/drizzle') {
      // drizzle wraps the driver error: its message is "Failed query: … params: <the bound values>"
      await deps.db.execute(sql`SELECT id FROM users WHERE nickname = ${NAME} AND id_number_nope = ${ID_NO} AND address = ${ADDRESS}`);
    } else {
      // mysql2 itself: the error carries `sql` (with the literals) and its message repeats them
      await deps.database.pool.query(`INSERT INTO users (id, nickname, role) VALUES ('${NAME}${ID_NO}', 'x', 'resident')`);
    }
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await deps.database.close();
});

describe('nothing a user typed reaches a log line', () => {
  it.each(['/drizzle', '/mysql2'])('scrubs the driver error of a failing query (%s) before logging it', async (path) => {
    lines.length = 0;
    const res = await fetch(url + path);
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe('internal_error');
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.join('');
    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    expect(entry).toBeDefined();
    // the log still says what kind of failure it was…
    expect(entry.err.errno).toEqual(expect.any(Number));
    expect(entry.err.stack).toMatch(/at /);
    // …but carries nothing the user typed, and no SQL
    for (const secret of [NAME, ID_NO, ADDRESS, '330106', 'nickname =', 'INSERT INTO']) expect(logged).not.toContain(secret);
    expect(JSON.stringify(body)).not.toContain(NAME);
  });

  it('scrubs an error logged anywhere through the err serializer', async () => {
    lines.length = 0;
    const e = await deps.database.pool.query(`SELECT * FROM users WHERE nickname = '${NAME}' AND nope = '${ID_NO}'`).catch((x) => x);
    deps.logger.error({ err: e }, 'sweep failed');
    await new Promise((r) => setTimeout(r, 50));
    const logged = lines.join('');
    expect(logged).toContain('sweep failed');
    expect(logged).not.toContain(NAME);
    expect(logged).not.toContain(ID_NO);
  });

  it('the full app logs request lines without bodies', async () => {
    lines.length = 0;
    const app = createApp(deps).listen(0, '127.0.0.1');
    await new Promise<void>((r) => app.once('listening', () => r()));
    const port = (app.address() as AddressInfo).port;
    await fetch(`http://127.0.0.1:${port}/api/v1/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13912345678', nickname: NAME }) });
    await new Promise<void>((r) => app.close(() => r()));
    expect(lines.join('')).not.toContain(NAME);
    expect(lines.join('')).not.toContain('13912345678');
  });
});
