import Taro from '@tarojs/taro';
import { setFieldErrors } from '../stores/fieldErrors';
import { tokenStore, type TokenPair } from '../stores/tokens';

// The one door to the server. Every call goes through request(): it adds the bearer token,
// refreshes it once on 401 (one refresh at a time, shared by every waiting call), turns the
// server's error envelope into an ApiError with a Chinese message and shows it as a toast.
// Taro.request resolves for any HTTP status, in WeChat and in H5 alike, so status codes are
// checked here.

/** Origin of the API. H5 is served by the API server itself, so it calls its own origin. */
export const API_BASE: string =
  process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000');
export const API_PREFIX = '/api/v1';
const DEFAULT_TIMEOUT_MS = 15000;

export const MESSAGES = {
  timeout: '网络超时，请稍后再试',
  network: '网络连接失败，请检查网络后重试',
  sessionExpired: '登录已过期，请重新登录',
  server: '服务暂时不可用，请稍后再试',
  unknown: '操作失败，请稍后再试',
  badLink: '页面链接不完整，请返回上一页重新进入',
} as const;

export class ApiError extends Error {
  /** HTTP status; 0 when the request never got an answer (timeout, no network). */
  readonly status: number;
  /** The server's stable code (`not_found`, `activity_full`, …) or `timeout` / `network_error`. */
  readonly code: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  /** JSON body (or query parameters for GET). */
  data?: Record<string, unknown> | unknown[];
  /** Query parameters; undefined and null values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Send the bearer token and refresh it on 401 (default true). */
  auth?: boolean;
  /** Do not show a toast for errors; the caller shows them itself. */
  silent?: boolean;
  timeout?: number;
  header?: Record<string, string>;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
}

/**
 * GET answers that came with an ETag (reference data: streets, complexes, the catalogue …), by
 * URL. The next GET of that URL asks If-None-Match and a 304 answers from this copy, so an
 * unchanged list costs no body. The server's ETag is a hash of the body, so a 304 means the body
 * would have been this very one (whoever asks). Kept as text: every caller gets its own objects.
 */
const revalidated = new Map<string, { etag: string; text: string }>();
const REVALIDATED_MAX = 100;

function headerOf(res: RawResponse, name: string): string | undefined {
  for (const [k, v] of Object.entries(res.header ?? {})) if (k.toLowerCase() === name) return v;
  return undefined;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  let url = `${API_BASE}${API_PREFIX}${path}`;
  if (query) {
    const parts = Object.entries(query)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    if (parts.length) url += (url.includes('?') ? '&' : '?') + parts.join('&');
  }
  return url;
}

function isTimeout(err: unknown): boolean {
  const e = err as { errMsg?: string; message?: string; name?: string } | undefined;
  const text = `${e?.errMsg ?? ''} ${e?.message ?? ''}`.toLowerCase();
  // weapp: "request:fail timeout"; H5: the fetch is aborted by Taro's timer (AbortError).
  return e?.name === 'AbortError' || text.includes('timeout') || text.includes('abort');
}

async function send(url: string, opts: RequestOptions, token: string | null): Promise<RawResponse> {
  const header: Record<string, string> = { 'Content-Type': 'application/json', ...opts.header };
  if (token) header.Authorization = `Bearer ${token}`;
  const isGet = (opts.method ?? 'GET') === 'GET';
  const copy = isGet ? revalidated.get(url) : undefined;
  if (copy) header['If-None-Match'] = copy.etag;
  try {
    const res = await Taro.request({
      url,
      method: opts.method ?? 'GET',
      data: opts.data as never,
      header,
      timeout: opts.timeout ?? DEFAULT_TIMEOUT_MS,
      dataType: 'json',
    });
    const raw: RawResponse = { statusCode: res.statusCode, data: res.data, header: res.header as Record<string, string> | undefined };
    if (raw.statusCode === 304 && copy) return { statusCode: 200, data: JSON.parse(copy.text) };
    const etag = isGet && raw.statusCode === 200 ? headerOf(raw, 'etag') : undefined;
    if (etag) {
      revalidated.delete(url);
      if (revalidated.size >= REVALIDATED_MAX) revalidated.delete(revalidated.keys().next().value as string);
      revalidated.set(url, { etag, text: JSON.stringify(raw.data) });
    }
    return raw;
  } catch (err) {
    if (isTimeout(err)) throw new ApiError(0, 'timeout', MESSAGES.timeout);
    throw new ApiError(0, 'network_error', MESSAGES.network);
  }
}

/** Turns a ≥ 400 response into an ApiError, using the server's envelope when there is one. */
export function toApiError(res: RawResponse): ApiError {
  const body = res.data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
  const env = body && typeof body === 'object' ? body.error : undefined;
  if (env && typeof env.code === 'string' && typeof env.message === 'string' && env.message) {
    return new ApiError(res.statusCode, env.code, env.message, env.details);
  }
  if (res.statusCode >= 500) return new ApiError(res.statusCode, 'internal_error', MESSAGES.server);
  if (res.statusCode === 401) return new ApiError(401, 'unauthorized', MESSAGES.sessionExpired);
  return new ApiError(res.statusCode, 'http_error', MESSAGES.unknown);
}

