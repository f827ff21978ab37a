import { decimal, index, int, mysqlEnum, mysqlTable, primaryKey, text, varchar } from 'drizzle-orm/mysql-core';
import { ref, updatedAt, utc } from '../columns';
import { opinions } from './opinions';
import { complexes } from './places';
import { users } from './users';

/**
 * 数智平台 daily roll-up: one row per complex per Asia/Shanghai day, recomputed from the raw tables
 * by domain/dashboard/rollup.ts (the refresh job, at most a minute behind). Every column equals
 * the same aggregate taken straight from the raw tables (see rollup.test.ts).
 */
export const dashboardDaily = mysqlTable(
  'dashboard_daily',
  {
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    /** YYYY-MM-DD in Asia/Shanghai */
    day: varchar('day', { length: 10 }).notNull(),
    /** activity bookings holding a seat (booked, checked_in, no_show) of activities starting that day */
    bookings: int('bookings').notNull().default(0),
    checkIns: int('check_ins').notNull().default(0),
    /** distinct residents checked in to an activity that day */
    residentsServed: int('residents_served').notNull().default(0),
    /** approved volunteer minutes of posts starting that day */
    volunteerMinutes: int('volunteer_minutes').notNull().default(0),
    /** released opinions submitted that day (not pending_review / blocked) */
    opinions: int('opinions').notNull().default(0),
    careRequests: int('care_requests').notNull().default(0),
    /** star ratings (1–5) given that day: evaluations, care ratings, opinion answers */
    satisfactionSum: int('satisfaction_sum').notNull().default(0),
    satisfactionCount: int('satisfaction_count').notNull().default(0),
    /** of the opinions submitted that day: accept deadline decided (accepted/rejected or passed) */
    acceptMeasured: int('accept_measured').notNull().default(0),
    acceptOnTime: int('accept_on_time').notNull().default(0),
    replyMeasured: int('reply_measured').notNull().default(0),
    replyOnTime: int('reply_on_time').notNull().default(0),
    /** answered (replied or closed) and not rated unsatisfied */
    resolved: int('resolved').notNull().default(0),
    /** hours from submission to the first response (accept or reject), sorted, 2 decimals */
    firstResponseHours: text('first_response_hours').notNull(),
    /** party-branch sessions held (an offering whose branch filed its record) */
    branchSessions: int('branch_sessions').notNull().default(0),
    refreshedAt: utc('refreshed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.complexId, t.day] }), index('dashboard_daily_day_idx').on(t.day)],
);

/** The refresh job's watermark (one row, id 1): everything changed before it is rolled up. */
export const dashboardRefreshState = mysqlTable('dashboard_refresh_state', {
  id: int('id').primaryKey(),
  /** database wall time the last run started (compared with the rows' updated_at) */
  lastRunAt: utc('last_run_at').notNull(),
  /** the server clock then (deadlines that passed since are re-measured) */
  lastClockAt: utc('last_clock_at').notNull(),
  updatedAt: updatedAt(),
});

/** 活跃指数 weights, set by district admins; a key without a row uses DEFAULT_WEIGHTS. */
export const dashboardIndexWeights = mysqlTable('dashboard_index_weights', {
  key: varchar('term_key', { length: 32 }).primaryKey(),
  weight: decimal('weight', { precision: 6, scale: 4, mode: 'number' }).notNull(),
  updatedBy: ref('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

/** The terms of one opinion, segmented once by the refresh job (never on a request). */
export const opinionTerms = mysqlTable('opinion_terms', {
  opinionId: ref('opinion_id')
    .primaryKey()
    .references(() => opinions.id),
  terms: text('terms').notNull(),
});

/**
 * 民意热度 roll-up: per complex, day and visibility, each term's weight (Σ 1 + co-signs over the
 * released opinions submitted that day mentioning it) and opinion count. The row with term ''
 * carries the number of those opinions (weight = opinions = count), so counts need no scan.
 */
export const hotTopicDaily = mysqlTable(
  'hot_topic_daily',
  {
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    day: varchar('day', { length: 10 }).notNull(),
    visibility: mysqlEnum('visibility', ['public', 'private']).notNull(),
    term: varchar('term', { length: 32 }).notNull(),
    weight: int('weight').notNull(),
    opinions: int('opinions').notNull(),
  },
  (t) => [primaryKey({ columns: [t.complexId, t.day, t.visibility, t.term] }), index('hot_topic_daily_day_idx').on(t.day, t.complexId)],
);
