import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** Boolean env flags: "1"/"true"/"yes" are on, "0"/"false"/"no"/"" are off. */
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^mysql:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/, '必须形如 mysql://user:pass@host:3306/dbname')
    .default('mysql://root@127.0.0.1:3306/xingfuhui'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PII_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  ACCESS_TOKEN_TTL: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TOKEN_TTL: z.coerce.number().int().min(300).default(30 * 86400),
  DEV_LOGIN: flag.default(false),
  WECHAT_APPID: z.string().default('wx0000000000000000'),
  WECHAT_SECRET: z.string().default(''),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  /** subscribe-message template ids from the WeChat console; empty turns that message off */
  WECHAT_TPL_OPINION: z.string().max(64).default(''),
  WECHAT_TPL_MEETING: z.string().max(64).default(''),
  WECHAT_TPL_PROJECT: z.string().max(64).default(''),
  /** booking reminders and waitlist promotions (thing1 活动/场地, time2 开始时间, thing3 提示) */
  WECHAT_TPL_BOOKING: z.string().max(64).default(''),
  /** public address of the H5 app, for links printed on paper (the notice sheet's QR codes) */
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** CJK font (TTC/OTF) embedded in printed PDFs, and the face inside a TTC */
  PDF_CJK_FONT: z.string().default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  PDF_CJK_FONT_FACE: z.string().default('NotoSansCJKsc-Regular'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(0).default(60),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i).default('1mb'),
  UPLOAD_DIR: z.string().default('uploads'),
  H5_DIR: z.string().default('dist/h5'),
  SEED_DEMO: flag.default(true),
  MAX_ACTIVE_BOOKINGS: z.coerce.number().int().min(1).max(100).default(5),
  // ---- replicas, quotas, database timeouts (see docs/DEPLOY.md) ----
  /** redis://host:6379[/db]: share rate limits, write quotas and session revocation between replicas */
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, '必须形如 redis://127.0.0.1:6379').optional(),
  /** allow DEV_LOGIN on a non-loopback HOST (a shared test machine, never production) */
  DEV_LOGIN_ANY_HOST: flag.default(false),
  /** content writes (opinions, photos, link and care requests, registrations) per account / per client address per window; 0 = off */
  WRITE_QUOTA_PER_ACCOUNT: z.coerce.number().int().min(0).default(30),
  WRITE_QUOTA_PER_ADDRESS: z.coerce.number().int().min(0).default(300),
  WRITE_QUOTA_WINDOW: z.coerce.number().int().min(1).max(86400).default(600),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(3000),
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(5000),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(3000),

  /** an outside MQTT broker (Mosquitto, EMQX); unset → the embedded broker on 127.0.0.1:MQTT_PORT */
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?|tcp):\/\/[^\s/]+/, '必须形如 mqtt://host:1883')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** port of the embedded broker (0 picks a free one) */
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1884),
  /** messages per minute one device may send before it is muted (flood limit) */
  DEVICE_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(120),
  /** how often buffered telemetry is written (ms); a batch is also written at 500 messages */
  IOT_FLUSH_MS: z.coerce.number().int().min(10).max(5000).default(200),
  WECHAT_TPL_IOT_ALERT: z.string().max(64).default(''),
  /**
   * 0: this replica serves the API only and runs no MQTT ingest. Every replica that ingests gets
   * every message (plain subscriptions), so with several replicas on one broker let one ingest.
   */
  IOT_INGEST: flag.default(true),
});

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

export type Config = Omit<z.infer<typeof EnvSchema>, 'JWT_SECRET' | 'PII_KEY'> & {
  JWT_SECRET: string;
  PII_KEY: string;
  /** database name parsed from DATABASE_URL */
  dbName: string;
};

export class ConfigError extends Error {}

/**
 * Reads and validates the environment. Throws a ConfigError whose message is one line naming
 * the offending variable, so main.ts can print it and stop.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, warn: (msg: string) => void = () => {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? null)})`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production') {
    if (!c.JWT_SECRET) throw new ConfigError('Invalid configuration: JWT_SECRET: required when NODE_ENV=production');
    if (!c.PII_KEY) throw new ConfigError('Invalid configuration: PII_KEY: required when NODE_ENV=production');
  }
  if (c.DEV_LOGIN && !LOOPBACK.test(c.HOST) && !c.DEV_LOGIN_ANY_HOST) {
    throw new ConfigError(`Invalid configuration: DEV_LOGIN: phone-only login is on while HOST=${c.HOST} is not a loopback address; turn DEV_LOGIN off or set DEV_LOGIN_ANY_HOST=1`);
  }
  let jwtSecret = c.JWT_SECRET;
  if (!jwtSecret) {
    jwtSecret = randomBytes(32).toString('hex');
    warn('JWT_SECRET is not set: using a random secret; every token is invalid after a restart');
  }
  let piiKey = c.PII_KEY;
  if (!piiKey) {
    // A fixed development key keeps phone lookups stable across restarts; production must set its own.
    piiKey = 'xingfuhui-development-pii-key';
    warn('PII_KEY is not set: using the development key; never do this in production');
  }
  const dbName = new URL(c.DATABASE_URL).pathname.replace(/^\//, '');
  return { ...c, JWT_SECRET: jwtSecret, PII_KEY: piiKey, dbName };
}
