import type { Context } from 'koa';
import { appError } from '../errors';

/**
 * Reads a non-JSON request body (a file upload) with a size cap. The app-wide body parser only
 * takes JSON, so other content types reach the handler with the stream unread; routes that take
 * files call this themselves and say so in their description.
 */
export async function readRawBody(ctx: Context, limitBytes: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const req = ctx.req;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      // Over the cap: stop keeping it, let the rest drain so the 413 still reaches the client.
      req.off('data', onData);
      req.resume();
      reject(tooLarge(limitBytes));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

const tooLarge = (limit: number) => appError(413, 'payload_too_large', `文件太大，最大 ${Math.round(limit / 1024 / 1024)} MB`);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a spreadsheet as a download (the route spec sets `raw: true`). */
export function sendXlsx(ctx: Context, file: Buffer, filename: string) {
  ctx.status = 200;
  ctx.type = XLSX_TYPE;
  ctx.set('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = file;
}
