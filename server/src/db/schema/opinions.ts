import { index, int, mysqlEnum, mysqlTable, primaryKey, text, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { OPINION_RATINGS, OPINION_STATUSES, OPINION_VISIBILITIES } from '../../../../shared/opinions';
import { createdAt, id, ref, updatedAt, utc } from '../columns';
import { branches } from './branches';
import { complexes } from './places';
import { users } from './users';

/**
 * 民意: what a resident brings to their complex. `status` moves only through the state machine in
 * domain/opinions/workflow.ts; every move appends an `opinion_events` row (the timeline).
 */
export const opinions = mysqlTable(
  'opinions',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    category: varchar('category', { length: 16 }).notNull(),
    title: varchar('title', { length: 50 }).notNull(),
    content: text('content').notNull(),
    visibility: mysqlEnum('visibility', OPINION_VISIBILITIES).notNull().default('public'),
    status: mysqlEnum('status', OPINION_STATUSES).notNull(),
    /** why it is held for review: wechat_review | wechat_unavailable | no_openid */
    heldReason: varchar('held_reason', { length: 32 }),
    rejectReason: varchar('reject_reason', { length: 200 }),
    assigneeType: mysqlEnum('assignee_type', ['worker', 'department', 'branch']),
    assigneeUserId: ref('assignee_user_id').references(() => users.id),
    assigneeBranchId: ref('assignee_branch_id').references(() => branches.id),
    assigneeDepartment: varchar('assignee_department', { length: 64 }),
    reply: text('reply'),
    rating: mysqlEnum('rating', OPINION_RATINGS),
    ratingComment: varchar('rating_comment', { length: 500 }),
    reopenCount: tinyint('reopen_count').notNull().default(0),
    cosignCount: int('cosign_count').notNull().default(0),
    photoCount: int('photo_count').notNull().default(0),
    /** when it reached the inbox (submission, or release from review) */
    submittedAt: utc('submitted_at').notNull(),
    acceptDueAt: utc('accept_due_at'),
    acceptedAt: utc('accepted_at'),
    replyDueAt: utc('reply_due_at'),
    repliedAt: utc('replied_at'),
    closedAt: utc('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('opinions_complex_status_idx').on(t.complexId, t.status, t.id),
    index('opinions_user_idx').on(t.userId, t.id),
    index('opinions_public_idx').on(t.visibility, t.status, t.id),
    // the public list, newest first (keyset on id): walks public rows in id order, skipping the
    // few hidden statuses, instead of sorting every public row
    index('opinions_visibility_id_idx').on(t.visibility, t.id),
    index('opinions_submitted_idx').on(t.submittedAt),
    // the dashboard refresh job finds what changed since its last run (domain/dashboard/rollup.ts)
    index('opinions_updated_idx').on(t.updatedAt),
  ],
);

/** The timeline: who did what, when. Append-only. */
export const opinionEvents = mysqlTable(
  'opinion_events',
  {
    id: id(),
    opinionId: ref('opinion_id').notNull().references(() => opinions.id),
    actorId: ref('actor_id').references(() => users.id),
    action: varchar('action', { length: 32 }).notNull(),
    fromStatus: varchar('from_status', { length: 16 }),
    toStatus: varchar('to_status', { length: 16 }),
    note: varchar('note', { length: 1000 }).notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('opinion_events_opinion_idx').on(t.opinionId, t.id)],
);

/** Up to 3 photos per opinion; the file lives under UPLOAD_DIR/opinions/. */
export const opinionPhotos = mysqlTable(
  'opinion_photos',
  {
    id: id(),
    opinionId: ref('opinion_id').notNull().references(() => opinions.id),
    seq: tinyint('seq').notNull(),
    mime: varchar('mime', { length: 16 }).notNull(),
    bytes: int('bytes').notNull(),
    fileName: varchar('file_name', { length: 100 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('opinion_photos_seq_uq').on(t.opinionId, t.seq)],
);

/** 附议: one co-sign per person per opinion. */
export const opinionCosigns = mysqlTable(
  'opinion_cosigns',
  {
    opinionId: ref('opinion_id').notNull().references(() => opinions.id),
    userId: ref('user_id').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.opinionId, t.userId] }), index('opinion_cosigns_user_idx').on(t.userId)],
);
