import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { projectUpdatePhotos, projectUpdates } from '../../db/schema';
import { appError, notFound } from '../../errors';
import { sniffImageType } from '../opinions/photos';

/**
 * Photos of project updates, served the way opinion photos are (domain/opinions/photos.ts): the
 * bytes decide the type (JPEG/PNG), the file gets an unguessable name under UPLOAD_DIR/projects,
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

/** Decodes and checks the photos sent with an update before anything is written. */
export function decodePhotos(photos: string[], maxBytes: number): Array<{ mime: 'image/jpeg' | 'image/png'; data: Buffer }> {
  return photos.map((b64, i) => {
    const data = Buffer.from(b64.replace(/^data:[^,]*,/, ''), 'base64');
    if (data.length > maxBytes) throw appError(413, 'file_too_large', `第 ${i + 1} 张照片太大`);
    const mime = sniffImageType(data);
    if (!mime) throw appError(415, 'unsupported_file_type', '只能上传 JPEG 或 PNG 图片');
    return { mime, data };
  });
}

export async function storeUpdatePhotos(tx: DbOrTx, uploadDir: string, updateId: number, photos: Array<{ mime: 'image/jpeg' | 'image/png'; data: Buffer }>) {
  if (!photos.length) return;
  await mkdir(folder(uploadDir), { recursive: true });
  let seq = 0;
  for (const p of photos) {
    seq++;
    const fileName = `${updateId}-${randomBytes(12).toString('hex')}.${p.mime === 'image/png' ? 'png' : 'jpg'}`;
    await writeFile(path.join(folder(uploadDir), fileName), p.data, { flag: 'wx' });
    await tx.insert(projectUpdatePhotos).values({ updateId, seq, mime: p.mime, bytes: p.data.length, fileName });
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
