import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';

/** A named limit a route spec can ask for (`rateLimit: 'auth'`, `quota: 'content'`). */
export type LimitName = 'auth' | 'content' | 'export';

/** 个人信息副本 downloads per account per hour (GET /me/export). */
export const EXPORTS_PER_HOUR = 5;

export interface LimitRule {
  /** requests allowed per window; 0 turns the limit off */
  points: number;
  /** window length in seconds */
  duration: number;
}

/** Who is asking: the client address always, the account when signed in. */
export interface LimitKey {
  address: string;
  userId?: number;
}

export type LimitOutcome = { ok: true } | { ok: false; retryAfterS: number };

interface Pair {
  perAddress: RateLimiterAbstract | null;
  perAccount: RateLimiterAbstract | null;
}

/**
 * Rate limits and write quotas, through rate-limiter-flexible. With Redis (REDIS_URL) every
 * replica counts in the same Redis keys, so a limit holds across replicas; without it the counts
 * live in this process (the single-process default). If Redis fails mid-way, an in-memory
 * "insurance" limiter takes over per process rather than letting everything through.
 */
export class Limits {
  private readonly limits: Record<LimitName, Pair>;

  constructor(rules: Record<LimitName, { perAddress: LimitRule; perAccount?: LimitRule }>, redis: Redis | null, prefix: string) {
    const make = (name: string, rule: LimitRule | undefined): RateLimiterAbstract | null => {
      if (!rule || rule.points <= 0) return null;
      const opts = { points: rule.points, duration: rule.duration, keyPrefix: `${prefix}rl:${name}` };
      if (!redis) return new RateLimiterMemory(opts);
      return new RateLimiterRedis({ ...opts, storeClient: redis, insuranceLimiter: new RateLimiterMemory(opts) });
    };
    this.limits = {} as Record<LimitName, Pair>;
    for (const [name, r] of Object.entries(rules) as Array<[LimitName, { perAddress: LimitRule; perAccount?: LimitRule }]>) {
      this.limits[name] = { perAddress: make(`${name}:ip`, r.perAddress), perAccount: make(`${name}:user`, r.perAccount) };
    }
  }

  static fromConfig(config: Config, redis: Redis | null, prefix: string): Limits {
    const window = config.WRITE_QUOTA_WINDOW;
    return new Limits(
      {
        auth: { perAddress: { points: config.AUTH_RATE_LIMIT, duration: 60 } },
        content: {
          perAddress: { points: config.WRITE_QUOTA_PER_ADDRESS, duration: window },
          perAccount: { points: config.WRITE_QUOTA_PER_ACCOUNT, duration: window },
        },
        export: { perAddress: { points: 0, duration: 3600 }, perAccount: { points: EXPORTS_PER_HOUR, duration: 3600 } },
      },
      redis,
      prefix,
    );
  }

  /** Takes one point from the address's and (if signed in) the account's budget of `name`. */
  async take(name: LimitName, who: LimitKey): Promise<LimitOutcome> {
    const pair = this.limits[name];
    const steps: Array<[RateLimiterAbstract | null, string | undefined]> = [
      [pair.perAddress, who.address],
      [pair.perAccount, who.userId === undefined ? undefined : String(who.userId)],
    ];
    for (const [limiter, key] of steps) {
      if (!limiter || key === undefined) continue;
      try {
        await limiter.consume(key);
      } catch (e) {
        if (e instanceof RateLimiterRes) return { ok: false, retryAfterS: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
        throw e;
      }
    }
    return { ok: true };
  }
}

/** "请 40 秒后再试" / "请 3 分钟后再试" */
export function retryPhrase(seconds: number): string {
  return seconds < 90 ? `请 ${seconds} 秒后再试` : `请 ${Math.ceil(seconds / 60)} 分钟后再试`;
}
