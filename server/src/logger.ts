import pino from 'pino';

/**
 * JSON logs. Tokens, codes and phone numbers are redacted wherever they appear in a logged object;
 * request logs never include bodies or the Authorization header in the first place.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        'phone', '*.phone', 'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken', 'code', '*.code',
        'authorization', '*.authorization', 'headers.authorization', 'secret', '*.secret', 'session_key', '*.session_key',
      ],
      censor: '[redacted]',
    },
  });
}
export type Logger = ReturnType<typeof createLogger>;
