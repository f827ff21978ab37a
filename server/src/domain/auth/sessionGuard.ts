import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { authSessions } from '../../db/schema';

/**
 * Answers "is this login still valid?" for every authenticated request. A revoked session kills
 * its access tokens at once in this process, and within `ttlMs` in any other process sharing
 * the database; the short cache keeps the hot paths (booking bursts) off an extra query.
 */
export class SessionGuard {
  private cache = new Map<number, { active: boolean; until: number }>();
  constructor(private readonly db: Db, private readonly ttlMs = 10_000) {}

  async isActive(sessionId: number): Promise<boolean> {
    const hit = this.cache.get(sessionId);
    const now = Date.now();
    if (hit && hit.until > now) return hit.active;
    const [row] = await this.db
      .select({ revokedAt: authSessions.revokedAt })
      .from(authSessions)
      .where(eq(authSessions.id, sessionId))
      .limit(1);
    const active = !!row && row.revokedAt === null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(sessionId, { active, until: now + (active ? this.ttlMs : 3_600_000) });
    return active;
  }

  /** Call after revoking a session in the database. */
  forget(sessionId: number) {
    this.cache.set(sessionId, { active: false, until: Date.now() + 3_600_000 });
  }
}
