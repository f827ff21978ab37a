import { createDocument } from 'zod-openapi';
import { z } from 'zod';
import type { RouteSpec } from '../../http/route';

const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string().meta({ example: '提交的内容有误，请检查后重试' }),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorEnvelope } } });

/** The OpenAPI 3.1 document, built from the same zod schemas the routes validate with. */
export function buildOpenApi(routes: RouteSpec[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      description: r.description,
      tags: r.tags,
      security: r.auth === 'public' ? [] : [{ bearer: [] }],
      requestParams: {
        ...(r.params ? { path: r.params } : {}),
        ...(r.query ? { query: r.query } : {}),
        ...(r.idempotent ? { header: z.object({ 'Idempotency-Key': z.string().optional() }) } : {}),
      },
      ...(r.body
        ? {
            requestBody: {
              content: {
                'application/json': { schema: r.body },
                ...(r.upload ? { [r.upload]: { schema: { type: 'string', format: 'binary' } } } : {}),
              },
            },
          }
        : {}),
      responses: {
        [String(r.status ?? 200)]:
          r.status === 204
            ? { description: 'No content' }
            : { description: 'OK', content: r.response ? { 'application/json': { schema: r.response } } : undefined },
        ...(r.auth === 'public' ? {} : { '401': errorResponse('未登录或登录已失效 (unauthorized)') }),
        ...(Array.isArray(r.auth) ? { '403': errorResponse('没有权限 (forbidden)') } : {}),
        ...(r.body || r.query || r.params ? { '422': errorResponse('参数有误 (validation_failed)，details.fields 指出字段') } : {}),
      },
    };
    if (Array.isArray(r.auth)) op.description = `${r.description ?? ''}\n\nRoles: ${r.auth.join(', ')}`.trim();
    (paths[path] ??= {})[r.method] = op;
  }
  paths['/healthz'] = {
    get: {
      summary: '健康检查',
      tags: ['ops'],
      responses: { '200': { description: 'database answers' }, '503': errorResponse('database unreachable') },
    },
  };
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: '幸福荟 API',
      version: '1.0.0',
      description:
        'The public HTTP contract of 幸福荟. Errors are `{"error":{"code","message","details?"}}`; lists are `{"items":[],"nextCursor":null}`; times are ISO 8601 with an offset.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths: paths as never,
  });
}
