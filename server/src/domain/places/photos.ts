import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { count, eq } from 'drizzle-orm';
import type { Tx, DbOrTx } from '../../db/client';
import { complexPhotos } from '../../db/schema';
import { appError, conflict, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { assertCanManageComplex } from '../access/scope';
import { sniffImageType } from '../opinions/photos';
import { findComplex } from './queries';

export const COMPLEX_PHOTO_LIMITS = { perComplex: 9, bytes: 8 * 1024 * 1024, maxSide: 1600 } as const;

const folder = (uploadDir: string) => path.resolve(uploadDir, 'complexes');

/**
 * Turns what a phone uploaded into what the app shows: turned upright (EXIF orientation), at most
 * 1600 px on its longer side, re-encoded as JPEG. sharp writes no metadata unless asked, so the
 * EXIF block (GPS position, camera, time) is gone.
 */
export async function normalisePhoto(data: Buffer): Promise<{ jpeg: Buffer; width: number; height: number }> {
  if (!sniffImageType(data)) throw appError(415, 'unsupported_file_type', '只能上传 JPEG 或 PNG 图片');
  try {
    const { data: jpeg, info } = await sharp(data, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize({ width: COMPLEX_PHOTO_LIMITS.maxSide, height: COMPLEX_PHOTO_LIMITS.maxSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { jpeg, width: info.width, height: info.height };
  } catch {
    throw appError(415, 'unsupported_file_type', '图片无法读取，请换一张 JPEG 或 PNG 图片');
  }
}

export const complexPhotoUrl = (id: number) => `/api/v1/complex-photos/${id}`;

/** Staff of the complex add a photo (at most nine); the file is written before the row commits. */
export async function addComplexPhoto(tx: Tx, uploadDir: string, actor: AuthUser, complexId: number, data: Buffer) {
  const c = await findComplex(tx, complexId);
  if (!c) throw notFound('民生综合体不存在');
  await assertCanManageComplex(tx, actor, complexId);
  const photo = await normalisePhoto(data);
  const [{ n }] = await tx.select({ n: count() }).from(complexPhotos).where(eq(complexPhotos.complexId, complexId)).for('update');
  if (Number(n) >= COMPLEX_PHOTO_LIMITS.perComplex) throw conflict('too_many_photos', `每个综合体最多 ${COMPLEX_PHOTO_LIMITS.perComplex} 张照片`);
  const fileName = `${complexId}-${randomBytes(12).toString('hex')}.jpg`;
  await mkdir(folder(uploadDir), { recursive: true });
  await writeFile(path.join(folder(uploadDir), fileName), photo.jpeg, { flag: 'wx' });
  const [{ id }] = await tx.insert(complexPhotos).values({ complexId, fileName, width: photo.width, height: photo.height, uploadedBy: actor.id }).$returningId();
  return { id, complexId, url: complexPhotoUrl(id), width: photo.width, height: photo.height };
}

export async function removeComplexPhoto(tx: Tx, uploadDir: string, actor: AuthUser, complexId: number, photoId: number) {
  await assertCanManageComplex(tx, actor, complexId);
  const [p] = await tx.select().from(complexPhotos).where(eq(complexPhotos.id, photoId));
  if (!p || p.complexId !== complexId) throw notFound('照片不存在');
  await tx.delete(complexPhotos).where(eq(complexPhotos.id, photoId));
  await unlink(path.join(folder(uploadDir), path.basename(p.fileName))).catch(() => undefined);
  return { id: photoId };
}

export async function readComplexPhoto(db: DbOrTx, uploadDir: string, photoId: number): Promise<Buffer> {
  const [p] = await db.select().from(complexPhotos).where(eq(complexPhotos.id, photoId));
  if (!p) throw notFound('照片不存在');
  // the name comes from our own table; basename() is belt and braces
  return readFile(path.join(folder(uploadDir), path.basename(p.fileName))).catch(() => {
    throw notFound('照片不存在');
  });
}
