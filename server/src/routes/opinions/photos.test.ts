import sharp from 'sharp';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { submitOpinion } from '../../../test/support/opinions';

let t: TestServer;
let owner: { id: number; token: string };
let other: { id: number; token: string };
let worker: { id: number; token: string };
beforeAll(async () => {
  t = await startTestServer();
  owner = await buildResident(t);
  other = await buildResident(t);
  worker = await buildWorker(t, [1]);
});
afterAll(() => t.close());

/** Bytes that start like a JPEG/PNG but are not one (the size checks refuse them before decoding). */
const fakeJpeg = (n = 2048) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(n, 7)]);
const fakePng = (n = 2048) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(n, 3)]);
/** Real images (uploads are decoded and re-encoded). */
let realJpeg: Buffer;
let realPng: Buffer;
beforeAll(async () => {
  const raw = { create: { width: 40, height: 30, channels: 3 as const, background: { r: 200, g: 120, b: 40 } } };
  realJpeg = await sharp(raw).jpeg().toBuffer();
  realPng = await sharp(raw).png().toBuffer();
});
const jpeg = () => realJpeg;
const png = () => realPng;
const gif = () => Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(100, 1)]);

async function uploadRaw(id: number, token: string, data: Buffer, type = 'image/jpeg') {
  const res = await fetch(`${t.url}/api/v1/opinions/${id}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(data) });
  return { status: res.status, body: (await res.json()) as any };
}
async function uploadForm(id: number, token: string, data: Buffer, name = 'photo.png', type = 'image/png') {
  const form = new FormData();
  form.append('note', 'ignored field first');
  form.append('file', new Blob([new Uint8Array(data)], { type }), name);
  const res = await fetch(`${t.url}/api/v1/opinions/${id}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}
const getPhoto = async (path: string, token?: string) => {
  const res = await fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), data: Buffer.from(await res.arrayBuffer()) };
};

describe('opinion photos', () => {
  it('takes up to 3 JPEG/PNG photos by raw body or multipart, checking the bytes, not the label', async () => {
    const id = await submitOpinion(t, owner.token);
    const a = await uploadRaw(id, owner.token, jpeg());
    expect(a.status).toBe(201);
    expect(a.body.url).toMatch(new RegExp(`^/api/v1/opinions/${id}/photos/${a.body.id}\\?exp=\\d+&sig=`));
    expect((await uploadForm(id, owner.token, png())).status).toBe(201);
    const lying = await uploadRaw(id, owner.token, gif(), 'image/jpeg');
    expect([lying.status, lying.body.error.code]).toEqual([415, 'unsupported_file_type']);
    const notReally = await uploadRaw(id, owner.token, fakeJpeg());
    expect([notReally.status, notReally.body.error.code]).toEqual([415, 'unsupported_file_type']);
    const big = await uploadRaw(id, owner.token, fakeJpeg(5 * 1024 * 1024));
    expect([big.status, big.body.error.code]).toEqual([413, 'file_too_large']);
    const bigForm = await uploadForm(id, owner.token, fakePng(5 * 1024 * 1024));
    expect(bigForm.status).toBe(413);
    expect((await uploadRaw(id, owner.token, jpeg())).status).toBe(201);
    const fourth = await uploadRaw(id, owner.token, jpeg());
    expect([fourth.status, fourth.body.error.code]).toEqual([409, 'too_many_photos']);
    const d = await t.api('GET', `/api/v1/opinions/${id}`, { token: owner.token });
    expect(d.body.photos).toHaveLength(3);
    expect(d.body.photoCount).toBe(3);
  });

  it('takes exactly 3 when many arrive at once', async () => {
    const id = await submitOpinion(t, owner.token);
    const rs = await Promise.all(Array.from({ length: 8 }, () => uploadRaw(id, owner.token, jpeg())));
    expect(rs.filter((r) => r.status === 201)).toHaveLength(3);
    expect(rs.filter((r) => r.status === 409)).toHaveLength(5);
  });

  it('only the submitter adds photos, and only before acceptance', async () => {
    const id = await submitOpinion(t, owner.token);
    expect((await uploadRaw(id, other.token, jpeg())).status).toBe(403);
    expect((await fetch(`${t.url}/api/v1/opinions/${id}/photos`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(jpeg()) })).status).toBe(401);
    await t.api('POST', `/api/v1/opinions/${id}/accept`, { token: worker.token, body: {} });
    expect((await uploadRaw(id, owner.token, jpeg())).status).toBe(409);
  });

  it('serves a private opinion\'s photos to its submitter and staff only: 404 to anyone else', async () => {
    const id = await submitOpinion(t, owner.token, { visibility: 'private' });
    const data = png();
    const up = await uploadForm(id, owner.token, data);
    const bare = `/api/v1/opinions/${id}/photos/${up.body.id}`;
    const mine = await getPhoto(bare, owner.token);
    expect([mine.status, mine.type]).toEqual([200, 'image/png']);
    // re-encoded: the same picture, not the same bytes
    expect(await sharp(mine.data).metadata()).toMatchObject({ format: 'png', width: 40, height: 30 });
    expect((await getPhoto(bare, worker.token)).status).toBe(200);
    expect((await getPhoto(bare, other.token)).status).toBe(404);
    expect((await getPhoto(bare)).status).toBe(404);
    // The signed link from the detail works without a header (an <Image> cannot send one)…
    const link = (await t.api('GET', `/api/v1/opinions/${id}`, { token: owner.token })).body.photos[0].url;
    expect((await getPhoto(link)).status).toBe(200);
    // …but not tampered with, not after an hour, and not for another photo.
    expect((await getPhoto(link.replace(/sig=(.)/, (_: string, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`))).status).toBe(404);
    t.clock.set(new Date(Date.now() + 3601_000));
    expect((await getPhoto(link)).status).toBe(404);
    t.clock.set(null);
    const otherOpinion = await submitOpinion(t, other.token);
    const theirs = await uploadRaw(otherOpinion, other.token, jpeg());
    expect((await getPhoto(link.replace(`/photos/${up.body.id}`, `/photos/${theirs.body.id}`))).status).toBe(404);
    // A public opinion's photos are anyone's to see.
    expect((await getPhoto(`/api/v1/opinions/${otherOpinion}/photos/${theirs.body.id}`)).status).toBe(200);
  });
});
