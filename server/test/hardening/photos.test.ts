import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { opinionPhotos } from '../../src/db/schema';
import { PHOTO_BYTES_PER_DAY } from '../../src/domain/opinions/photos';
import { buildResident } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';
import { submitOpinion } from '../support/opinions';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

async function upload(id: number, token: string, data: Buffer, type = 'image/jpeg') {
  const res = await fetch(`${t.url}/api/v1/opinions/${id}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(data) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const download = async (url: string) => Buffer.from(await (await fetch(t.url + url)).arrayBuffer());

/** A 60×20 JPEG taken with the phone turned (EXIF orientation 6: show it rotated 90°), with a GPS fix on 西湖. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 60, height: 20, channels: 3, background: { r: 30, g: 140, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone X' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '120/1 8/1 4321/100' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

describe('uploaded photos', () => {
  it('strips EXIF (GPS, camera) and re-encodes, keeping the orientation', async () => {
    const owner = await buildResident(t);
    const original = await phonePhoto();
    // the test photo really carries what we strip
    const before = await sharp(original).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif).toBeDefined();
    expect(original.includes(Buffer.from('PhoneMaker'))).toBe(true);

    const id = await submitOpinion(t, owner.token, { visibility: 'public' });
    const up = await upload(id, owner.token, original);
    expect(up.status).toBe(201);
    const served = await download(up.body.url);
    const after = await sharp(served).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(served.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(served.includes(Buffer.from('Exif'))).toBe(false);
    // upright: the 60×20 landscape sensor image shows as 20×60 portrait, as the phone meant
    expect([after.width, after.height]).toEqual([20, 60]);
    const [row] = await t.deps.db.select().from(opinionPhotos).where(eq(opinionPhotos.id, up.body.id));
    expect(row.bytes).toBe(served.length);
  });

  it('refuses a file that only looks like an image', async () => {
    const owner = await buildResident(t);
    const id = await submitOpinion(t, owner.token);
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 9)]);
    const r = await upload(id, owner.token, fake);
    expect([r.status, r.body.error.code]).toEqual([415, 'unsupported_file_type']);
  });

  it('limits the bytes one account stores per day, also when uploads arrive at once', async () => {
    const owner = await buildResident(t);
    const photo = await phonePhoto();
    const first = await submitOpinion(t, owner.token);
    const ok = await upload(first, owner.token, photo);
    expect(ok.status).toBe(201);
    const [stored] = await t.deps.db.select().from(opinionPhotos).where(eq(opinionPhotos.id, ok.body.id));
    // Pretend the account already stored almost the whole day's allowance: room for one more photo.
    await t.deps.db.update(opinionPhotos).set({ bytes: PHOTO_BYTES_PER_DAY - Math.floor(stored.bytes * 2.5) }).where(eq(opinionPhotos.id, ok.body.id));
    const ids = await Promise.all(Array.from({ length: 6 }, () => submitOpinion(t, owner.token)));
    const rs = await Promise.all(ids.map((id) => upload(id, owner.token, photo)));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(2);
    const refused = rs.filter((r) => r.status === 429);
    expect(refused).toHaveLength(4);
    expect(refused[0].body.error.code).toBe('rate_limited');
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused[0].headers.get('retry-after'))).toBeLessThanOrEqual(86_400);
    // someone else is not affected
    const other = await buildResident(t);
    expect((await upload(await submitOpinion(t, other.token), other.token, photo)).status).toBe(201);
    // the next Shanghai day the account may upload again
    t.clock.set(new Date(Date.now() + 86_400_000));
    try {
      const tomorrow = await submitOpinion(t, owner.token);
      expect((await upload(tomorrow, owner.token, photo)).status).toBe(201);
    } finally {
      t.clock.set(null);
    }
  });
});
