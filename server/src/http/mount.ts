import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import { withTx, type Tx } from '../db/client';
import type { Deps } from '../deps';
import { audit } from '../domain/audit/log';
import { recordPiiAccess } from '../domain/privacy/piiAccess';
import { forbidden, rateLimited, unauthorized, validationFailed } from '../errors';
import { requestFingerprint, runIdempotent } from '../middleware/idempotency';
import { retryPhrase, type LimitKey, type LimitName } from '../middleware/rateLimit';
import { etagOf, matchesEtag } from '../middleware/referenceCache';
import { requestFacts } from './facts';
import { isStaffWrite, type AuditNote, type AuthUser, type RouteSpec } from './route';

/** zod issues → {"field.path": "中文说明"} for the 422 details. */
export function fieldErrors(error: z.ZodError, prefix?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '_';
    if (!out[key]) out[key] = chineseMessage(issue);
  }
  return out;
}

function chineseMessage(issue: z.core.$ZodIssue): string {
  // Messages we wrote ourselves are already Chinese; translate zod's English defaults.
  if (/[\u4e00-\u9fa5]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必填' : '类型不正确';
    case 'too_small':
      return issue.origin === 'string' ? `至少 ${issue.minimum} 个字` : issue.origin === 'array' ? `至少 ${issue.minimum} 项` : `不能小于 ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' ? `最多 ${issue.maximum} 个字` : issue.origin === 'array' ? `最多 ${issue.maximum} 项` : `不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return `取值无效，可选：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return '格式不正确';
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    default:
      return '取值无效';
  }
}

function parsePart(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) throw validationFailed(fieldErrors(r.error));
  return r.data;
}

async function authenticate(ctx: Context, deps: Deps): Promise<AuthUser | null> {
  const header = ctx.get('authorization');
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthorized('登录凭证格式不正确');
  const claims = deps.tokens.verifyAccess(m[1]);
  if (!claims) throw unauthorized('登录已过期，请重新登录');
  if (!(await deps.sessions.isActive(claims.sid))) throw unauthorized('登录已失效，请重新登录');
  return { id: claims.uid, role: claims.role, sessionId: claims.sid };
}

/** A spec that breaks the audit rules is a programming error: refuse to start. */
export function checkSpec(spec: RouteSpec): void {
  const name = `${spec.method.toUpperCase()} ${spec.path}`;
  if (isStaffWrite(spec) && !spec.audit) throw new Error(`${name}: a staff write must declare audit (a describer, or { none: reason })`);
  if (typeof spec.audit === 'function' && !spec.transaction) throw new Error(`${name}: an audit describer needs transaction: true, so the entry lands with the write`);
  if (spec.audit && typeof spec.audit === 'object' && !spec.audit.none.trim()) throw new Error(`${name}: audit { none } needs a reason`);
}

/** Takes a point of a named limit; over it → 429 rate_limited with Retry-After. */
async function enforceLimit(ctx: Context, deps: Deps, name: LimitName, who: LimitKey, message: (wait: string) => string) {
  const outcome = await deps.limits.take(name, who);
  if (outcome.ok) return;
  ctx.set('Retry-After', String(outcome.retryAfterS));
  throw rateLimited(message(retryPhrase(outcome.retryAfterS)));
}

/** Writes through routes with these tags change reference data: they invalidate `deps.reference`. */
export const REFERENCE_TAGS: ReadonlySet<string> = new Set(['places', 'catalog', 'branches']);

interface Serialized {
  status: number;
  json: string;
  etag: string;
}
const serialized = (r: { status: number; body: unknown }): Serialized => {
  const json = JSON.stringify(r.body ?? {});
  return { status: r.status, json, etag: etagOf(json) };
};

/** Reference data: an ETag, revalidate every time (`no-cache`), 304 when the client's copy is current. */
function sendReference(ctx: Context, r: Serialized, isPublic: boolean) {
  ctx.set('ETag', r.etag);
  ctx.set('Cache-Control', isPublic ? 'no-cache' : 'private, no-cache');
  if (matchesEtag(ctx.get('if-none-match'), r.etag)) {
    ctx.status = 304;
    return;
  }
  ctx.status = r.status;
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = r.json;
}

/** Route name for stack traces and CPU profiles, e.g. "POST /api/v1/activities/:id/cancel". */
const routeName = (spec: RouteSpec) => `${spec.method.toUpperCase()} ${spec.path}`;

/**
 * Mounts route specs on a koa router: rate limit → auth → validate → (write quota) → (idempotency) →
 * (transaction → handler → audit) .
 */
export function mountRoutes(router: Router, specs: RouteSpec[], deps: Deps) {
  for (const spec of specs) {
    checkSpec(spec);
    const access = spec.auth ?? 'user';
    const name = routeName(spec);
    const invalidatesReference = spec.method !== 'get' && spec.tags.some((t) => REFERENCE_TAGS.has(t));
    if (spec.reference && spec.method !== 'get') throw new Error(`${name}: reference is for GET routes`);
    // A named function per route, so a stack trace or a profile says which route it was.
    const handle = { [name]: async (ctx: Context) => {
      if (spec.rateLimit === 'auth') await enforceLimit(ctx, deps, 'auth', { address: ctx.ip }, (wait) => `登录请求太频繁，${wait}`);
      const user = await authenticate(ctx, deps);
      if (access !== 'public') {
        if (!user) throw unauthorized();
        if (Array.isArray(access) && !access.includes(user.role)) throw forbidden();
      }
      ctx.state.user = user;
      const params = parsePart(spec.params, ctx.params);
      const query = parsePart(spec.query, ctx.query);
      const body = parsePart(spec.body, (ctx.request as unknown as { body?: unknown }).body ?? {});
      // After validation, so a typo costs no quota; before any work that creates content.
      if (spec.quota) await enforceLimit(ctx, deps, spec.quota, { address: ctx.ip, userId: user?.id }, (wait) => `提交太频繁，${wait}`);
      const facts = requestFacts(ctx);
      const call = (tx: Tx | undefined) =>
        spec.handler({ body, query, params, user: user as AuthUser, deps, ctx, tx: tx as never, facts });
      const run = async () => {
        const out = spec.transaction
          ? await withTx(deps.db, async (tx) => {
              const result = await call(tx);
              if (typeof spec.audit === 'function' && user) {
                const notes = spec.audit({ body, query, params, user, result });
                for (const n of ([] as Array<AuditNote | null>).concat(notes ?? [])) {
                  if (n) await audit(tx, { ...n, actorId: user.id, ...facts });
                }
              }
              return result;
            })
          : await call(undefined);
        return { status: spec.status ?? 200, body: out };
      };
      if (spec.reference === 'cache') {
        const key = `${name} ${JSON.stringify(params ?? null)} ${JSON.stringify(query ?? null)}`;
        return sendReference(ctx, await deps.reference.get(key, async () => serialized(await run())), access === 'public');
      }
      const idemKey = ctx.get('idempotency-key');
      const scope = `${spec.method.toUpperCase()} ${ctx.path}`;
      const rawBody = (ctx.request as unknown as { body?: unknown }).body;
      let result: Awaited<ReturnType<typeof run>>;
      try {
        result =
          spec.idempotent && idemKey && user
            ? await runIdempotent(deps.db, user.id, idemKey, scope, run, requestFingerprint(scope, rawBody))
            : await run();
        if (spec.pii && 'fields' in spec.pii && user) {
          const subjects = spec.pii.subjects({ query, params, user, result: result.body });
          await recordPiiAccess(deps.db, { viewer: user, subjects, fields: spec.pii.fields, purpose: spec.pii.purpose, endpoint: name, requestId: facts.requestId, at: deps.clock.now() });
        }
      } finally {
        // after the commit (or a failure part-way): every replica reloads reference data
        if (invalidatesReference) await deps.reference.invalidate();
      }
      if (spec.raw) return;
      if (spec.reference === 'etag' && result.status === 200) return sendReference(ctx, serialized(result), access === 'public');
      ctx.status = result.status;
      if (result.status !== 204) ctx.body = result.body ?? {};
    } }[name];
    router[spec.method](spec.path, handle);
  }
}

/** The first three segments of a path, lowercased as the router matches ("/api/v1/activities"). */
const sectionOf = (path: string) => path.split('/', 4).join('/').toLowerCase();
/** A route whose first three segments are plain text can be found by its section. */
const PLAIN_SECTION = /^(\/[A-Za-z0-9._~-]+){3}(\/|$)/;

function routerOf(specs: RouteSpec[], deps: Deps): Middleware {
  const router = new Router();
  mountRoutes(router, specs, deps);
  const routes = router.routes() as unknown as Middleware;
  const allowed = router.allowedMethods({ throw: false }) as unknown as Middleware;
  return (ctx, next) => routes(ctx, () => allowed(ctx, next));
}

/**
 * Every API route as one middleware: one router per section (the first three path segments, e.g.
 * /api/v1/activities), so a request is matched against its section's few routes instead of all
 * ~250 — that loop was ~65 µs of every request in a booking burst's profile. Every route that can
 * match a path lives in that path's section, so 404, 405 with Allow, OPTIONS and 501 come out as
 * they do with one router; a path in no section meets an empty router, which answers 501 and the
 * Allow of routes matched earlier (the docs router) the same way.
 */
export function mountApi(specs: RouteSpec[], deps: Deps): Middleware {
  if (!specs.every((s) => PLAIN_SECTION.test(s.path))) return routerOf(specs, deps);
  const bySection = new Map<string, RouteSpec[]>();
  for (const spec of specs) {
    const key = sectionOf(spec.path);
    bySection.set(key, [...(bySection.get(key) ?? []), spec]);
  }
  const sections = new Map([...bySection].map(([key, list]) => [key, routerOf(list, deps)]));
  const none = routerOf([], deps);
  return (ctx, next) => (sections.get(sectionOf(ctx.path)) ?? none)(ctx, next);
}
