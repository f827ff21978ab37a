import type { Context } from 'koa';
import { z } from 'zod';
import type { Role } from '../../../shared/constants';
import type { Deps } from '../deps';
import { validationFailed } from '../errors';

/** Who is calling, once the bearer token checked out. */
export interface AuthUser {
  id: number;
  role: Role;
  sessionId: number;
}

/**
 * Who may call a route. Deny by default: a route without `auth` needs a signed-in user;
 * `public` must be said out loud.
 */
export type Access = 'public' | 'user' | readonly Role[];

export interface RouteInput<B, Q, P, U> {
  body: B;
  query: Q;
  params: P;
  user: U;
  deps: Deps;
  ctx: Context;
}

type UserFor<A> = A extends 'public' ? AuthUser | null : AuthUser;

export interface RouteSpec<
  BS extends z.ZodType = z.ZodType<unknown>,
  QS extends z.ZodType = z.ZodType<unknown>,
  PS extends z.ZodType = z.ZodType<unknown>,
  A extends Access = Access,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** full path, e.g. /api/v1/activities/:id */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth?: A;
  body?: BS;
  query?: QS;
  params?: PS;
  /** response schema, for the API reference */
  response?: z.ZodType;
  /** success status (default 200; 204 sends no body) */
  status?: number;
  /** honour the Idempotency-Key header (POST writes a client may retry) */
  idempotent?: boolean;
  /** per-client-address limit per minute, e.g. the auth endpoints */
  rateLimit?: 'auth';
  /** return a raw body (file download, html); the handler sets ctx.type */
  raw?: boolean;
  /**
   * Also accepts a file as the raw request body of this content type (the JSON body parser
   * leaves it unread; the handler reads it with readRawBody and its own size cap).
   */
  upload?: string;
  handler: (input: RouteInput<z.output<BS>, z.output<QS>, z.output<PS>, UserFor<A>>) => Promise<unknown> | unknown;
}

/** Typed route definition: the contract (schemas, access) and the handler in one place. */
export function route<
  BS extends z.ZodType = z.ZodType<unknown>,
  QS extends z.ZodType = z.ZodType<unknown>,
  PS extends z.ZodType = z.ZodType<unknown>,
  A extends Access = 'user',
>(spec: RouteSpec<BS, QS, PS, A>): RouteSpec {
  return spec as unknown as RouteSpec;
}

// ---- shared input pieces -------------------------------------------------------------------

/** Positive integer id in a path or query. */
export const zId = z.coerce.number({ error: '必须是正整数' }).int('必须是正整数').positive('必须是正整数');
export const IdParams = z.object({ id: zId });

/** ISO 8601 with an offset or Z, parsed to a Date. */
export const zInstant = z.iso
  .datetime({ offset: true, error: '时间格式应为 ISO 8601，例如 2026-12-01T09:00:00+08:00' })
  .transform((s) => new Date(s));

/** YYYY-MM-DD (a date in Asia/Shanghai). */
export const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1, '最少 1 条').max(100, '每页最多 100 条').default(20),
});

/** {"items": [...], "nextCursor": ...} */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

/** Decodes an opaque cursor; a malformed one is the caller's mistake (422). */
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    /* fall through */
  }
  throw validationFailed({ cursor: '分页游标无效' });
}
