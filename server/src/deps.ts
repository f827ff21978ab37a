import type Redis from 'ioredis';
import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { TokenService } from './domain/auth/tokens';
import type { SessionGuard } from './domain/auth/sessionGuard';
import type { WechatClient } from './integrations/wechat/client';
import type { IotRuntime } from './integrations/mqtt/broker';
import type { Logger } from './logger';
import type { Limits } from './middleware/rateLimit';
import type { ReferenceCache } from './middleware/referenceCache';

/** The clock every rule reads; tests freeze it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Everything a handler may use, built once in main.ts (or by the test harness). */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  tokens: TokenService;
  sessions: SessionGuard;
  wechat: WechatClient;
  clock: Clock;
  /** rate limits and write quotas (shared through Redis when REDIS_URL is set) */
  limits: Limits;
  /** reference data read from memory, invalidated by writes (shared through Redis when REDIS_URL is set) */
  reference: ReferenceCache;
  /** the shared Redis of several replicas (REDIS_URL), else null */
  redis: Redis | null;

  /** the MQTT connection and device ingest, once started (main.ts; tests that ask for it) */
  iot?: IotRuntime;
}
