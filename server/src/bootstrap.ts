import type { DestinationStream } from 'pino';
import { loadConfig, type Config } from './config';
import { ensureDatabase, openDatabase } from './db/client';
import { migrateWithLock } from './db/migrate';
import { seedIfEmpty } from './db/seed';
import { systemClock, type Clock, type Deps } from './deps';
import { SessionGuard } from './domain/auth/sessionGuard';
import { TokenService } from './domain/auth/tokens';
import { WechatClient } from './integrations/wechat/client';
import { createLogger } from './logger';

/** Builds the dependencies of a running server: config, database (created, migrated, seeded), clients. */
export async function bootstrap(
  opts: { env?: Record<string, string | undefined>; clock?: Clock; prepareDatabase?: boolean; logDestination?: DestinationStream } = {},
): Promise<Deps> {
  const warnings: string[] = [];
  const config: Config = loadConfig(opts.env ?? process.env, (w) => warnings.push(w));
  const logger = createLogger(config.LOG_LEVEL, opts.logDestination);
  for (const w of warnings) logger.warn(w);
  const clock = opts.clock ?? systemClock;
  if (opts.prepareDatabase !== false) await ensureDatabase(config.DATABASE_URL);
  const database = openDatabase(config.DATABASE_URL, config.DB_POOL_SIZE);
  if (opts.prepareDatabase !== false) {
    await migrateWithLock(database, () => seedIfEmpty(database.db, config, logger));
  }
  return {
    config,
    database,
    db: database.db,
    logger,
    clock,
    tokens: new TokenService(config.JWT_SECRET, config.ACCESS_TOKEN_TTL),
    sessions: new SessionGuard(database.db),
    wechat: new WechatClient({
      appid: config.WECHAT_APPID,
      secret: config.WECHAT_SECRET,
      baseUrl: config.WECHAT_API_BASE,
      timeoutMs: config.WECHAT_TIMEOUT_MS,
    }),
  };
}
