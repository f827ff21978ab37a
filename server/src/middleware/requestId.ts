import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../logger';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A request id on every request (taken from X-Request-Id when sane) and one JSON log line per request. */
export function requestId(logger: Logger) {
  return async (ctx: Context, next: Next) => {
    const incoming = ctx.get('x-request-id');
    const id = SAFE_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path only: query strings may carry codes; bodies and headers are never logged.
      if (ctx.path !== '/healthz' || ctx.status !== 200) {
        logger.info({ requestId: id, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, uid: ctx.state.user?.id }, 'request');
      }
    }
  };
}
