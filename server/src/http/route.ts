import type { Context } from 'koa';
import { z } from 'zod';
import type { Role } from '../../../shared/constants';
import type { Tx } from '../db/client';
import type { Deps } from '../deps';
import type { AuthUser, RequestFacts } from '../domain/access/actor';
import { validationFailed } from '../errors';
import { INVISIBLE_CHARS } from '../domain/users/nicknames';
import type { PiiField, PiiPurpose, PiiSubject } from '../domain/privacy/piiAccess';

export { INVISIBLE_CHARS, STAFF_TITLES } from '../domain/users/nicknames';

export type { AuthUser, RequestFacts } from '../domain/access/actor';

/**
 * Who may call a route. Deny by default: a route without `auth` needs a signed-in user;
 * `public` must be said out loud.
 */
export type Access = 'public' | 'user' | readonly Role[];

export interface RouteInput<B, Q, P, U, T = undefined> {
  body: B;
  query: Q;
  params: P;
  user: U;
  deps: Deps;
  ctx: Context;
  /** the transaction the mount opened (`transaction: true`), else undefined */
  tx: T;
  /** request facts for audit entries a domain use case writes itself */
  facts: RequestFacts;
}

type UserFor<A> = A extends 'public' ? AuthUser | null : AuthUser;
type TxFor<T> = T extends true ? Tx : undefined;

/** What one audit entry says; the mount adds the actor, the address and the request id. */
export interface AuditNote {
  action: string;
  targetType?: string;
  targetId?: string | number;
  detail?: Record<string, unknown>;
  onBehalfOf?: number | null;
}

/**
 * How a write is audited. A function describes the entry (or entries) from the validated input and
 * the handler's result; the mount writes it inside the route's transaction. `{ none: reason }`
 * says out loud why there is no entry here (e.g. the domain use case writes its own, inside its
 * own transaction). A staff write must say one or the other: the mount refuses to start otherwise.
 */
export type AuditSpec<B = unknown, Q = unknown, P = unknown> =
  | ((io: { body: B; query: Q; params: P; user: AuthUser; result: unknown }) => AuditNote | AuditNote[] | null)
  | { none: string };

/**
 * A route that shows staff someone's full phone, address, real name or care note: the mount writes
 * one PII access entry per person the response showed (domain/privacy/piiAccess.ts). `subjects`
 * reads them from the validated input and the handler's result (a raw download returns them).
 * `{ none: reason }` says out loud why a response with such fields is not an access.
 */
export type PiiSpec<Q = unknown, P = unknown> =
  | { fields: readonly PiiField[]; purpose: PiiPurpose; subjects: (io: { query: Q; params: P; user: AuthUser; result: unknown }) => PiiSubject[] }
  | { none: string };

export interface RouteSpec<
  BS extends z.ZodType = z.ZodType<unknown>,
  QS extends z.ZodType = z.ZodType<unknown>,
  PS extends z.ZodType = z.ZodType<unknown>,
  A extends Access = Access,
  T extends boolean = boolean,
  RS extends z.ZodType = z.ZodType<unknown>,
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
  /**
   * Response schema, for the API reference and the handler's return type: the handler must
   * return what it describes (usually a shared/api schema the mini-program types itself by),
   * so a field renamed in a presenter breaks the type check on both sides.
   */
  response?: RS;
  /** success status (default 200; 204 sends no body) */
  status?: number;
  /** honour the Idempotency-Key header (POST writes a client may retry) */
  idempotent?: boolean;
  /** per-client-address limit per minute, e.g. the auth endpoints (AUTH_RATE_LIMIT) */
  rateLimit?: 'auth';
  /**
   * A write that creates content takes one point of the named quota, per account and per client
   * address (WRITE_QUOTA_*); over it → 429 rate_limited with Retry-After. Shared by replicas via Redis.
   */
  quota?: 'content';
  /**
   * Reference data (GET): `'etag'` answers with an ETag of the body and `Cache-Control: no-cache`,
   * and 304 to a matching If-None-Match; `'cache'` also keeps the whole answer in
   * `deps.reference` (per params and query) — only for answers that depend on neither the user nor
   * the time. Writes to reference data invalidate it: every non-GET route tagged with one of
   * REFERENCE_TAGS does so after it ran (see mount.ts).
   */
  reference?: 'etag' | 'cache';
  /** return a raw body (file download, html); the handler sets ctx.type */
  raw?: boolean;
  /**
   * Also accepts a file as the raw request body of this content type (the JSON body parser
   * leaves it unread; the handler reads it with readRawBody and its own size cap).
   */
  upload?: string;
  /**
   * Open one transaction around the handler (retried on deadlock) and pass it as `tx`; the
   * audit entry is written inside it. Like Outline's transaction() middleware.
   */
  transaction?: T;
  /** How this route is audited (required for staff writes; see AuditSpec). */
  audit?: AuditSpec<z.output<BS>, z.output<QS>, z.output<PS>>;
  /** PII this route shows staff (see PiiSpec) */
  pii?: PiiSpec<z.output<QS>, z.output<PS>>;
  handler: (input: RouteInput<z.output<BS>, z.output<QS>, z.output<PS>, UserFor<A>, TxFor<T>>) => Promise<z.input<RS>> | z.input<RS>;
}

