import { eq } from 'drizzle-orm';
import { streets } from '../../db/schema';
import { buildDistrictAdmin } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
let admin: { id: number; token: string };
beforeAll(async () => {
  t = await startTestServer();
  admin = await buildDistrictAdmin(t);
});
afterAll(() => t.close());

describe('reference data: ETag, 304 and invalidation', () => {
  it.each(['/api/v1/streets', '/api/v1/complexes', '/api/v1/complexes?lat=30.28&lng=120.1', '/api/v1/complexes/1', '/api/v1/communities', '/api/v1/service-catalog', '/api/v1/branches'])(
    '%s answers with an ETag, no-cache, and 304 to If-None-Match',
    async (path) => {
      const first = await t.api('GET', path);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]{22}"$/);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      expect(first.headers.get('content-type')).toMatch(/^application\/json/);
      const again = await t.api('GET', path, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      const other = await t.api('GET', path, { headers: { 'if-none-match': '"something-else"' } });
      expect(other.status).toBe(200);
      expect(other.body).toEqual(first.body);
    },
  );

  it('a write through the places endpoints changes what the next read says (and its ETag)', async () => {
    const before = await t.api('GET', '/api/v1/complexes/1');
    const list = await t.api('GET', '/api/v1/complexes');
    const oldName = before.body.name as string;
    const name = `${oldName.slice(0, 20)}改${Date.now() % 1000}`;
    try {
      const patched = await t.api('PATCH', '/api/v1/complexes/1', { token: admin.token, body: { name } });
      expect(patched.status).toBe(200);
      const after = await t.api('GET', '/api/v1/complexes/1', { headers: { 'if-none-match': before.headers.get('etag')! } });
      expect(after.status).toBe(200);
      expect(after.body.name).toBe(name);
      expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
      const listAfter = await t.api('GET', '/api/v1/complexes', { headers: { 'if-none-match': list.headers.get('etag')! } });
      expect(listAfter.status).toBe(200);
      expect(listAfter.body.items.find((c: { id: number }) => c.id === 1).name).toBe(name);
    } finally {
      await t.api('PATCH', '/api/v1/complexes/1', { token: admin.token, body: { name: oldName } });
    }
    expect((await t.api('GET', '/api/v1/complexes/1')).body.name).toBe(oldName);
  });

  it('a failed write still leaves the cache consistent, and a write outside the API shows once invalidated', async () => {
    const s = await t.api('GET', '/api/v1/streets');
    const [first] = s.body.items as Array<{ id: number; name: string }>;
    // a rejected write (a resident) changes nothing
    await t.api('PATCH', '/api/v1/complexes/1', { token: (await t.login('13900000004')).token, body: { name: 'x' } });
    expect((await t.api('GET', '/api/v1/streets')).body).toEqual(s.body);
    // a change made straight in the database (a migration, the SQL console) is served from memory …
    await t.deps.db.update(streets).set({ name: `${first.name}·` }).where(eq(streets.id, first.id));
    try {
      expect((await t.api('GET', '/api/v1/streets')).body.items[0].name).toBe(first.name);
      // … until the next invalidation (any write through the endpoints, or the entry's TTL)
      await t.deps.reference.invalidate();
      expect((await t.api('GET', '/api/v1/streets')).body.items[0].name).toBe(`${first.name}·`);
    } finally {
      await t.deps.db.update(streets).set({ name: first.name }).where(eq(streets.id, first.id));
      await t.deps.reference.invalidate();
    }
  });

  it('an invalid query is still 422 and a protected route still 401', async () => {
    expect((await t.api('GET', '/api/v1/complexes?lat=30.2')).status).toBe(422);
    expect((await t.api('GET', '/api/v1/complexes/1/workers')).status).toBe(401);
  });
});
