import type { Context, Next } from 'koa';
import { DatabaseUnavailable, errnoOf, isDatabaseUnavailable } from '../db/client';
import { AppError, unavailable } from '../errors';
import type { Logger } from '../logger';

/** zlib's codes for a body that is not valid gzip/deflate (the body parser lets them through as 500). */
const BAD_ENCODING = new Set(['Z_DATA_ERROR', 'Z_BUF_ERROR', 'Z_STREAM_ERROR', 'Z_NEED_DICT']);
const zlibCode = (e: unknown): string | undefined => {
  const x = e as { code?: unknown; cause?: { code?: unknown } };
  const c = typeof x?.code === 'string' ? x.code : typeof x?.cause?.code === 'string' ? x.cause.code : undefined;
  return c && c.startsWith('Z_') ? c : undefined;
};

/** The column a failed foreign key names (`home_complex_id` → `homeComplexId`); only schema names, never values. */
function foreignKeyField(err: unknown): string | undefined {
  const x = err as { message?: unknown; cause?: { message?: unknown } };
  const text = [x?.cause?.message, x?.message].find((m): m is string => typeof m === 'string' && m.includes('FOREIGN KEY'));
  const col = text?.match(/FOREIGN KEY \(`([a-z0-9_]+)`\)/u)?.[1];
  return col?.replace(/_([a-z0-9])/gu, (_m, c: string) => c.toUpperCase());
}

/**
 * Renders every failure as the API.md envelope; unknown errors are logged (scrubbed: no SQL, no
 * bound values, no literals — see `scrubError` in logger.ts) and become internal_error.
 */
export function errorHandler(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.body === undefined && ctx.path.startsWith('/api/')) {
        if (ctx.status === 404) {
          ctx.status = 404;
          ctx.body = { error: { code: 'not_found', message: '接口不存在' } };
        } else if (ctx.status === 405) {
          const allow = ctx.response.get('Allow');
          ctx.status = 405;
          ctx.body = { error: { code: 'method_not_allowed', message: '该接口不支持这种请求方式', ...(allow ? { details: { allow: allow.split(/\s*,\s*/u) } } : {}) } };
        } else if (ctx.status === 501) {
          ctx.status = 501;
          ctx.body = { error: { code: 'not_implemented', message: '不支持这种请求方式' } };
        }
      }
    } catch (caught) {
      let err = caught;
      if (isDatabaseUnavailable(err)) {
        // A stalled or unreachable database: a retryable answer, not a crash report.
        logger.warn({ requestId: ctx.state.requestId, path: ctx.path, dbError: (err as { code?: string }).code, why: [err, (err as { cause?: unknown }).cause].find((x) => x instanceof DatabaseUnavailable)?.message }, 'database unavailable');
        ctx.set('Retry-After', '5');
        err = unavailable('系统繁忙，数据库暂时无法响应，请稍后再试');
      }
      const e = err as Error & { status?: number; expose?: boolean; type?: string };
      if (err instanceof AppError) {
        const retry = err.details?.retryAfterSeconds;
        if (err.status === 429 && typeof retry === 'number') ctx.set('Retry-After', String(Math.ceil(retry)));
        ctx.status = err.status;
        ctx.body = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
        return;
      }
      // A body that claims gzip/deflate but is not: the client's fault, not ours.
      const z = zlibCode(err);
      if (z && BAD_ENCODING.has(z)) {
        ctx.status = 400;
        ctx.body = { error: { code: 'bad_request', message: '请求内容的压缩格式有误，无法解析' } };
        return;
      }
      // A foreign key that names nothing (MySQL/MariaDB 1452): the input is wrong, nothing was written.
      if (errnoOf(err) === 1452) {
        const field = foreignKeyField(err);
        ctx.status = 422;
        ctx.body = {
          error: { code: 'validation_failed', message: '提交的内容引用了不存在的记录，请检查后重试', details: { fields: field ? { [field]: '引用的记录不存在' } : {} } },
        };
        return;
      }
      // Errors raised by koa itself or the body parser (payload too large, bad JSON, bad charset).
      if (e.status && e.status < 500 && e.expose !== false) {
        ctx.status = e.status;
        const code = e.status === 413 ? 'payload_too_large' : e.status === 415 ? 'unsupported_media_type' : 'bad_request';
        const message =
          e.status === 413 ? '提交的内容太大' : e.status === 415 ? '不支持的内容类型，请以 JSON 提交' : '请求格式有误，无法解析';
        ctx.body = { error: { code, message } };
        return;
      }
      logger.error({ err, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal_error', message: '服务器开小差了，请稍后再试', details: { requestId: ctx.state.requestId } } };
    }
  };
}
