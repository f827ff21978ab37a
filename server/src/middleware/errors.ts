import type { Context, Next } from 'koa';
import { DatabaseUnavailable, isDatabaseUnavailable } from '../db/client';
import { AppError, unavailable } from '../errors';
import type { Logger } from '../logger';

/** Renders every failure as the API.md envelope; unknown errors are logged and become internal_error. */
export function errorHandler(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
        ctx.status = 404;
        ctx.body = { error: { code: 'not_found', message: '接口不存在' } };
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
        ctx.status = err.status;
        ctx.body = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
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
      logger.error({ err: { message: e.message, stack: e.stack }, requestId: ctx.state.requestId, path: ctx.path }, 'unhandled error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal_error', message: '服务器开小差了，请稍后再试', details: { requestId: ctx.state.requestId } } };
    }
  };
}