/** Typed route definition: the contract (schemas, access) and the handler in one place. */
export function route<
  BS extends z.ZodType = z.ZodType<unknown>,
  QS extends z.ZodType = z.ZodType<unknown>,
  PS extends z.ZodType = z.ZodType<unknown>,
  A extends Access = 'user',
  T extends boolean = false,
  RS extends z.ZodType = z.ZodType<unknown>,
>(spec: RouteSpec<BS, QS, PS, A, T, RS>): RouteSpec {
  return spec as unknown as RouteSpec;
}

const STAFF_ROLES: readonly Role[] = ['worker', 'street_admin', 'branch_admin', 'district_admin'];

/** A write that staff may call: it must declare how it is audited. */
export function isStaffWrite(spec: Pick<RouteSpec, 'method' | 'auth'>): boolean {
  if (spec.method === 'get') return false;
  return Array.isArray(spec.auth) && spec.auth.some((r) => STAFF_ROLES.includes(r));
}

// ---- shared input pieces -------------------------------------------------------------------

/** Positive integer id in a path or query. */
export const zId = z.coerce.number({ error: '必须是正整数' }).int('必须是正整数').positive('必须是正整数');
export const IdParams = z.object({ id: zId });

/** Instants and dates outside these years are typing mistakes (year 9999, birth dates in 1800). */
export const INSTANT_YEARS = { min: 2000, max: 2099 } as const;
export const DATE_YEARS = { min: 1900, max: 2099 } as const;

/** ISO 8601 with an offset or Z, parsed to a Date; years 2000–2099 only. */
export const zInstant = z.iso
  .datetime({ offset: true, error: '时间格式应为 ISO 8601，例如 2026-12-01T09:00:00+08:00' })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= INSTANT_YEARS.min && d.getUTCFullYear() <= INSTANT_YEARS.max, {
    error: `时间应在 ${INSTANT_YEARS.min}–${INSTANT_YEARS.max} 年之间`,
  });

/** YYYY-MM-DD (a date in Asia/Shanghai); years 1900–2099 only. */
export const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).refine((s) => {
  const y = Number(s.slice(0, 4));
  return y >= DATE_YEARS.min && y <= DATE_YEARS.max;
}, { error: `日期应在 ${DATE_YEARS.min}–${DATE_YEARS.max} 年之间` });

/** A nickname people see: 1–32 visible characters, no control or invisible characters. */
export const zNickname = z
  .string()
  .trim()
  .min(1, '昵称不能为空')
  .max(32, '昵称最多 32 个字')
  .refine((s) => !INVISIBLE_CHARS.test(s), { error: '昵称不能包含控制字符或不可见字符' });

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1, '最少 1 条').max(100, '每页最多 100 条').default(20),
});

/** {"items": [...], "nextCursor": ...} */
export { pageOf } from '../../../shared/api/page';

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

// built once: a zod schema costs more to make than to run, and a list decodes its cursor on every page
const ID_CURSOR = z.number().int().positive();
/** Decodes a keyset cursor that is one row id (the usual "older than this id" page). */
export const decodeIdCursor = (cursor: string | undefined): number | undefined => decodeCursor(cursor, ID_CURSOR);
