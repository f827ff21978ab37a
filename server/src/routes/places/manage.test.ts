import sharp from 'sharp';
import { eq, like } from 'drizzle-orm';
import { activities, auditLogs, complexes, spaces } from '../../db/schema';
import { buildDistrictAdmin, buildResident, buildStreetAdmin, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
let admin: { id: number; token: string };
let seq = 0;
beforeAll(async () => {
  t = await startTestServer();
  admin = await buildDistrictAdmin(t);
});
afterAll(async () => {
  // other suites read the seeded complexes from the same database: take ours out of the lists
  await t.deps.db.update(complexes).set({ archivedAt: new Date() }).where(like(complexes.name, '测试综合体%'));
  await t.close();
});

const M = 1 / 111_195; // degrees of latitude per metre
const BASE = { lat: 30.28, lng: 120.1 };
const newComplex = (token: string | undefined, over: Record<string, unknown> = {}) =>
  t.api('POST', '/api/v1/complexes', { token, body: { streetId: 1, name: `测试综合体${++seq}`, mode: 'star_moon', address: '文一西路 1 号', ...BASE, ...over } });
const facility = (token: string, complexId: number, northM: number, name = `卫星点${++seq}`) =>
  t.api('POST', `/api/v1/complexes/${complexId}/facilities`, { token, body: { name, address: '文一西路 9 号', lat: BASE.lat + northM * M, lng: BASE.lng } });

describe('places managed in the app', () => {
  it('creates a complex (district admin; a street admin within their street) with its main site', async () => {
    expect((await newComplex(undefined)).status).toBe(401);
    expect((await newComplex((await buildResident(t)).token)).status).toBe(403);
    expect((await newComplex((await buildWorker(t, [1])).token)).status).toBe(403);
    const sa = await buildStreetAdmin(t, 1);
    expect((await newComplex(sa.token, { streetId: 2 })).status).toBe(403);
    const mine = await newComplex(sa.token);
    expect(mine.status).toBe(201);
    const d = (await t.api('GET', `/api/v1/complexes/${mine.body.id}`)).body;
    expect(d.facilities).toHaveLength(1);
    expect(d.facilities[0]).toMatchObject({ isMain: true, distanceM: 0 });
    expect((await t.api('PATCH', `/api/v1/complexes/${mine.body.id}`, { token: sa.token, body: { hotline: '0571-88888888', openingHours: '08:00-21:00' } })).status).toBe(200);
    expect((await t.api('PATCH', `/api/v1/complexes/${mine.body.id}`, { token: (await buildStreetAdmin(t, 2)).token, body: { hotline: '1' } })).status).toBe(403);
    expect((await t.api('GET', `/api/v1/complexes/${mine.body.id}`)).body).toMatchObject({ hotline: '0571-88888888', openingHours: '08:00-21:00' });
    expect((await newComplex(admin.token, { name: (d as { name: string }).name })).body.error.code).toBe('name_taken');
    expect((await newComplex(admin.token, { communityId: 999_999 })).status).toBe(422);
    const audit = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.action, 'complex.create'));
    expect(audit.some((a) => a.targetId === String(mine.body.id))).toBe(true);
  });

  it('keeps coordinates inside Xihu district', async () => {
    const shanghai = await newComplex(admin.token, { lat: 31.23, lng: 121.47 });
    expect([shanghai.status, shanghai.body.error.code]).toEqual([422, 'validation_failed']);
    expect(shanghai.body.error.details.fields.lat).toMatch(/西湖区/);
    const { body } = await newComplex(admin.token);
    expect((await t.api('POST', `/api/v1/complexes/${body.id}/facilities`, { token: admin.token, body: { name: '远处', address: 'x 路', lat: 30.0, lng: 120.1 } })).status).toBe(422);
    expect((await t.api('PATCH', `/api/v1/complexes/${body.id}`, { token: admin.token, body: { lng: 121.0 } })).status).toBe(422);
  });

  it('a 星月式 satellite no more than 500 m from the main site (too_far names the distance)', async () => {
    const { body } = await newComplex(admin.token);
    expect((await facility(admin.token, body.id, 200)).status).toBe(201);
    expect((await facility(admin.token, body.id, -480)).status).toBe(201);
    const far = await facility(admin.token, body.id, 650);
    expect([far.status, far.body.error.code]).toEqual([422, 'too_far']);
    expect(far.body.error.message).toContain('650 米');
    expect(far.body.error.details.distanceM).toBe(650);
    const d = (await t.api('GET', `/api/v1/complexes/${body.id}`)).body;
    expect(d.facilities.map((f: any) => f.distanceM)).toEqual([0, 200, 480]);
    // moving the main site 300 m north would leave the -480 m satellite 780 m away
    const main = d.facilities[0];
    const moved = await t.api('PATCH', `/api/v1/facilities/${main.id}`, { token: admin.token, body: { lat: BASE.lat + 300 * M } });
    expect(moved.body.error.code).toBe('too_far');
    // a 珠链式 chain has no 500 m rule
    const { body: chain } = await newComplex(admin.token, { mode: 'pearl_chain' });
    expect((await facility(admin.token, chain.id, 900)).status).toBe(201);
    // and turning it into 星月式 is refused while a link is too far
    expect((await t.api('PATCH', `/api/v1/complexes/${chain.id}`, { token: admin.token, body: { mode: 'star_moon' } })).body.error.code).toBe('too_far');
  });

  it('spaces: created, edited; archived instead of deleted when they have bookings', async () => {
    const { body } = await newComplex(admin.token);
    const main = (await t.api('GET', `/api/v1/complexes/${body.id}`)).body.facilities[0];
    const mk = (name: string) => t.api('POST', `/api/v1/facilities/${main.id}/spaces`, { token: admin.token, body: { name, type: 'vitality', bookable: true, capacity: 20 } });
    expect((await t.api('POST', `/api/v1/facilities/${main.id}/spaces`, { token: (await buildResident(t)).token, body: { name: 'x', type: 'health' } })).status).toBe(403);
    const used = await mk('活力空间');
    const unused = await mk('书房');
    expect(used.status).toBe(201);
    expect((await mk('活力空间')).body.error.code).toBe('name_taken');
    expect((await t.api('POST', `/api/v1/facilities/${main.id}/spaces`, { token: admin.token, body: { name: 'y', type: 'spa' } })).status).toBe(422);
    expect((await t.api('PATCH', `/api/v1/spaces/${used.body.id}`, { token: admin.token, body: { capacity: 30 } })).status).toBe(200);
    await t.deps.db.insert(activities).values({ complexId: body.id, spaceId: used.body.id, createdBy: admin.id, title: '太极', startAt: new Date('2026-12-05T01:00:00Z'), endAt: new Date('2026-12-05T02:00:00Z'), capacity: 10 });

    const a = await t.api('DELETE', `/api/v1/spaces/${used.body.id}`, { token: admin.token });
    expect(a.body).toEqual({ id: used.body.id, archived: true });
    const [row] = await t.deps.db.select().from(spaces).where(eq(spaces.id, used.body.id));
    expect(row.archivedAt).not.toBeNull();
    expect(row.bookable).toBe(false);
    expect((await t.api('DELETE', `/api/v1/spaces/${unused.body.id}`, { token: admin.token })).body).toEqual({ id: unused.body.id, archived: false });
    expect(await t.deps.db.select().from(spaces).where(eq(spaces.id, unused.body.id))).toHaveLength(0);
    const shown = (await t.api('GET', `/api/v1/complexes/${body.id}`)).body.spaces.map((s: any) => s.id);
    expect(shown).not.toContain(used.body.id);
    expect((await t.api('PATCH', `/api/v1/spaces/${used.body.id}`, { token: admin.token, body: { capacity: 5 } })).status).toBe(404);
    // the main site stays; a complex is archived, not deleted
    expect((await t.api('DELETE', `/api/v1/facilities/${main.id}`, { token: admin.token })).body.error.code).toBe('main_site');
    expect((await t.api('PATCH', `/api/v1/complexes/${body.id}`, { token: admin.token, body: { archived: true } })).status).toBe(200);
    expect((await t.api('GET', '/api/v1/complexes')).body.items.map((c: any) => c.id)).not.toContain(body.id);
  });

  it('communities: created and renamed within the street', async () => {
    const sa = await buildStreetAdmin(t, 1);
    expect((await t.api('POST', '/api/v1/communities', { token: sa.token, body: { streetId: 2, name: '新社区' } })).status).toBe(403);
    const c = await t.api('POST', '/api/v1/communities', { token: sa.token, body: { streetId: 1, name: `新社区${++seq}` } });
    expect(c.status).toBe(201);
    expect((await t.api('PATCH', `/api/v1/communities/${c.body.id}`, { token: sa.token, body: { name: `更名社区${++seq}` } })).status).toBe(200);
    expect((await t.api('GET', '/api/v1/communities?streetId=1')).body.items.map((k: any) => k.id)).toContain(c.body.id);
    expect((await newComplex(sa.token, { communityId: c.body.id })).status).toBe(201);
  });

  it('photos: uploaded by staff, resized, EXIF stripped, shown on the complex page and the list', async () => {
    const { body } = await newComplex(admin.token);
    const big = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-camera', Make: 'PhoneCo' } })
      .toBuffer();
    expect((await sharp(big).metadata()).exif).toBeDefined();
    const upload = (token: string) => fetch(`${t.url}/api/v1/complexes/${body.id}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(big) });
    expect((await upload((await buildResident(t)).token)).status).toBe(403);
    expect((await upload((await buildWorker(t, [1])).token)).status).toBe(403);
    const res = await upload(admin.token);
    expect(res.status).toBe(201);
    const photo = (await res.json()) as { id: number; url: string; width: number; height: number };
    expect([photo.width, photo.height]).toEqual([1600, 800]);
    const served = Buffer.from(await (await fetch(`${t.url}${photo.url}`)).arrayBuffer());
    const meta = await sharp(served).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([1600, 800, 'jpeg']);
    expect(meta.exif).toBeUndefined();
    expect(served.includes(Buffer.from('secret-camera'))).toBe(false);
    expect((await t.api('GET', `/api/v1/complexes/${body.id}`)).body.photos.map((p: any) => p.url)).toEqual([photo.url]);
    const listed = (await t.api('GET', '/api/v1/complexes')).body.items.find((c: any) => c.id === body.id);
    expect(listed.coverPhotoUrl).toBe(photo.url);
    const bad = await fetch(`${t.url}/api/v1/complexes/${body.id}/photos`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'image/jpeg' }, body: 'not an image' });
    expect(bad.status).toBe(415);
  });
});
