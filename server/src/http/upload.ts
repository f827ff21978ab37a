import type { Context } from 'koa';
import { appError } from '../errors';

export interface UploadedFile {
  data: Buffer;
  /** the Content-Type the client claimed (never trusted: check the bytes) */
  claimedType: string;
  fileName: string | null;
}

/** Reads the request body into memory, refusing (413) as soon as it passes `limit` bytes. */
async function readBounded(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw appError(413, 'file_too_large', `文件太大，不能超过 ${Math.floor(limit / 1024 / 1024)} MB`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      ctx.req.destroy();
      throw appError(413, 'file_too_large', `文件太大，不能超过 ${Math.floor(limit / 1024 / 1024)} MB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The first file part of a multipart/form-data body (what wx.uploadFile and the browser's
 * FormData send). Small on purpose: one file, headers read as latin1, no streaming to disk.
 */
export function firstMultipartFile(body: Buffer, contentType: string): UploadedFile | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) return null;
  const delimiter = Buffer.from(`--${(m[1] ?? m[2]).trim()}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const headStart = pos + delimiter.length + 2; // skip CRLF after the delimiter
    if (body.subarray(pos + delimiter.length, pos + delimiter.length + 2).toString() === '--') return null;
    const headEnd = body.indexOf('\r\n\r\n', headStart);
    if (headEnd === -1) return null;
    const next = body.indexOf(delimiter, headEnd + 4);
    if (next === -1) return null;
    const headers = body.subarray(headStart, headEnd).toString('latin1');
    const disposition = /content-disposition:[^\r\n]*filename="([^"]*)"/i.exec(headers);
    if (disposition) {
      const type = /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
      // The part's data ends with the CRLF that precedes the next delimiter.
      return { data: body.subarray(headEnd + 4, next - 2), claimedType: type.toLowerCase(), fileName: disposition[1] || null };
    }
    pos = next;
  }
  return null;
}

/**
 * One uploaded file, sent either as the raw body (Content-Type: image/jpeg …) or as the first
 * file of a multipart form. `maxBytes` bounds the file; the multipart envelope gets 64 KB more.
 */
export async function readUploadedFile(ctx: Context, maxBytes: number): Promise<UploadedFile> {
  const type = ctx.get('content-type').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const body = await readBounded(ctx, maxBytes + 64 * 1024);
    const file = firstMultipartFile(body, ctx.get('content-type'));
    if (!file) throw appError(422, 'validation_failed', '没有收到文件', { fields: { file: '请选择要上传的图片' } });
    if (file.data.length > maxBytes) throw appError(413, 'file_too_large', `文件太大，不能超过 ${Math.floor(maxBytes / 1024 / 1024)} MB`);
    return file;
  }
  const data = await readBounded(ctx, maxBytes);
  if (data.length === 0) throw appError(422, 'validation_failed', '没有收到文件', { fields: { file: '请选择要上传的图片' } });
  return { data, claimedType: type.split(';')[0].trim(), fileName: null };
}
