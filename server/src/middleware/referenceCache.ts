import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

export interface ReferenceCacheOptions {
  /** an entry is reloaded after this long even without a write (writes that bypass the API) */
  ttlMs?: number;
  /** at most this many entries per process (the map is emptied when full) */
  maxEntries?: number;
  onRedisError?: (e: unknown) => void;
}

/**
 * Reference data (streets, complexes with their facilities and spaces, communities, the service
 * catalogue, branches) read from memory instead of the database. Every entry is stored under the
 * reference *version* it was read at; a write through the places / catalogue / branches endpoints
 * calls `invalidate()` after it committed, which bumps the version — in Redis
 * (`<prefix>reference:version`, one INCR) when REDIS_URL is set, so every replica's next read
 * sees the new version and reloads, and in this process. Readers fetch the version *before*
 * loading, so a load that raced a write is stored under the old version and never served after it.
 * If Redis does not answer, reads bypass the cache (the database is the truth) rather than risk
 * another replica's stale entry; entries also expire after `ttlMs` for writes made outside the API.
 */
export class ReferenceCache {
  private entries = new Map<string, { version: string; at: number; value: unknown }>();
  private local = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly onRedisError: (e: unknown) => void;

  constructor(private readonly redis: Redis | null, private readonly prefix: string, opts: ReferenceCacheOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.maxEntries = opts.maxEntries ?? 1000;
    this.onRedisError = opts.onRedisError ?? (() => {});
  }

  private get versionKey() {
    return `${this.prefix}reference:version`;
  }

  /** The current version, or null when it cannot be known (Redis down): then do not cache. */
  async version(): Promise<string | null> {
    if (!this.redis) return String(this.local);
    try {
      return `${this.local}:${(await this.redis.get(this.versionKey)) ?? '0'}`;
    } catch (e) {
      this.onRedisError(e);
      return null;
    }
  }

  /** The cached value of `key` at the current version, else `load()` (stored for the next reader). */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const version = await this.version();
    if (version === null) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === version && now - hit.at < this.ttlMs) return hit.value as T;
    const value = await load();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { version, at: now, value });
    return value;
  }

  /** After a write to reference data (committed): every replica reloads on its next read. */
  async invalidate(): Promise<void> {
    this.local++;
    this.entries.clear();
    if (!this.redis) return;
    try {
      await this.redis.incr(this.versionKey);
    } catch (e) {
      this.onRedisError(e); // other replicas catch up within ttlMs
    }
  }
}

/** A strong validator of a JSON body. */
export const etagOf = (json: string) => `"${createHash('sha1').update(json).digest('base64url').slice(0, 22)}"`;

/** Does If-None-Match name this ETag (weak comparison, lists, `*`)? */
export function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
