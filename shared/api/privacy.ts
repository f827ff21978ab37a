// Response schemas of 我的 → 设置 (consents, 谁查看了我的信息, 注销账号): used by the server's route
// specs and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { DELETION_OPINION_CHOICES } from '../constants';

/** Consents a resident can change (the privacy notice is accepted, not toggled). */
export const CHANGEABLE_CONSENTS = ['location', 'subscribe', 'quiet_home'] as const;

export const DeletionState = z.object({
  status: z.enum(['none', 'pending']),
  requestedAt: z.string().nullable(),
  scheduledFor: z.string().nullable(),
  opinions: z.enum(DELETION_OPINION_CHOICES).nullable(),
  coolingOffDays: z.number().int(),
  blockers: z.array(z.object({ kind: z.string(), id: z.number().int(), title: z.string(), message: z.string(), link: z.string() })),
  removed: z.array(z.string()),
  kept: z.array(z.string()),
});

export const AccessEntry = z.object({
  at: z.string(),
  staffRole: z.string(),
  staffRoleLabel: z.string(),
  complexName: z.string().nullable(),
  fields: z.array(z.string()),
  fieldLabels: z.array(z.string()),
  purpose: z.string(),
  purposeLabel: z.string(),
});

const ConsentItem = z.object({ kind: z.enum(CHANGEABLE_CONSENTS), label: z.string(), granted: z.boolean(), changedAt: z.string().nullable(), pending: z.boolean().optional() });
export const Consents = z.object({
  privacy: z.object({ currentVersion: z.string(), acceptedVersion: z.string().nullable(), acceptedAt: z.string().nullable(), upToDate: z.boolean() }),
  items: z.array(ConsentItem),
  history: z.array(z.object({ kind: z.string(), label: z.string(), granted: z.boolean(), version: z.string().nullable(), at: z.string() })),
});

export const DeletionRequested = z.object({ status: z.literal('pending'), requestedAt: z.string(), scheduledFor: z.string(), opinions: z.enum(DELETION_OPINION_CHOICES) });
export const DeletionCancelled = z.object({ cancelled: z.boolean() });
export const AccessLog = z.object({ items: z.array(AccessEntry) });
