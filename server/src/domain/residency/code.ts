import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The 认证码 a resident shows (as a QR) in 我的 and a worker scans at the counter. It names the
 * resident and the complex they claimed, when it was issued, and is signed; it is valid for two
 * minutes (the screen fetches a fresh one every minute), so a photo of it is soon worthless.
 */
export const RESIDENCY_CODE_TTL_MS = 120_000;
export const RESIDENCY_CODE_REFRESH_S = 60;

const sign = (secret: string, payload: string) => createHmac('sha256', `residency:${secret}`).update(payload).digest('base64url').slice(0, 22);

export function issueResidencyCode(secret: string, userId: number, complexId: number, now: Date): { code: string; expiresAt: Date } {
  const payload = `rc.${userId}.${complexId}.${now.getTime().toString(36)}`;
  return { code: `${payload}.${sign(secret, payload)}`, expiresAt: new Date(now.getTime() + RESIDENCY_CODE_TTL_MS) };
}

export type ResidencyCodeCheck = { ok: true; userId: number; complexId: number } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyResidencyCode(secret: string, code: string, now: Date): ResidencyCodeCheck {
  const parts = code.trim().split('.');
  if (parts.length !== 5 || parts[0] !== 'rc') return { ok: false, reason: 'malformed' };
  const [, uid, cid, t36, sig] = parts;
  const expected = Buffer.from(sign(secret, `rc.${uid}.${cid}.${t36}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  const age = now.getTime() - parseInt(t36, 36);
  if (!Number.isFinite(age) || age > RESIDENCY_CODE_TTL_MS || age < -5_000) return { ok: false, reason: 'expired' };
  const userId = Number(uid);
  const complexId = Number(cid);
  if (!Number.isSafeInteger(userId) || userId <= 0 || !Number.isSafeInteger(complexId) || complexId <= 0) return { ok: false, reason: 'malformed' };
  return { ok: true, userId, complexId };
}