let refreshing: Promise<TokenPair | null> | null = null;

/**
 * Trades the refresh token for a new pair. Concurrent callers share one attempt, because the
 * server revokes the whole login when a refresh token is presented twice.
 */
export function refreshTokens(): Promise<TokenPair | null> {
  if (!refreshing) {
    refreshing = (async () => {
      const pair = tokenStore.get();
      if (!pair) return null;
      try {
        const res = await send(buildUrl('/auth/refresh'), { method: 'POST', data: { refreshToken: pair.refreshToken } }, null);
        const body = res.data as Partial<TokenPair> | null;
        if (res.statusCode === 200 && body?.accessToken && body.refreshToken) {
          const next = { accessToken: body.accessToken, refreshToken: body.refreshToken };
          tokenStore.set(next);
          return next;
        }
        // The server said no (401/403/422): this login is over.
        if (res.statusCode < 500) tokenStore.clear('expired');
        return null;
      } catch {
        // No network: keep the tokens, the next call may succeed.
        return null;
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

function toast(message: string): void {
  Taro.showToast({ title: message, icon: 'none', duration: 2500 });
}

/** The server's per-field messages of a 422 (`details.fields`), or null. */
export function fieldsOf(e: unknown): Record<string, string> | null {
  const f = ((e as ApiError | null)?.details as { fields?: unknown } | undefined)?.fields;
  return f && typeof f === 'object' && Object.keys(f).length ? (f as Record<string, string>) : null;
}

/** A path built from a missing page parameter (`/opinions/NaN`, `/family/undefined/…`). */
const BROKEN_PATH = /\/(NaN|undefined|null)(\/|$)/;

export async function request<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const useAuth = opts.auth !== false;
  const url = buildUrl(path, opts.query);
  try {
    // A page opened without its ?id= would otherwise ask the server for /NaN: fail here, with a
    // message the page's error state can show.
    if (BROKEN_PATH.test(path)) throw new ApiError(0, 'bad_link', MESSAGES.badLink);
    // a new write: the field messages of the last one no longer apply
    if ((opts.method ?? 'GET') !== 'GET') setFieldErrors(null);
    const sentWith = useAuth ? tokenStore.get()?.accessToken ?? null : null;
    let res = await send(url, opts, sentWith);

    if (res.statusCode === 401 && useAuth && sentWith) {
      // Another call may already have rotated the token while this one was in flight.
      const latest = tokenStore.get()?.accessToken;
      const fresh = latest && latest !== sentWith ? latest : (await refreshTokens())?.accessToken;
      if (!fresh) {
        if (!tokenStore.get()) throw new ApiError(401, 'unauthorized', MESSAGES.sessionExpired);
        // The refresh never got an answer: the session may still be good, the network is not.
        throw new ApiError(0, 'network_error', MESSAGES.network);
      }
      res = await send(url, opts, fresh);
      if (res.statusCode === 401) {
        tokenStore.clear('expired');
        throw new ApiError(401, 'unauthorized', MESSAGES.sessionExpired);
      }
    }

    if (res.statusCode >= 400) throw toApiError(res);
    return (res.statusCode === 204 ? undefined : res.data) as T;
  } catch (err) {
    const apiErr = err instanceof ApiError ? err : new ApiError(0, 'client_error', MESSAGES.unknown);
    const fields = fieldsOf(apiErr);
    if (fields) setFieldErrors(fields);
    // with field messages the toast names the first one; each field shows its own under it
    if (!opts.silent) toast(fields ? `${Object.values(fields)[0]}${Object.keys(fields).length > 1 ? '（另有几处，见各项下方）' : ''}` : apiErr.message);
    throw apiErr;
  }
}

/** Tests only: forget a refresh that is in flight. */
/** A path the server returned (photo links) as a URL on the API origin. */
export const apiUrl = (path: string) => `${API_BASE}${path}`;

/**
 * Uploads a file (multipart, field "file") to an API path with the bearer token and answers the
 * server's JSON. Like request(), a 4xx/5xx becomes an ApiError with the server's message.
 */
export async function uploadFile<T = void>(path: string, filePath: string): Promise<T> {
  const token = tokenStore.get()?.accessToken;
  const res = await Taro.uploadFile({
    url: `${API_BASE}${API_PREFIX}${path}`,
    filePath,
    name: 'file',
    header: token ? { Authorization: `Bearer ${token}` } : {},
  });
  let data: unknown = res.data;
  try {
    data = JSON.parse(res.data);
  } catch {
    /* not JSON */
  }
  if (res.statusCode >= 400) throw toApiError({ statusCode: res.statusCode, data });
  return data as T;
}

export function resetRequestStateForTests(): void {
  refreshing = null;
  revalidated.clear();
}
