import pino from 'pino';

/**
 * JSON logs. Tokens, codes and phone numbers are redacted wherever they appear in a logged object;
 * request logs never include bodies or the Authorization header in the first place. Errors go
 * through `scrubError` (also the `err` serializer): driver errors carry the SQL and its bound
 * values — names, addresses, ID numbers — and none of that may reach a log line.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    serializers: { err: scrubError },
    redact: {
      paths: [
        'phone', '*.phone', 'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken', 'code', '*.code',
        'authorization', '*.authorization', 'headers.authorization', 'secret', '*.secret', 'session_key', '*.session_key',
        'sql', '*.sql', 'params', '*.params', 'values', '*.values',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type Logger = ReturnType<typeof createLogger>;

export interface ScrubbedError {
  name: string;
  message: string;
  code?: string;
  errno?: number;
  sqlState?: string;
  stack?: string;
}

/** Quoted literals, numbers of 6+ digits and anything after "params:" or "Failed query:" are dropped. */
function scrubText(s: string): string {
  return s
    .replace(/Failed query:[\s\S]*/u, 'Failed query: [sql redacted]')
    .replace(/params:[\s\S]*/u, 'params: [redacted]')
    .replace(/'(?:[^'\\]|\\.|'')*'/gu, "'?'")
    .replace(/"(?:[^"\\]|\\.)*"/gu, '"?"')
    .replace(/`(?:[^`\\]|\\.)*`/gu, '`?`')
    .replace(/\d{6,}[\dXx]?/gu, '?');
}

/**
 * What of an error may be logged: its name, the driver's code/errno/sqlState, a message with every
 * literal removed, and the stack frames (never the message line the stack repeats). A drizzle
 * `DrizzleQueryError` is unwrapped to the mysql2 error it carries; `sql`, `sqlMessage`, `params`
 * and `values` are never copied.
 */
export function scrubError(err: unknown): ScrubbedError {
  if (err === null || typeof err !== 'object') return { name: 'Error', message: scrubText(String(err)) };
  const e = err as Error & { code?: unknown; errno?: unknown; sqlState?: unknown; cause?: unknown; query?: unknown };
  const driver = (e.query !== undefined || /^Failed query:/u.test(e.message ?? '')) && e.cause && typeof e.cause === 'object' ? (e.cause as typeof e) : e;
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /u.test(l))
    .map(scrubText)
    .join('\n');
  return {
    name: typeof driver.name === 'string' ? driver.name : 'Error',
    message: scrubText(typeof driver.message === 'string' ? driver.message : ''),
    ...(typeof driver.code === 'string' ? { code: driver.code } : {}),
    ...(typeof driver.errno === 'number' ? { errno: driver.errno } : {}),
    ...(typeof driver.sqlState === 'string' ? { sqlState: driver.sqlState } : {}),
    ...(frames ? { stack: frames } : {}),
  };
}
