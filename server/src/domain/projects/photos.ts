import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { projectUpdatePhotos, projectUpdates } from '../../db/schema';
import { appError, conflict, notFound, validationFailed } from '../../errors';
import { PROJECT_LIMITS } from '../../../../shared/projects';
import type { AuthUser } from '../access/actor';
import { reencodePhoto, sniffImageType, takePhotoBytes } from '../opinions/photos';

/**
 * Photos of project updates, served the way opinion photos are (domain/opinions/photos.ts): the
 * bytes decide the type (JPEG/PNG), sharp re-encodes them (reencodePhoto), the file gets an unguessable name under UPLOAD_DIR/projects,
 * and the detail hands out signed links that work for an hour (an <Image> sends no bearer header).
 */
const folder = (uploadDir: string) => path.resolve(uploadDir, 'projects');
const TTL_S = 3600;
const sig = (secret: string, photoId: number, exp: number) =>
  createHmac('sha256', `project-photo:${secret}`).update(`${photoId}.${exp}`).digest('base64url').slice(0, 32);

export function projectPhotoUrl(secret: string, projectId: number, photoId: number, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + TTL_S;
  return `/api/v1/projects/${projectId}/photos/${photoId}?exp=${exp}&sig=${sig(secret, photoId, exp)}`;
}

function verify(secret: string, photoId: number, exp: number, given: string, now: Date): boolean {
  if (exp * 1000 < now.getTime()) return false;
  const want = Buffer.from(sig(secret, photoId, exp));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}

type Photo = { mime: 'image/jpeg' | 'image/png'; data: Buffer };

/** Checks an uploaded image by its bytes and re-encodes it (reencodePhoto: upright, no metadata). */
export async function cleanPhoto(data: Buffer, maxBytes: number, label = '照片'): Promise<Photo> {
  if (data.length > maxBytes) throw appError(413, 'file_too_large', `${label}太大（最大 ${Math.round(maxBytes / 1024 / 1024)} MB）`);
  const mime = sniffImageType(data);
  if (!mime) throw appError(415, 'unsupported_file_type', '只能上传 JPEG 或 PNG 图片');
  return { mime, data: await reencodePhoto(data, mime) };
}

/** Decodes, checks and re-encodes the base64 photos sent inside an update's body, before anything is written. */
export function decodePhotos(photos: string[], maxBytes: number): Promise<Photo[]> {
  return Promise.all(photos.map((b64, i) => cleanPhoto(Buffer.from(b64.replace(/^data:[^,]*,/, ''), 'base64'), maxBytes, `第 ${i + 1} 张照片`)));
}

async function writePhotoFile(uploadDir: string, prefix: string, p: Photo): Promise<string> {
  await mkdir(folder(uploadDir), { recursive: true });
  const fileName = `${prefix}-${randomBytes(12).toString('hex')}.${p.mime === 'image/png' ? 'png' : 'jpg'}`;
  await writeFile(path.join(folder(uploadDir), fileName), p.data, { flag: 'wx' });
  return fileName;
}

/** Photos one person may hold staged (uploaded, not yet published) for one project. */
const STAGED_MAX = PROJECT_LIMITS.photos * 3;

/**
 * Stages one photo for the update the owner or staff member is writing (the mini-program uploads
 * each picked photo with wx.uploadFile before publishing), already re-encoded (cleanPhoto): counted against the
 * account's daily photo bytes, stored without an update; `postUpdate({photoIds})` publishes it.
 * A staged photo is visible to nobody.
 */
export async function stageUpdatePhoto(tx: Tx, uploadDir: string, user: AuthUser, projectId: number, photo: Photo, now: Date): Promise<{ id: number; bytes: number }> {
  await takePhotoBytes(tx, user.id, photo.data.length, now);
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(projectUpdatePhotos)
    .where(and(eq(projectUpdatePhotos.projectId, projectId), eq(projectUpdatePhotos.uploadedBy, user.id), isNull(projectUpdatePhotos.updateId)))
    .for('update');
  if (Number(n) >= STAGED_MAX) throw conflict('too_many_photos', '待发布的照片太多，请先发布进展');
  const fileName = await writePhotoFile(uploadDir, `p${projectId}`, photo);
  const [{ id }] = await tx.insert(projectUpdatePhotos).values({ updateId: null, projectId, uploadedBy: user.id, seq: 0, mime: photo.mime, bytes: photo.data.length, fileName, createdAt: now }).$returningId();
  return { id, bytes: photo.data.length };
}

/**
 * Publishes an update's photos inside its transaction: first the staged ones (by id, in the order
 * given: the caller's own, of this project, not yet used — else 422), then the inline ones.
 */
export async function storeUpdatePhotos(
  tx: Tx,
  uploadDir: string,
  at: { projectId: number; updateId: number; userId: number; now: Date },
  staged: number[],
  inline: Photo[],
): Promise<void> {
  let seq = 0;
  if (staged.length) {
    const rows = await tx
      .select({ id: projectUpdatePhotos.id })
      .from(projectUpdatePhotos)
      .where(and(inArray(projectUpdatePhotos.id, staged), eq(projectUpdatePhotos.projectId, at.projectId), eq(projectUpdatePhotos.uploadedBy, at.userId), isNull(projectUpdatePhotos.updateId)))
      .for('update');
    if (rows.length !== new Set(staged).size || rows.length !== staged.length) throw validationFailed({ photoIds: '照片不存在或已发布过，请重新选择' });
    for (const id of staged) await tx.update(projectUpdatePhotos).set({ updateId: at.updateId, seq: ++seq }).where(eq(projectUpdatePhotos.id, id));
  }
  if (inline.length) await takePhotoBytes(tx, at.userId, inline.reduce((s, p) => s + p.data.length, 0), at.now);
  for (const p of inline) {
    const fileName = await writePhotoFile(uploadDir, String(at.updateId), p);
    await tx.insert(projectUpdatePhotos).values({ updateId: at.updateId, projectId: at.projectId, uploadedBy: at.userId, seq: ++seq, mime: p.mime, bytes: p.data.length, fileName, createdAt: at.now });
  }
}

/** The bytes for a signed link (or a caller who may see the project: `visible`). */
export async function readProjectPhoto(db: DbOrTx, uploadDir: string, secret: string, projectId: number, photoId: number, link: { exp?: number; sig?: string }, visible: boolean, now: Date) {
  const [p] = await db
    .select({ mime: projectUpdatePhotos.mime, fileName: projectUpdatePhotos.fileName })
    .from(projectUpdatePhotos)
    .innerJoin(projectUpdates, eq(projectUpdates.id, projectUpdatePhotos.updateId))
    .where(and(eq(projectUpdatePhotos.id, photoId), eq(projectUpdates.projectId, projectId)));
  const signed = link.exp !== undefined && link.sig !== undefined && verify(secret, photoId, link.exp, link.sig, now);
  if (!p || !(signed || visible)) throw notFound('图片不存在');
  return { mime: p.mime, data: await readFile(path.join(folder(uploadDir), path.basename(p.fileName))) };
}
