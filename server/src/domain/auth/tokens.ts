import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Role } from '../../../../shared/constants';

export const ISSUER = 'xingfuhui';
export const AUDIENCE = 'xingfuhui-app';

export interface AccessClaims {
  /** user id */
  uid: number;
  role: Role;
  /** auth session id: revoking the session kills the token before it expires */
  sid: number;
}

/** How many verified access tokens are remembered (about 1 KB each). */
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * HS256 with the secret as a KeyObject: with a string secret jsonwebtoken first tries
 * createPublicKey on every verify, which throws and costs ~0.6 ms (measured).
 */
export class TokenService {
  private readonly key: KeyObject;
  constructor(secret: string, private readonly ttlSeconds: number) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  get accessTtl() {
    return this.ttlSeconds;
  }

  signAccess(c: AccessClaims): string {
    return jwt.sign({ role: c.role, sid: c.sid }, this.key, {
      algorithm: 'HS256',
      expiresIn: this.ttlSeconds,
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: String(c.uid),
    });
  }

  /**
   * Tokens that verified, until they expire: a client sends the same token on every request, and
   * checking the signature and claims again was a tenth of a cheap read's CPU. Only the exact
   * string that verified hits; anything else is verified in full. (Revocation is not a token
   * matter: the session check runs on every request.)
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expMs: number }>();

  /** Returns the claims, or null for anything invalid: bad signature, expired, wrong iss/aud, alg none… */
  verifyAccess(token: string): AccessClaims | null {
    const hit = this.verified.get(token);
    if (hit) {
      if (Date.now() < hit.expMs) return hit.claims;
      this.verified.delete(token);
    }
    try {
      const p = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as jwt.JwtPayload;
      const uid = Number(p.sub);
      if (!Number.isSafeInteger(uid) || uid <= 0 || typeof p.sid !== 'number' || typeof p.role !== 'string') return null;
      const claims: AccessClaims = { uid, role: p.role as Role, sid: p.sid };
      if (typeof p.exp === 'number') {
        // bounded: the oldest entry goes first (a Map iterates in insertion order)
        if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value!);
        this.verified.set(token, { claims, expMs: p.exp * 1000 });
      }
      return claims;
    } catch {
      return null;
    }
  }
}

export const newRefreshToken = () => randomBytes(32).toString('base64url');
export const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');
