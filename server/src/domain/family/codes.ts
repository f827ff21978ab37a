import { createHmac, randomInt } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { familyLinkCodes, users } from '../../db/schema';
import { rateLimited } from '../../errors';
import { FAMILY_CODE_TTL_MINUTES } from '../../../../shared/constants';

/** Live codes a senior may hold at once (each is a chance to guess, so keep it small). */
export const FAMILY_CODE_MAX_LIVE = 5;

const hashCode = (seniorId: number, code: string, secret: string) => createHmac('sha256', secret).update(`family-code:${seniorId}:${code}`).digest('hex');

/** Issues a fresh six-digit code for the senior (optionally for one pending link). Returns it once. */
export async function issueCode(tx: Tx, o: { seniorId: number; linkId: number | null; now: Date; secret: string }) {
  // the senior's row serialises concurrent issues, so the live-code limit holds
  await tx.select({ id: users.id }).from(users).where(eq(users.id, o.seniorId)).for('update');
  const [{ live }] = await tx
    .select({ live: sql<number>`count(*)` })
    .from(familyLinkCodes)
    .where(and(eq(familyLinkCodes.seniorId, o.seniorId), gt(familyLinkCodes.expiresAt, o.now), isNull(familyLinkCodes.usedAt)));
  if (Number(live) >= FAMILY_CODE_MAX_LIVE) throw rateLimited(`确认码获取太频繁，请 ${FAMILY_CODE_TTL_MINUTES} 分钟后再试`);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(o.now.getTime() + FAMILY_CODE_TTL_MINUTES * 60_000);
  await tx.insert(familyLinkCodes).values({ seniorId: o.seniorId, linkId: o.linkId, codeHash: hashCode(o.seniorId, code, o.secret), expiresAt });
  return { code, expiresAt };
}

/**
 * Spends a code the senior's device showed. A code for a specific link only works for that link;
 * an open code (no link) works for any request to this senior. Guesses are bounded per requester
 * (`takeAttempt` in linking.ts), so a stranger's wrong guesses cannot lock the senior out.
 * Returns true when the code matched (and marks it used by `usedBy`).
 */
export async function spendCode(tx: Tx, o: { seniorId: number; linkId: number | null; code: string; usedBy: number; now: Date; secret: string }): Promise<boolean> {
  const live = and(eq(familyLinkCodes.seniorId, o.seniorId), gt(familyLinkCodes.expiresAt, o.now), isNull(familyLinkCodes.usedAt));
  const candidates = await tx
    .select({ id: familyLinkCodes.id, linkId: familyLinkCodes.linkId, codeHash: familyLinkCodes.codeHash })
    .from(familyLinkCodes)
    .where(live)
    .for('update');
  const wanted = hashCode(o.seniorId, o.code, o.secret);
  const hit = candidates.find((c) => c.codeHash === wanted && (c.linkId === null || c.linkId === o.linkId));
  if (hit) {
    await tx.update(familyLinkCodes).set({ usedAt: o.now, usedBy: o.usedBy, linkId: o.linkId }).where(eq(familyLinkCodes.id, hit.id));
    return true;
  }
  // A wrong guess is counted against the guesser (family_link_attempts), never against the
  // senior's codes: otherwise anyone could void the senior's own code by guessing.
  return false;
}
