import type { Config } from './config';
import type { Database, Db } from './db/client';
import type { TokenService } from './domain/auth/tokens';
import type { SessionGuard } from './domain/auth/sessionGuard';
import type { WechatClient } from './integrations/wechat/client';
import type { IotRuntime } from './integrations/mqtt/broker';
import type { Logger } from './logger';

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
  /** the MQTT connection and device ingest, once started (main.ts; tests that ask for it) */
  iot?: IotRuntime;
}
