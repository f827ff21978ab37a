import type { Context } from 'koa';
import type { RequestFacts } from '../domain/access/actor';

/** The request facts every audit entry carries. */
export const requestFacts = (ctx: Context): RequestFacts => ({ ip: ctx.ip ?? null, requestId: (ctx.state.requestId as string) ?? null });
