import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { complexPhotos } from '../../db/schema';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { seedComplexPhotos } from './demo';

// globalSetup seeded the demo data into the default UPLOAD_DIR: serve from there.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ UPLOAD_DIR: 'uploads' });
});
afterAll(() => t.close());

describe('demo complex photos', () => {
  it('gives every seeded complex two drawn photos, served as JPEG, and seeding again adds none', async () => {
    const c = (await t.api('GET', '/api/v1/complexes/1')).body;
    expect(c.photos).toHaveLength(2);
    const listed = (await t.api('GET', '/api/v1/complexes')).body.items.find((x: any) => x.id === 1);
    expect(listed.coverPhotoUrl).toBe(c.photos[0].url);
    const img = await fetch(`${t.url}${c.photos[0].url}`);
    expect(img.status).toBe(200);
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 960, 540]);
    await seedComplexPhotos(t.deps.db, { config: t.deps.config, now: t.clock.now() });
    expect(await t.deps.db.select().from(complexPhotos).where(eq(complexPhotos.complexId, 1))).toHaveLength(2);
  });
});
