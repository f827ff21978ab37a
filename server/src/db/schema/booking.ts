import { boolean, index, int, mysqlEnum, mysqlTable, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt, utc } from '../columns';
import { serviceItems } from './catalog';
import { branches } from './branches';
import { complexes, spaces } from './places';
import { users } from './users';

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled', 'finished'] as const;

/**
 * Activities residents book: talks, classes, health checks — and party-branch offerings
 * (送服务), which are activities with an organizing branch and a catalogue item.
 * `bookedCount`/`waitlistCount` are the stock counters taken with conditional UPDATEs.
 */
export const activities = mysqlTable(
  'activities',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    spaceId: ref('space_id').references(() => spaces.id),
    /** set for a party-branch offering */
    organizerBranchId: ref('organizer_branch_id').references(() => branches.id),
    serviceItemId: ref('service_item_id').references(() => serviceItems.id),
    createdBy: ref('created_by').notNull().references(() => users.id),
    title: varchar('title', { length: 60 }).notNull(),
    description: varchar('description', { length: 2000 }).notNull().default(''),
    category: varchar('category', { length: 16 }).notNull().default('其他'),
    audienceNote: varchar('audience_note', { length: 60 }).notNull().default(''),
    elderFriendly: boolean('elder_friendly').notNull().default(false),
    location: varchar('location', { length: 100 }).notNull().default(''),
    startAt: utc('start_at').notNull(),
    endAt: utc('end_at').notNull(),
    capacity: int('capacity').notNull(),
    bookedCount: int('booked_count').notNull().default(0),
    waitlistCapacity: int('waitlist_capacity').notNull().default(0),
    waitlistCount: int('waitlist_count').notNull().default(0),
    bookingOpensAt: utc('booking_opens_at'),
    bookingClosesAt: utc('booking_closes_at'),
    /** minutes before start after which a booking can no longer be cancelled (default 2 h) */
    cancelDeadlineMinutes: int('cancel_deadline_minutes').notNull().default(120),
    pointsReward: int('points_reward').notNull().default(0),
    volunteersNeeded: int('volunteers_needed').notNull().default(0),
    status: mysqlEnum('status', ACTIVITY_STATUSES).notNull().default('published'),
    /** set once the no-show sweep has run after the end */
    settledAt: utc('settled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('activities_complex_start_idx').on(t.complexId, t.startAt),
    index('activities_start_idx').on(t.startAt, t.id),
    index('activities_branch_start_idx').on(t.organizerBranchId, t.startAt),
  ],
);

export const BOOKING_STATUSES = ['booked', 'waitlisted', 'cancelled', 'checked_in', 'no_show'] as const;

/**
 * A resident's place at an activity. One active booking per user per activity is enforced by
 * the unique key on (activity, user, activeFlag): activeFlag is 1 while the booking holds a seat
 * or a waitlist place and NULL once cancelled (NULLs don't collide in a unique index).
 */
export const bookings = mysqlTable(
  'bookings',
  {
    id: id(),
    activityId: ref('activity_id').notNull().references(() => activities.id),
    userId: ref('user_id').notNull().references(() => users.id),
    status: mysqlEnum('status', BOOKING_STATUSES).notNull(),
    activeFlag: tinyint('active_flag'),
    /** FIFO order on the waitlist */
    waitlistSeq: int('waitlist_seq'),
    /** a family member who booked for the senior (亲情代办) */
    bookedBy: ref('booked_by').references(() => users.id),
    checkedInAt: utc('checked_in_at'),
    checkedInBy: ref('checked_in_by').references(() => users.id),
    cancelledAt: utc('cancelled_at'),
    cancelReason: varchar('cancel_reason', { length: 100 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('bookings_active_uq').on(t.activityId, t.userId, t.activeFlag),
    index('bookings_user_idx').on(t.userId, t.status),
    index('bookings_activity_status_idx').on(t.activityId, t.status, t.waitlistSeq),
  ],
);
