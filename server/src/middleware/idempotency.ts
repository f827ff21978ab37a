import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { isDuplicateKey } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import { AppError, validationFailed } from '../errors';

const KEY_RE = /^[A-Za-z0-9_.:-]{8,128}$/;

/** JSON with object keys sorted, so a retry that reorders fields is still the same request. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** What makes two requests "the same": method, path and body. */
export function requestFingerprint(scope: string, body: unknown): string {
  return createHash('sha256').update(scope).update('\n').update(stableJson(body)).digest('hex');
}

const reused = (details?: Record<string, unknown>) =>
  new AppError(422, 'idempotency_key_reused', '该幂等键已用于另一个请求，请为新的请求换一个新键', details);

export interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * Same key from the same user → the first result, acted on once. The key row is claimed with a
 * unique insert before the handler runs; a concurrent duplicate waits for the first to finish.
 * Client errors (4xx) are stored like successes; a 5xx frees the key so the retry can act.
 */
export async function runIdempotent(
  db: Db,
  userId: number,
  key: string,
  scope: string,
  act: () => Promise<StoredResponse>,
  /** requestFingerprint(scope, body) */
  fingerprint: string,
): Promise<StoredResponse> {
  if (!KEY_RE.test(key)) throw validationFailed({ 'Idempotency-Key': '幂等键应为 8–128 位字母、数字或 _ . : -' });
  let claimed = false;
  try {
    await db.insert(idempotencyKeys).values({ userId, key, scope, requestHash: fingerprint, state: 'pending' });
    claimed = true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  if (!claimed) return waitForFirst(db, userId, key, scope, fingerprint);
  let result: StoredResponse;
  try {
    result = await act();
  } catch (e) {
    if (e instanceof AppError && e.status < 500) {
      const body = { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
      await finish(db, userId, key, e.status, body);
    } else {
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    }
    throw e;
  }
  await finish(db, userId, key, result.status, result.body);
  return result;
}

async function finish(db: Db, userId: number, key: string, status: number, body: unknown) {
  await db
    .update(idempotencyKeys)
    .set({ state: 'done', responseStatus: status, responseBody: body === undefined ? null : JSON.stringify(body) })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

async function waitForFirst(db: Db, userId: number, key: string, scope: string, fingerprint: string): Promise<StoredResponse> {
  for (let i = 0; i < 200; i++) {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
      .limit(1);
    if (row && row.scope !== scope) throw reused({ scope: row.scope });
    // Rows from before request hashes were stored (null) compare by scope only.
    if (row?.requestHash && row.requestHash !== fingerprint) throw reused();
    if (row?.state === 'done') {
      return { status: row.responseStatus ?? 200, body: row.responseBody ? JSON.parse(row.responseBody) : undefined };
    }
    if (!row) {
      // The first attempt failed with a server error and released the key: the client retries.
      throw new AppError(409, 'request_in_progress', '上一次相同的请求未成功，请重试');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new AppError(409, 'request_in_progress', '相同的请求正在处理中，请稍后刷新查看结果');
}
