import { index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { id, jsonText, ref, utc } from '../columns';
import { users } from './users';

export const REMINDER_KINDS = ['day_before', 'hour_before', 'promoted'] as const;
export const REMINDER_TARGETS = ['activity', 'slot'] as const;

/**
 * One row per reminder told (提醒): the unique (target, booking, kind, start) makes each reminder
 * happen once whatever the number of job runs or servers — the job inserts the row first and
 * only the inserter tells the person. `pushedAt` is set by the one run that spends the WeChat
 * subscribe message (a conditional UPDATE), so a retry never sends it twice either.
 */
export const bookingReminders = mysqlTable(
  'booking_reminders',
  {
    id: id(),
    target: mysqlEnum('target', REMINDER_TARGETS).notNull(),
    bookingId: ref('booking_id').notNull(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    kind: mysqlEnum('kind', REMINDER_KINDS).notNull(),
    /** the start it reminds of: an activity moved to another time is reminded of again */
    startsAt: utc('starts_at').notNull(),
    /** the subscribe message to send: the page it opens and its template fields */
    page: varchar('page', { length: 200 }).notNull(),
    message: jsonText<Record<string, string>>('message').notNull(),
    pushedAt: utc('pushed_at'),
    pushOutcome: varchar('push_outcome', { length: 16 }),
    /** the job's clock (deps.clock), not the database's, so a frozen test clock holds */
    createdAt: utc('created_at').notNull(),
  },
  (t) => [uniqueIndex('booking_reminders_uq').on(t.target, t.bookingId, t.kind, t.startsAt), index('booking_reminders_push_idx').on(t.pushedAt, t.createdAt)],
);
