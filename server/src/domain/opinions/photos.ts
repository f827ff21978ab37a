import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { Deps } from '../../deps';
import { withTx, type Tx } from '../../db/client';
import { opinionPhotos, opinions, projectUpdatePhotos, users } from '../../db/schema';
import { appError, conflict, forbidden, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { OPINION_LIMITS } from '../../../../shared/opinions';
import { addDays, shanghaiDay, shanghaiDayStart, shanghaiInstant } from '../time/shanghai';
import { loadVisibleOpinion, viewerOf } from './access';

/** Stored photo bytes one account may add per Asia/Shanghai day (after re-encoding). */
export const PHOTO_BYTES_PER_DAY = 20 * 1024 * 1024;
/** Photos are re-encoded no larger than this on their longest side. */
export const PHOTO_MAX_SIDE = 2560;
/** Decoding refuses images with more pixels than this (a small file can claim a huge canvas). */
export const PHOTO_MAX_INPUT_PIXELS = 50_000_000;

/**
 * Re-encodes an uploaded photo with sharp: the pixels are turned upright by their EXIF orientation
 * (`.rotate()`), then written afresh without any metadata — no GPS position, camera, time or
 * thumbnail survives. Decoding runs on libuv's thread pool, not the event loop. Anything sharp
 * cannot decode is 415.
 */
export async function reencodePhoto(data: Buffer, mime: 'image/jpeg' | 'image/png'): Promise<Buffer> {
  try {
    const img = sharp(data, { limitInputPixels: PHOTO_MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    return await (mime === 'image/png' ? img.png({ compressionLevel: 9 }) : img.jpeg({ quality: 85, mozjpeg: true })).toBuffer();
  } catch {
    throw appError(415, 'unsupported_file_type', '图片无法识别，请换一张 JPEG 或 PNG 图片');
  }
}

/**
 * The per-account daily photo storage limit, shared by every upload of photos (opinion photos and
 * 民生项目 update photos): locks the account's row (so one account's uploads serialise), sums what
 * it stored since the start of today (Shanghai) with locking reads, and refuses with 429 (and
 * Retry-After until midnight) when `adding` more bytes would go over PHOTO_BYTES_PER_DAY.
 */
export async function takePhotoBytes(tx: Tx, userId: number, adding: number, now: Date): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  const since = shanghaiDayStart(now);
  const [{ used: a }] = await tx
    .select({ used: sql<number>`coalesce(sum(${opinionPhotos.bytes}), 0)` })
    .from(opinionPhotos)
    .innerJoin(opinions, eq(opinions.id, opinionPhotos.opinionId))
    .where(and(eq(opinions.userId, userId), gte(opinionPhotos.createdAt, since)))
    .for('update');
  const [{ used: b }] = await tx
    .select({ used: sql<number>`coalesce(sum(${projectUpdatePhotos.bytes}), 0)` })
    .from(projectUpdatePhotos)
    .where(and(eq(projectUpdatePhotos.uploadedBy, userId), gte(projectUpdatePhotos.createdAt, since)))
    .for('update');
  if (Number(a) + Number(b) + adding > PHOTO_BYTES_PER_DAY) {
    const retryAfterSeconds = Math.max(1, Math.ceil((shanghaiInstant(addDays(shanghaiDay(now), 1)).getTime() - now.getTime()) / 1000));
    throw appError(429, 'rate_limited', `今天上传的照片已达 ${PHOTO_BYTES_PER_DAY / 1024 / 1024} MB 上限，请明天再传`, { limit: 'photo_bytes_per_day', retryAfterSeconds });
  }
}

/** What the bytes are, whatever the client said: JPEG and PNG only. */
export function sniffImageType(data: Buffer): 'image/jpeg' | 'image/png' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length >= 8 && png.every((b, i) => data[i] === b)) return 'image/png';
  return null;
}

const folder = (uploadDir: string) => path.resolve(uploadDir, 'opinions');

/** Writes the photo under UPLOAD_DIR/opinions with an unguessable name; returns that name. */
export async function storePhoto(uploadDir: string, opinionId: number, mime: 'image/jpeg' | 'image/png', data: Buffer): Promise<string> {
  const name = `${opinionId}-${randomBytes(12).toString('hex')}.${mime === 'image/png' ? 'png' : 'jpg'}`;
  await mkdir(folder(uploadDir), { recursive: true });
  await writeFile(path.join(folder(uploadDir), name), data, { flag: 'wx' });
  return name;
}

