import type { DestinationStream } from 'pino';
import { loadConfig, type Config } from './config';
import { openPreparedDatabase } from './db/prepare';
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
  const database = await openPreparedDatabase(config, logger, opts.prepareDatabase !== false);
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
