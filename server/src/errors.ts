/**
 * Every error a client may see is an AppError: an HTTP status, a stable snake_case code and a
 * Chinese message. The error middleware renders them as the error envelope; anything else
 * becomes 500 internal_error and is logged, never shown.
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'forbidden', message);
export const notFound = (message = '找不到该内容') => new AppError(404, 'not_found', message);
export const validationFailed = (fields: Record<string, string>, message = '提交的内容有误，请检查后重试') =>
  new AppError(422, 'validation_failed', message, { fields });
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(409, code, message, details);
export const rateLimited = (message = '操作太频繁，请稍后再试') => new AppError(429, 'rate_limited', message);
export const unavailable = (message = '服务暂时不可用，请稍后再试') => new AppError(503, 'unavailable', message);
export const appError = (status: number, code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(status, code, message, details);