export function loadPhoto(uploadDir: string, fileName: string): Promise<Buffer> {
  // fileName comes from our own table, never from the request; basename() is belt and braces.
  return readFile(path.join(folder(uploadDir), path.basename(fileName)));
}

/**
 * Signed photo links: an <Image> in the mini-program cannot send the Authorization header, so the
 * opinion detail hands each viewer who may see it links that work for an hour.
 */
export const PHOTO_LINK_TTL_S = 3600;
const sig = (secret: string, photoId: number, exp: number) =>
  createHmac('sha256', `photo:${secret}`).update(`${photoId}.${exp}`).digest('base64url').slice(0, 32);

export function photoUrl(secret: string, opinionId: number, photoId: number, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + PHOTO_LINK_TTL_S;
  return `/api/v1/opinions/${opinionId}/photos/${photoId}?exp=${exp}&sig=${sig(secret, photoId, exp)}`;
}

export function verifyPhotoLink(secret: string, photoId: number, exp: number, given: string, now: Date): boolean {
  if (exp * 1000 < now.getTime()) return false;
  const want = Buffer.from(sig(secret, photoId, exp));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * Adds a photo to the caller's own opinion while it waits for acceptance. The slot is taken with
 * one conditional UPDATE (photo_count < 3) and backed by the unique (opinion, seq) key.
 */
export async function addPhoto(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  user: AuthUser,
  opinionId: number,
  data: Buffer,
): Promise<{ id: number; url: string }> {
  const mime = sniffImageType(data);
  if (!mime) throw appError(415, 'unsupported_file_type', '只能上传 JPEG 或 PNG 图片');
  const { opinion: o, viewer } = await loadVisibleOpinion(deps.db, user, opinionId);
  if (viewer !== 'owner') throw forbidden('只能给自己的意见添加照片');
  if (o.status !== 'submitted' && o.status !== 'pending_review') throw conflict('invalid_transition', '意见受理后不能再添加照片');
  const clean = await reencodePhoto(data, mime);
  const now = deps.clock.now();
  const id = await withTx(deps.db, async (tx) => {
    await takePhotoBytes(tx, user.id, clean.length, now);
    const [res] = await tx
      .update(opinions)
      .set({ photoCount: sql`${opinions.photoCount} + 1` })
      .where(and(eq(opinions.id, opinionId), lt(opinions.photoCount, OPINION_LIMITS.photos)));
    if ((res as { affectedRows: number }).affectedRows === 0) throw conflict('too_many_photos', `每条意见最多 ${OPINION_LIMITS.photos} 张照片`);
    const [{ n }] = await tx.select({ n: opinions.photoCount }).from(opinions).where(eq(opinions.id, opinionId));
    const fileName = await storePhoto(deps.config.UPLOAD_DIR, opinionId, mime, clean);
    const [{ id }] = await tx.insert(opinionPhotos).values({ opinionId, seq: n, mime, bytes: clean.length, fileName, createdAt: now }).$returningId();
    return id;
  });
  return { id, url: photoUrl(deps.config.JWT_SECRET, opinionId, id, now) };
}

/** The photo bytes for someone allowed to see them: a valid signed link, or a viewer of the opinion. */
export async function readPhoto(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  user: AuthUser | null,
  opinionId: number,
  photoId: number,
  link: { exp?: number; sig?: string },
): Promise<{ mime: string; data: Buffer }> {
  const [p] = await deps.db.select().from(opinionPhotos).where(and(eq(opinionPhotos.id, photoId), eq(opinionPhotos.opinionId, opinionId)));
  if (!p) throw notFound('图片不存在');
  const signed = link.exp !== undefined && link.sig !== undefined && verifyPhotoLink(deps.config.JWT_SECRET, photoId, link.exp, link.sig, deps.clock.now());
  // Even with a signed link, a photo of an opinion that became invisible (blocked) stays hidden.
  const [o] = await deps.db.select().from(opinions).where(eq(opinions.id, opinionId));
  const viewer = o ? await viewerOf(deps.db, user, o) : null;
  if (!viewer && !(signed && o && o.status !== 'blocked')) throw notFound('图片不存在');
  return { mime: p.mime, data: await loadPhoto(deps.config.UPLOAD_DIR, p.fileName) };
}
