import type { DestinationStream } from 'pino';
import { loadConfig, type Config } from './config';
import { openPreparedDatabase } from './db/prepare';
import { systemClock, type Clock, type Deps } from './deps';
import { SessionGuard } from './domain/auth/sessionGuard';
import { TokenService } from './domain/auth/tokens';
import { WechatClient } from './integrations/wechat/client';
import { createLogger, type Logger } from './logger';
import { Limits } from './middleware/rateLimit';
import { ReferenceCache } from './middleware/referenceCache';
import Redis from 'ioredis';

/** Connects to REDIS_URL, failing the start (not the first request) when it does not answer. */
async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  // No offline queue: while Redis is away, calls fail fast and the callers fall back
  // (in-memory insurance limits, database session checks) instead of piling up.
  const redis = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  let lastError = '';
  redis.on('error', (e: Error) => {
    if (e.message !== lastError) logger.warn({ err: { message: e.message } }, 'redis error');
    lastError = e.message;
  });
  redis.on('ready', () => (lastError = ''));
  try {
    await redis.connect();
  } catch (e) {
    redis.disconnect();
    throw new Error(`REDIS_URL does not answer: ${(e as Error).message}`);
  }
  return redis;
}

/** Builds the dependencies of a running server: config, database (created, migrated, seeded), clients. */
export async function bootstrap(
  opts: { env?: Record<string, string | undefined>; clock?: Clock; prepareDatabase?: boolean; logDestination?: DestinationStream } = {},
): Promise<Deps> {
  const warnings: string[] = [];
  const config: Config = loadConfig(opts.env ?? process.env, (w) => warnings.push(w));
  const logger = createLogger(config.LOG_LEVEL, opts.logDestination);
  for (const w of warnings) logger.warn(w);
  const clock = opts.clock ?? systemClock;
  const database = await openPreparedDatabase(config, logger, opts.prepareDatabase !== false);
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, logger) : null;
  // Replicas share keys when they share a database.
  const prefix = `xfh:${config.dbName}:`;
  return {
    config,
    redis,
    limits: Limits.fromConfig(config, redis, prefix),
    reference: new ReferenceCache(redis, prefix, {
      onRedisError: (e) => logger.warn({ err: { message: (e as Error).message } }, 'redis unavailable: reference data is read from the database'),
    }),
    database,
    db: database.db,
    logger,
    clock,
    tokens: new TokenService(config.JWT_SECRET, config.ACCESS_TOKEN_TTL),
    sessions: new SessionGuard(database.db, {
      redis,
      prefix,
      revokedTtlS: config.ACCESS_TOKEN_TTL + 60,
      onRedisError: (e) => logger.warn({ err: { message: (e as Error).message } }, 'redis unavailable: session check falls back to the database'),
    }),
    wechat: new WechatClient({
      appid: config.WECHAT_APPID,
      secret: config.WECHAT_SECRET,
      baseUrl: config.WECHAT_API_BASE,
      timeoutMs: config.WECHAT_TIMEOUT_MS,
    }),
  };
}
