import { index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { SIGNUP_STATUSES, VOLUNTEER_APPLICATION_STATUSES } from '../../../../shared/volunteer';
import { createdAt, id, jsonText, ref, updatedAt, utc } from '../columns';
import { activities } from './booking';
import { branches } from './branches';
import { complexes } from './places';
import { users } from './users';

/** A resident's volunteer registration (志愿者注册): one per user. */
export const volunteers = mysqlTable(
  'volunteers',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    realName: varchar('real_name', { length: 32 }).notNull(),
    skills: jsonText<string[]>('skills').notNull(),
    agreementVersion: varchar('agreement_version', { length: 16 }).notNull(),
    agreedAt: utc('agreed_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('volunteers_user_uq').on(t.userId)],
);

/** The complexes a volunteer asked to serve; a worker of each complex approves or declines. */
export const volunteerComplexes = mysqlTable(
  'volunteer_complexes',
  {
    id: id(),
    volunteerId: ref('volunteer_id').notNull().references(() => volunteers.id),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    status: mysqlEnum('status', VOLUNTEER_APPLICATION_STATUSES).notNull().default('pending'),
    decisionReason: varchar('decision_reason', { length: 200 }),
    decidedBy: ref('decided_by').references(() => users.id),
    decidedAt: utc('decided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('volunteer_complexes_uq').on(t.volunteerId, t.complexId),
    index('volunteer_complexes_complex_status_idx').on(t.complexId, t.status),
  ],
);

export const POST_STATUSES = ['published', 'cancelled'] as const;

/**
 * Volunteer posts (志愿岗位). `signedUpCount` is the stock counter taken with one conditional
 * UPDATE (`signed_up_count < positions`), so positions are never exceeded.
 */
export const volunteerPosts = mysqlTable(
  'volunteer_posts',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    /** a post attached to an activity or branch offering (owned by the booking domain) */
    activityId: ref('activity_id').references(() => activities.id),
    organizerBranchId: ref('organizer_branch_id').references(() => branches.id),
    createdBy: ref('created_by').notNull().references(() => users.id),
    title: varchar('title', { length: 60 }).notNull(),
    description: varchar('description', { length: 2000 }).notNull().default(''),
    location: varchar('location', { length: 100 }).notNull().default(''),
    startAt: utc('start_at').notNull(),
    endAt: utc('end_at').notNull(),
    positions: int('positions').notNull(),
    signedUpCount: int('signed_up_count').notNull().default(0),
    skills: jsonText<string[]>('skills').notNull(),
    pointsPerHour: int('points_per_hour').notNull().default(10),
    status: mysqlEnum('status', POST_STATUSES).notNull().default('published'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('volunteer_posts_complex_start_idx').on(t.complexId, t.startAt), index('volunteer_posts_start_idx').on(t.startAt, t.id)],
);

/**
 * A volunteer's place on a post: one row per (post, volunteer) — a cancelled row is revived on a
 * new sign-up. Minutes present are computed at check-out, clipped to the post's time; approval
 * fixes `approvedMinutes` and credits the ledger once (source `signup:<id>`).
 */
export const volunteerSignups = mysqlTable(
  'volunteer_signups',
  {
    id: id(),
    postId: ref('post_id').notNull().references(() => volunteerPosts.id),
    userId: ref('user_id').notNull().references(() => users.id),
    status: mysqlEnum('status', SIGNUP_STATUSES).notNull().default('signed_up'),
    checkedInAt: utc('checked_in_at'),
    checkedInBy: ref('checked_in_by').references(() => users.id),
    checkedOutAt: utc('checked_out_at'),
    checkedOutBy: ref('checked_out_by').references(() => users.id),
    presentMinutes: int('present_minutes'),
    approvedMinutes: int('approved_minutes'),
    adjustReason: varchar('adjust_reason', { length: 200 }),
    approvedBy: ref('approved_by').references(() => users.id),
    approvedAt: utc('approved_at'),
    pointsAwarded: int('points_awarded'),
    cancelledAt: utc('cancelled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('volunteer_signups_post_user_uq').on(t.postId, t.userId),
    index('volunteer_signups_user_idx').on(t.userId, t.status),
    index('volunteer_signups_post_status_idx').on(t.postId, t.status),
  ],
);
