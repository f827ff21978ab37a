// 邻里互助 (time bank) and points-flow payloads both sides use (zod only; the mini-program
// imports the types with `import type`, so zod stays out of its bundle).
import { z } from 'zod';
import { HELP_CATEGORIES, HELP_STATUSES } from '../helping';

const Person = z.object({
  id: z.number().int(),
  /** masked (张*英) until the match; the nickname for the two sides once matched */
  name: z.string(),
});

/** One help request as the caller may see it. */
export const HelpRequestView = z.object({
  id: z.number().int(),
  complexId: z.number().int(),
  complexName: z.string(),
  category: z.enum(HELP_CATEGORIES),
  categoryLabel: z.string(),
  title: z.string(),
  detail: z.string(),
  /** what everyone sees before the match */
  roughPlace: z.string(),
  /** the exact address: only the requester's side, the matched helper while it runs, and staff */
  address: z.string().nullable(),
  /** metres from the point the list was asked for, rounded to 100 m; null without one */
  distanceM: z.number().int().nullable(),
  from: z.string(),
  to: z.string(),
  points: z.number().int(),
  status: z.enum(HELP_STATUSES),
  statusLabel: z.string(),
  requester: Person,
  helper: Person.nullable(),
  /** posted by a linked family member for the senior (亲情代办) */
  postedByFamily: z.boolean(),
  /** the caller's side: requester (or their family), helper, staff, or none */
  side: z.enum(['requester', 'helper', 'staff', 'other']),
  /** the other side's contact, only after the match */
  contact: z.object({ name: z.string(), phoneMasked: z.string().nullable() }).nullable(),
  /** after the match: someone asked to cancel (the other side must agree) */
  cancelAsked: z.enum(['by_me', 'by_other']).nullable(),
  dispute: z.object({ reason: z.string(), decision: z.enum(['pay_helper', 'refund']).nullable(), note: z.string().nullable() }).nullable(),
  /** what the caller may do now */
  actions: z.array(z.enum(['take', 'confirm_match', 'decline_match', 'done', 'cancel', 'dispute', 'decide', 'rate'])),
  myRating: z.object({ stars: z.number().int(), comment: z.string() }).nullable(),
  createdAt: z.string(),
});
export type HelpRequestView = z.infer<typeof HelpRequestView>;

export const HelpRating = z.object({ requestId: z.number().int(), stars: z.number().int(), comment: z.string(), rateeId: z.number().int() });
export type HelpRating = z.infer<typeof HelpRating>;

export const TransferResult = z.object({
  id: z.number().int(),
  points: z.number().int(),
  toUserId: z.number().int().nullable(),
  poolComplexId: z.number().int().nullable(),
  counterpart: z.string(),
  balance: z.number().int(),
  available: z.number().int(),
  sentToday: z.number().int(),
});
export type TransferResult = z.infer<typeof TransferResult>;

export const PoolView = z.object({
  complexId: z.number().int(),
  complexName: z.string(),
  balance: z.number().int(),
  items: z.array(z.object({ id: z.number().int(), delta: z.number().int(), reason: z.enum(['donation', 'grant']), description: z.string(), balanceAfter: z.number().int(), createdAt: z.string() })),
  nextCursor: z.string().nullable(),
});
export type PoolView = z.infer<typeof PoolView>;

export const PoolSpent = z.object({ complexId: z.number().int(), userId: z.number().int(), points: z.number().int(), poolBalance: z.number().int(), balance: z.number().int() });
export type PoolSpent = z.infer<typeof PoolSpent>;

export const PointsGranted = z.object({ complexId: z.number().int(), userId: z.number().int(), points: z.number().int(), balance: z.number().int() });
export type PointsGranted = z.infer<typeof PointsGranted>;
