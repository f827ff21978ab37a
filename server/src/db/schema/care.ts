import { CARE_KINDS, CARE_STATUSES } from '../../../../shared/constants';
import { index, mysqlEnum, mysqlTable, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt, utc } from '../columns';
import { complexes } from './places';
import { users } from './users';

/**
 * One-tap elderly care (一键养老): a request made by a senior, or by a linked family member for
 * them, handled by the workers of the senior's complex. `priority` is 1 for an emergency so the
 * queue index (complex, status, priority, created) serves "emergencies first, then oldest first".
 * Address and phone are copied when the request is made: they are where help goes that day, even
 * if the senior edits the profile later. The phone stays encrypted like users.phone_enc.
 */
export const careRequests = mysqlTable(
  'care_requests',
  {
    id: id(),
    seniorId: ref('senior_id').notNull().references(() => users.id),
    /** who pressed the button: the senior, or a family member acting for them */
    requestedBy: ref('requested_by').notNull().references(() => users.id),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    kind: mysqlEnum('kind', CARE_KINDS).notNull(),
    priority: tinyint('priority').notNull().default(0),
    status: mysqlEnum('status', CARE_STATUSES).notNull().default('submitted'),
    note: varchar('note', { length: 200 }).notNull().default(''),
    address: varchar('address', { length: 200 }).notNull(),
    phoneEnc: varchar('phone_enc', { length: 200 }),
    phoneMasked: varchar('phone_masked', { length: 16 }),
    /** the worker or volunteer sent to the senior */
    assigneeId: ref('assignee_id').references(() => users.id),
    acceptedAt: utc('accepted_at'),
    acceptedBy: ref('accepted_by').references(() => users.id),
    dispatchedAt: utc('dispatched_at'),
    startedAt: utc('started_at'),
    completedAt: utc('completed_at'),
    cancelledAt: utc('cancelled_at'),
    cancelledBy: ref('cancelled_by').references(() => users.id),
    cancelReason: varchar('cancel_reason', { length: 100 }),
    rating: tinyint('rating'),
    ratingComment: varchar('rating_comment', { length: 300 }),
    ratedAt: utc('rated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('care_requests_queue_idx').on(t.complexId, t.status, t.priority, t.createdAt),
    index('care_requests_senior_idx').on(t.seniorId, t.id),
    index('care_requests_assignee_idx').on(t.assigneeId, t.status),
  ],
);

/** The timeline of a care request: every status change, who made it and for whom. */
export const careEvents = mysqlTable(
  'care_events',
  {
    id: id(),
    requestId: ref('request_id').notNull().references(() => careRequests.id),
    status: mysqlEnum('status', CARE_STATUSES).notNull(),
    actorId: ref('actor_id').notNull().references(() => users.id),
    onBehalfOf: ref('on_behalf_of').references(() => users.id),
    note: varchar('note', { length: 200 }).notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('care_events_request_idx').on(t.requestId, t.id)],
);

export const FAMILY_LINK_STATUSES = ['pending', 'active', 'declined', 'revoked'] as const;

/**
 * 亲情代办: a family member who may act for a senior. A link only becomes active with a code the
 * senior's own signed-in device produced (family_link_codes), so nobody links to a senior
 * without them. One row per (senior, family) pair, reused when they link again.
 */
export const familyLinks = mysqlTable(
  'family_links',
  {
    id: id(),
    seniorId: ref('senior_id').notNull().references(() => users.id),
    familyId: ref('family_id').notNull().references(() => users.id),
    relation: varchar('relation', { length: 16 }).notNull().default('家人'),
    status: mysqlEnum('status', FAMILY_LINK_STATUSES).notNull().default('pending'),
    requestedAt: utc('requested_at').notNull(),
    confirmedAt: utc('confirmed_at'),
    endedAt: utc('ended_at'),
    endedBy: ref('ended_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('family_links_pair_uq').on(t.seniorId, t.familyId), index('family_links_family_idx').on(t.familyId, t.status)],
);

/**
 * Six-digit consent codes shown on the senior's device. Stored as an HMAC, valid 10 minutes,
 * used once, and void after a few wrong guesses. `linkId` ties a code to one pending request;
 * a code without it lets whoever the senior tells it to link (with the senior's phone number).
 */
export const familyLinkCodes = mysqlTable(
  'family_link_codes',
  {
    id: id(),
    seniorId: ref('senior_id').notNull().references(() => users.id),
    linkId: ref('link_id').references(() => familyLinks.id),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    expiresAt: utc('expires_at').notNull(),
    failedAttempts: tinyint('failed_attempts').notNull().default(0),
    usedAt: utc('used_at'),
    usedBy: ref('used_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('family_link_codes_senior_idx').on(t.seniorId, t.expiresAt)],
);

/**
 * What a requester tried on the family-link endpoints: each link request (whether or not the
 * phone is registered) and each wrong consent code. Per-requester limits count these rows under
 * the requester's own row lock, so they hold when many requests arrive at once; a wrong guess
 * never counts against the senior.
 */
export const familyLinkAttempts = mysqlTable(
  'family_link_attempts',
  {
    id: id(),
    familyId: ref('family_id').notNull().references(() => users.id),
    kind: mysqlEnum('kind', ['request', 'bad_code']).notNull(),
    at: utc('at').notNull(),
  },
  (t) => [index('family_link_attempts_idx').on(t.familyId, t.kind, t.at)],
);
