import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Koa from 'koa';
import { precompressDir } from '../../../config/precompress';
import { serveH5 } from './static';

function get(port: number, p: string, acceptEncoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

describe('H5 static files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xfh-h5-'));
  const js = `console.log(${JSON.stringify('幸福荟'.repeat(400))});`;
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'js'));
    fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>幸福荟</title>${'<!-- pad -->'.repeat(200)}`);
    fs.writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), js);
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const r = precompressDir(dir);
    expect(r.files).toBe(2); // index.html and the script; the tiny favicon is left alone
    const app = new Koa();
    app.use(serveH5(dir));
    server = app.listen(0);
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends the brotli copy to a client that accepts br, gzip to one that accepts gzip, plain otherwise', async () => {
    const br = await get(port, '/js/app.0123abcd.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(js);
    expect(br.body.length).toBeLessThan(js.length / 5);

    const gz = await get(port, '/js/app.0123abcd.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(js);

    const plain = await get(port, '/js/app.0123abcd.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
  });

  it('negotiates index.html too, and never lets it be cached', async () => {
    const r = await get(port, '/', 'br');
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['cache-control']).toMatch(/no-cache/);
    expect(zlib.brotliDecompressSync(r.body).toString()).toContain('<title>幸福荟</title>');
  });

  it('answers /favicon.ico with the icon instead of a 404', async () => {
    const r = await get(port, '/favicon.ico');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/image\/svg\+xml/);
  });
});
