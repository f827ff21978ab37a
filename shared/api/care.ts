// Response schemas of 一键呼叫 care requests (the senior's, the family's and the dispatching staff's
// views): used by the server's route specs and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { CARE_KINDS, CARE_STATUSES } from '../constants';
import { pageOf } from './page';

const Person = z.object({ id: z.number().int(), nickname: z.string() });

export const CareRequest = z.object({
  id: z.number().int(),
  kind: z.enum(CARE_KINDS),
  kindLabel: z.string(),
  priority: z.number().int().describe('1 for an emergency (head of the queue), else 0'),
  status: z.enum(CARE_STATUSES),
  statusLabel: z.string(),
  flagged: z.boolean().describe('an emergency not accepted within 5 minutes'),
  waitingMinutes: z.number().int().nullable(),
  senior: Person.extend({ realName: z.string().nullable() }),
  requestedBy: Person,
  onBehalf: z.boolean().describe('made by a linked family member (亲情代办)'),
  complexId: z.number().int(),
  complexName: z.string(),
  hotline: z.string(),
  address: z.string(),
  phone: z.string().nullable().describe('in full for the dispatching staff, masked for everyone else'),
  note: z.string(),
  assignee: Person.nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
});

export const CareEvent = z.object({
  status: z.enum(CARE_STATUSES),
  statusLabel: z.string(),
  note: z.string(),
  actor: Person,
  onBehalf: z.boolean(),
  at: z.string(),
});

export const CareDetail = CareRequest.extend({
  timeline: z.array(CareEvent),
  can: z.object({ accept: z.boolean(), assign: z.boolean(), start: z.boolean(), complete: z.boolean(), cancel: z.boolean(), rate: z.boolean() }),
});

export const CareProfile = z.object({
  senior: Person,
  address: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  complex: z.object({ id: z.number().int(), name: z.string(), hotline: z.string() }).nullable(),
  kinds: z.array(z.object({ kind: z.enum(CARE_KINDS), label: z.string() })),
});

export const Assignee = z.object({ id: z.number().int(), nickname: z.string(), role: z.string(), kind: z.enum(['worker', 'volunteer']), openTasks: z.number().int() });

export const CareRated = CareDetail.extend({ pointsEarned: z.number().int() });
export const CareQueue = pageOf(CareRequest).extend({ flaggedCount: z.number().int() });
export const Assignees = z.object({ items: z.array(Assignee) });
