import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The rotating venue check-in code a worker's phone shows (as a QR) at an activity, volunteer
 * post or meeting. It names what it is for, when it was issued, and is signed; a code is valid
 * for 60 seconds, and the worker's screen fetches a fresh one every 30.
 */
export type VenueKind = 'activity' | 'post' | 'meeting' | 'offering' | 'slot';

export const VENUE_CODE_TTL_MS = 60_000;

const sign = (secret: string, payload: string) => createHmac('sha256', `venue:${secret}`).update(payload).digest('base64url').slice(0, 22);

export function issueVenueCode(secret: string, kind: VenueKind, id: number, now: Date): { code: string; expiresAt: Date } {
  const payload = `${kind}.${id}.${now.getTime().toString(36)}`;
  return { code: `${payload}.${sign(secret, payload)}`, expiresAt: new Date(now.getTime() + VENUE_CODE_TTL_MS) };
}

export type VenueCodeCheck = { ok: true; kind: VenueKind; id: number } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

export function verifyVenueCode(secret: string, code: string, now: Date): VenueCodeCheck {
  const parts = code.split('.');
  if (parts.length !== 4) return { ok: false, reason: 'malformed' };
  const [kind, idStr, t36, sig] = parts;
  const payload = `${kind}.${idStr}.${t36}`;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  const issued = parseInt(t36, 36);
  const age = now.getTime() - issued;
  if (!Number.isFinite(issued) || age > VENUE_CODE_TTL_MS || age < -5_000) return { ok: false, reason: 'expired' };
  const id = Number(idStr);
  if (!['activity', 'post', 'meeting', 'offering', 'slot'].includes(kind) || !Number.isSafeInteger(id) || id <= 0) return { ok: false, reason: 'malformed' };
  return { ok: true, kind: kind as VenueKind, id };
}

/** A resident's personal booking code (shown as a QR in 我的预约) that the worker scans. */
export function personalCode(secret: string, kind: string, id: number): string {
  const payload = `${kind}.${id}`;
  return `${payload}.${sign(secret, `personal:${payload}`)}`;
}

export function verifyPersonalCode(secret: string, code: string): { kind: string; id: number } | null {
  const parts = code.split('.');
  if (parts.length !== 3) return null;
  const [kind, idStr, sig] = parts;
  const expected = Buffer.from(sign(secret, `personal:${kind}.${idStr}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const id = Number(idStr);
  return Number.isSafeInteger(id) && id > 0 ? { kind, id } : null;
}
