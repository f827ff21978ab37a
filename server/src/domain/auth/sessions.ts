import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { withTx } from '../../db/client';
import { authSessions, refreshTokens, users } from '../../db/schema';
import { unauthorized } from '../../errors';
import type { Deps } from '../../deps';
import { hashToken, newRefreshToken } from './tokens';
import type { Role } from '../../../../shared/constants';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

async function issueRefresh(db: Db, sessionId: number, ttlSeconds: number, now: Date): Promise<string> {
  const token = newRefreshToken();
  await db.insert(refreshTokens).values({
    sessionId,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
  });
  return token;
}

/** Starts a login: a new session with its first refresh token. */
export async function startSession(deps: Deps, user: { id: number; role: Role }, method: 'wechat' | 'dev'): Promise<TokenPair & { sessionId: number }> {
  const now = deps.clock.now();
  const [{ id: sessionId }] = await deps.db.insert(authSessions).values({ userId: user.id, method }).$returningId();
  const refreshToken = await issueRefresh(deps.db, sessionId, deps.config.REFRESH_TOKEN_TTL, now);
  return {
    sessionId,
    accessToken: deps.tokens.signAccess({ uid: user.id, role: user.role, sid: sessionId }),
    refreshToken,
    expiresIn: deps.tokens.accessTtl,
  };
}

async function revokeSession(deps: Deps, sessionId: number, reason: string) {
  await deps.db
    .update(authSessions)
    .set({ revokedAt: deps.clock.now(), revokeReason: reason })
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
  await deps.sessions.forget(sessionId);
}

/**
 * Rotates a refresh token. A token that was already used means it leaked: the whole login
 * (every access and refresh token of the session) is revoked.
 */
export async function rotateRefresh(deps: Deps, presented: string): Promise<TokenPair & { userId: number }> {
  const now = deps.clock.now();
  const outcome = await withTx(deps.db, async (tx) => {
    const [row] = await tx
      .select({
        id: refreshTokens.id,
        sessionId: refreshTokens.sessionId,
        usedAt: refreshTokens.usedAt,
        expiresAt: refreshTokens.expiresAt,
        revokedAt: authSessions.revokedAt,
        userId: authSessions.userId,
        role: users.role,
        disabled: users.disabled,
      })
      .from(refreshTokens)
      .innerJoin(authSessions, eq(authSessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, authSessions.userId))
      .where(eq(refreshTokens.tokenHash, hashToken(presented)))
      .for('update')
      .limit(1);
    if (!row) return { kind: 'unknown' as const };
    if (row.usedAt) return { kind: 'reused' as const, sessionId: row.sessionId };
    if (row.revokedAt || row.expiresAt <= now || row.disabled) return { kind: 'dead' as const };
    await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, row.id));
    const refreshToken = await issueRefresh(tx as unknown as Db, row.sessionId, deps.config.REFRESH_TOKEN_TTL, now);
    return { kind: 'ok' as const, row, refreshToken };
  });
  if (outcome.kind === 'reused') {
    await revokeSession(deps, outcome.sessionId, 'refresh_reuse');
    deps.logger.warn({ sessionId: outcome.sessionId }, 'refresh token reuse detected; session revoked');
    throw unauthorized('登录凭证已被使用过，为保护账号安全已退出登录，请重新登录');
  }
  if (outcome.kind !== 'ok') throw unauthorized('登录已失效，请重新登录');
  const { row, refreshToken } = outcome;
  return {
    userId: row.userId,
    accessToken: deps.tokens.signAccess({ uid: row.userId, role: row.role, sid: row.sessionId }),
    refreshToken,
    expiresIn: deps.tokens.accessTtl,
  };
}

export async function endSession(deps: Deps, sessionId: number) {
  await revokeSession(deps, sessionId, 'logout');
}
