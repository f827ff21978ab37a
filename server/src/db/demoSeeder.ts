import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Db } from './client';

/** Demo data a feature domain contributes. Must be idempotent: running the seed twice changes nothing. */
export type DemoSeeder = (db: Db, ctx: SeedContext) => Promise<void>;
export interface SeedContext {
  config: Config;
  logger?: Logger;
  now: Date;
}
