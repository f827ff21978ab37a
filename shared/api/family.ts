// Response schemas of 亲情代办 (family links, codes, proxy actions, a senior's points): used by the
// server's route specs and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { pageOf } from './page';

export const FamilyLink = z.object({
  id: z.number().int(),
  /** the caller's side of this link */
  as: z.enum(['senior', 'family']),
  other: z.object({ id: z.number().int(), nickname: z.string(), phoneMasked: z.string().nullable() }),
  seniorId: z.number().int(),
  familyId: z.number().int(),
  relation: z.string(),
  status: z.enum(['pending', 'active', 'declined', 'revoked']),
  requestedAt: z.string(),
  confirmedAt: z.string().nullable(),
});

export const IssuedCode = z.object({ code: z.string(), expiresAt: z.string(), linkId: z.number().int().nullable() });

export const ProxyAction = z.object({
  id: z.number().int(),
  action: z.string(),
  summary: z.string(),
  actor: z.object({ id: z.number().int(), nickname: z.string() }),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  createdAt: z.string(),
});

/** The same answer whether or not the phone is registered; `link` only once a valid code linked it. */
export const LinkRequestAnswer = z.object({
  status: z.enum(['sent', 'linked']),
  message: z.string(),
  link: FamilyLink.nullable(),
});

export const FamilyLinks = z.object({ items: z.array(FamilyLink) });

/** A linked senior's points: the same shape as /me/points without held/available. */
export const SeniorPoints = pageOf(
  z.object({ id: z.number().int(), delta: z.number().int(), reason: z.string(), description: z.string(), balanceAfter: z.number().int(), createdAt: z.string() }),
).extend({ balance: z.number().int() });
