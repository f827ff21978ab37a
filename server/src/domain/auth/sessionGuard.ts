import { inArray } from 'drizzle-orm';
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
 *
 * Database lookups are batched: every session not in the cache when a request asks joins the next
 * `WHERE id IN (…)` read, sent once the current one (if any) has answered. Each answer still comes
 * from a read issued after the request asked, so revocation is seen exactly as with one read per
 * request; a burst of 500 sign-ins costs a few reads instead of 500 round trips on the pool.
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
    return this.lookUp(sessionId);
  }

  /** sessions waiting for the next read, each with the requests that asked */
  private waiting = new Map<number, Array<{ resolve: (active: boolean) => void; reject: (e: unknown) => void }>>();
  private reading = false;

  private lookUp(sessionId: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const askers = this.waiting.get(sessionId);
      if (askers) askers.push({ resolve, reject });
      else this.waiting.set(sessionId, [{ resolve, reject }]);
      if (!this.reading) this.readBatch();
    });
  }

  private static readonly BATCH = 500;

  /** One read for the waiting sessions (up to BATCH); then the next batch, if more came meanwhile. */
  private readBatch() {
    if (this.waiting.size === 0) {
      this.reading = false;
      return;
    }
    this.reading = true;
    const batch = new Map<number, Array<{ resolve: (active: boolean) => void; reject: (e: unknown) => void }>>();
    for (const [id, askers] of this.waiting) {
      if (batch.size >= SessionGuard.BATCH) break;
      batch.set(id, askers);
    }
    for (const id of batch.keys()) this.waiting.delete(id);
    this.db
      .select({ id: authSessions.id, revokedAt: authSessions.revokedAt })
      .from(authSessions)
      .where(inArray(authSessions.id, [...batch.keys()]))
      .then(
        (rows) => {
          const now = Date.now();
          const active = new Set(rows.filter((r) => r.revokedAt === null).map((r) => r.id));
          for (const [id, askers] of batch) {
            // a revocation in this process while the read was out wins (forget() wrote it)
            const hit = this.cache.get(id);
            const ok = active.has(id) && !(hit && !hit.active && hit.until > now);
            this.remember(id, ok, now);
            for (const a of askers) a.resolve(ok);
          }
        },
        (e) => {
          for (const askers of batch.values()) for (const a of askers) a.reject(e);
        },
      )
      .finally(() => this.readBatch());
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
