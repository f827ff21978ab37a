import { boolean, double, index, int, mysqlEnum, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt, utc } from '../columns';
import { HELP_CATEGORIES, HELP_STATUSES } from '../../../../shared/helping';
import { complexes } from './places';
import { pointsHolds } from './points';
import { users } from './users';

/**
 * 邻里互助 (time bank): a verified resident asks a neighbour for a small help and holds the points
 * offered; a helper takes it, the requester confirms the match and, after the help, that it was
 * done (the hold settles to the helper). `address` is the exact place, shown only to the
 * requester, the matched helper (while open) and staff; `roughPlace` is what everyone sees.
 */
export const helpRequests = mysqlTable(
  'help_requests',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    /** whose request it is (pays, confirms); the senior when family posted it */
    requesterId: ref('requester_id').notNull().references(() => users.id),
    /** who typed it: the requester, or a linked family member (亲情代办) */
    postedBy: ref('posted_by').notNull().references(() => users.id),
    category: mysqlEnum('category', HELP_CATEGORIES).notNull(),
    title: varchar('title', { length: 40 }).notNull(),
    detail: varchar('detail', { length: 500 }).notNull().default(''),
    roughPlace: varchar('rough_place', { length: 60 }).notNull(),
    address: varchar('address', { length: 200 }).notNull(),
    lat: double('lat').notNull(),
    lng: double('lng').notNull(),
    fromAt: utc('from_at').notNull(),
    toAt: utc('to_at').notNull(),
    points: int('points').notNull(),
    status: mysqlEnum('status', HELP_STATUSES).notNull().default('open'),
    holdId: ref('hold_id').references(() => pointsHolds.id),
    helperId: ref('helper_id').references(() => users.id),
    takenAt: utc('taken_at'),
    matchedAt: utc('matched_at'),
    doneAt: utc('done_at'),
    closedAt: utc('closed_at'),
    /** after the match a cancel needs both sides: the first one who asked */
    cancelAskedBy: ref('cancel_asked_by').references(() => users.id),
    disputedBy: ref('disputed_by').references(() => users.id),
    disputeReason: varchar('dispute_reason', { length: 300 }),
    decision: mysqlEnum('decision', ['pay_helper', 'refund']),
    decisionNote: varchar('decision_note', { length: 300 }),
    decidedBy: ref('decided_by').references(() => users.id),
    /** the workers found the helper did not come: counts towards a helping suspension */
    helperNoShow: boolean('helper_no_show').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('help_requests_complex_status_idx').on(t.complexId, t.status, t.fromAt),
    index('help_requests_status_to_idx').on(t.status, t.toAt),
    index('help_requests_requester_idx').on(t.requesterId, t.id),
    index('help_requests_helper_idx').on(t.helperId, t.id),
  ],
);

/** Each side rates the other once per request. */
export const helpRatings = mysqlTable(
  'help_ratings',
  {
    requestId: ref('request_id').notNull().references(() => helpRequests.id),
    raterId: ref('rater_id').notNull().references(() => users.id),
    rateeId: ref('ratee_id').notNull().references(() => users.id),
    stars: int('stars').notNull(),
    comment: varchar('comment', { length: 200 }).notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.raterId] }), index('help_ratings_ratee_idx').on(t.rateeId)],
);
