import { eq } from 'drizzle-orm';
import type Redis from 'ioredis';
import type { Db } from '../../db/client';
import { authSessions } from '../../db/schema';

export interface SessionGuardOptions {
  /** how long a process trusts "active" from the database (default 10 s) */
  ttlMs?: number;
  /** shared revocation list between replicas; null = this process only */
  redis?: Redis | null;
  /** Redis key prefix, e.g. "xfh:<database>:" */
  prefix?: string;
  /** how long a revocation is kept in Redis: at least the access-token lifetime */
  revokedTtlS?: number;
  onRedisError?: (e: unknown) => void;
}

/**
 * Answers "is this login still valid?" for every authenticated request. A revoked session kills
 * its access tokens at once in this process. Across replicas:
 * - with Redis, a revocation is written to Redis (`<prefix>revoked:<sid>`, kept for the access
 *   token's lifetime) before the revoking request answers, and every request asks Redis first
 *   (one EXISTS, ~0.1 ms): every replica refuses the token at once;
 * - without Redis, other processes sharing the database notice within `ttlMs`; the short cache
 *   keeps the hot paths (booking bursts) off an extra query.
 * The database stays the truth: if Redis loses its keys, the `ttlMs` bound still holds.
 */
export class SessionGuard {
  private cache = new Map<number, { active: boolean; until: number }>();
  private readonly ttlMs: number;
  private readonly redis: Redis | null;
  private readonly prefix: string;
  private readonly revokedTtlS: number;
  private readonly onRedisError: (e: unknown) => void;

  constructor(private readonly db: Db, opts: SessionGuardOptions | number = {}) {
    const o = typeof opts === 'number' ? { ttlMs: opts } : opts;
    this.ttlMs = o.ttlMs ?? 10_000;
    this.redis = o.redis ?? null;
    this.prefix = o.prefix ?? 'xfh:';
    this.revokedTtlS = o.revokedTtlS ?? 3600;
    this.onRedisError = o.onRedisError ?? (() => {});
  }

  private key(sessionId: number) {
    return `${this.prefix}revoked:${sessionId}`;
  }

  async isActive(sessionId: number): Promise<boolean> {
    const hit = this.cache.get(sessionId);
    const now = Date.now();
    if (hit && !hit.active && hit.until > now) return false;
    if (this.redis) {
      try {
        if (await this.redis.exists(this.key(sessionId))) {
          this.remember(sessionId, false, now);
          return false;
        }
      } catch (e) {
        this.onRedisError(e); // fall back to the database and the local cache
      }
    }
    if (hit && hit.until > now) return hit.active;
    const [row] = await this.db
      .select({ revokedAt: authSessions.revokedAt })
      .from(authSessions)
      .where(eq(authSessions.id, sessionId))
      .limit(1);
    const active = !!row && row.revokedAt === null;
    this.remember(sessionId, active, now);
    return active;
  }

  private remember(sessionId: number, active: boolean, now: number) {
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(sessionId, { active, until: now + (active ? this.ttlMs : 3_600_000) });
  }

  /** Call after revoking a session in the database; resolves once every replica will refuse it. */
  async forget(sessionId: number): Promise<void> {
    this.remember(sessionId, false, Date.now());
    if (!this.redis) return;
    try {
      await this.redis.set(this.key(sessionId), '1', 'EX', this.revokedTtlS);
    } catch (e) {
      this.onRedisError(e);
    }
  }
}
