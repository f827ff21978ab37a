import { boolean, index, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonText, ref, utc } from '../columns';
import { complexes } from './places';
import { users } from './users';
import { DELETION_OPINION_CHOICES } from '../../../../shared/constants';

export const DELETION_STATUSES = ['pending', 'cancelled', 'executed'] as const;

/**
 * 注销账号: a resident's request to delete their account. It waits `scheduledFor` (7 days of
 * cooling-off), is cancelled by DELETE /me/deletion or by signing in again, and is then executed by
 * the privacy job (domain/privacy/deletion.ts). The row stays, pointing at the anonymised user.
 */
export const accountDeletions = mysqlTable(
  'account_deletions',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    status: mysqlEnum('status', DELETION_STATUSES).notNull().default('pending'),
    opinions: mysqlEnum('opinions', DELETION_OPINION_CHOICES).notNull().default('anonymise'),
    requestedAt: utc('requested_at').notNull(),
    scheduledFor: utc('scheduled_for').notNull(),
    cancelledAt: utc('cancelled_at'),
    /** user (DELETE /me/deletion) | sign_in */
    cancelReason: varchar('cancel_reason', { length: 16 }),
    executedAt: utc('executed_at'),
    createdAt: createdAt(),
  },
  (t) => [index('account_deletions_user_idx').on(t.userId, t.status), index('account_deletions_due_idx').on(t.status, t.scheduledFor)],
);

export const CONSENT_KINDS = ['privacy', 'location', 'subscribe', 'quiet_home'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/**
 * Every grant and withdrawal of a consent, with its time. The latest row per (user, kind) is the
 * current answer; no row means the feature's own default (see domain/privacy/consents.ts).
 */
export const consentEvents = mysqlTable(
  'consent_events',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    kind: mysqlEnum('kind', CONSENT_KINDS).notNull(),
    granted: boolean('granted').notNull(),
    /** the privacy notice version, for kind = privacy */
    version: varchar('version', { length: 16 }),
    at: utc('at').notNull(),
  },
  (t) => [index('consent_events_user_kind_idx').on(t.userId, t.kind, t.id)],
);

/**
 * Who looked (PII access log, 等保 2.0): each time a staff member (or a volunteer assignee) is
 * shown someone's full phone, address, real name or care note, one row per person shown.
 * Kept PII_ACCESS_LOG_DAYS, then purged by the retention job.
 */
export const piiAccessLog = mysqlTable(
  'pii_access_log',
  {
    id: id(),
    staffId: ref('staff_id').notNull().references(() => users.id),
    /** the viewer's role at the time (worker, street_admin, …, or volunteer) */
    staffRole: varchar('staff_role', { length: 16 }).notNull(),
    subjectId: ref('subject_id').notNull().references(() => users.id),
    complexId: ref('complex_id').references(() => complexes.id),
    fields: jsonText<string[]>('fields').notNull(),
    purpose: varchar('purpose', { length: 32 }).notNull(),
    /** the route, e.g. "GET /api/v1/care/queue" */
    endpoint: varchar('endpoint', { length: 120 }).notNull(),
    requestId: varchar('request_id', { length: 64 }),
    at: utc('at').notNull(),
  },
  (t) => [index('pii_access_subject_idx').on(t.subjectId, t.at), index('pii_access_at_idx').on(t.at), index('pii_access_staff_idx').on(t.staffId, t.at)],
);
