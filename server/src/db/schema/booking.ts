import { ACTIVITY_CANCEL_DEADLINE_MINUTES } from '../../../../shared/constants';
// the status lists live in shared/ (the mini-program uses them too)
import { ACTIVITY_STATUSES, BOOKING_STATUSES, SLOT_BOOKING_STATUSES } from '../../../../shared/booking';
import { boolean, index, int, mysqlEnum, mysqlTable, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonText, ref, updatedAt, utc } from '../columns';
import { serviceItems } from './catalog';
import { branches } from './branches';
import { complexes, spaces } from './places';
import { users } from './users';

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
    cancelDeadlineMinutes: int('cancel_deadline_minutes').notNull().default(ACTIVITY_CANCEL_DEADLINE_MINUTES),
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
    // the default list (published, soonest first, keyset on start_at, id): past activities are
    // 'finished' once settled, so this range skips them however many there are
    index('activities_status_start_idx').on(t.status, t.startAt, t.id),
    index('activities_branch_start_idx').on(t.organizerBranchId, t.startAt),
  ],
);


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
    /** position on the waitlist when it was joined (FIFO order itself is by id) */
    waitlistSeq: int('waitlist_seq'),
    /**
     * the activity's end, copied here (and kept in step when the activity is edited) so the
     * per-user quota and the no-show sweep read one index instead of joining activities on the
     * hot path
     */
    endsAt: utc('ends_at').notNull(),
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
    index('bookings_user_active_idx').on(t.userId, t.activeFlag, t.endsAt),
    // my bookings, newest first (keyset on id)
    index('bookings_user_id_idx').on(t.userId, t.id),
    index('bookings_user_status_idx').on(t.userId, t.status, t.endsAt),
    index('bookings_status_ends_idx').on(t.status, t.endsAt),
    index('bookings_activity_status_idx').on(t.activityId, t.status, t.id),
    // the dashboard refresh job finds what changed since its last run (domain/dashboard/rollup.ts)
    index('bookings_updated_idx').on(t.updatedAt),
  ],
);

/** One opening window of a weekday, local Asia/Shanghai wall time "HH:mm". */
export interface OpeningWindow {
  open: string;
  close: string;
}
/** Opening hours by ISO weekday: key "1" (Monday) … "7" (Sunday); a missing/empty day is closed. */
export type WeeklyHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', OpeningWindow[]>>;

/**
 * How a bookable space is booked in time slots: opening hours per weekday, slot length, places
 * per slot (gym 20, shared kitchen 1 = exclusive), how far ahead, and per-user quotas.
 */
export const spaceRules = mysqlTable('space_rules', {
  spaceId: ref('space_id')
    .primaryKey()
    .references(() => spaces.id),
  weeklyHours: jsonText<WeeklyHours>('weekly_hours').notNull(),
  slotMinutes: int('slot_minutes').notNull().default(60),
  capacityPerSlot: int('capacity_per_slot').notNull(),
  daysAhead: int('days_ahead').notNull().default(7),
  perUserPerDay: int('per_user_per_day').notNull().default(2),
  perUserPerWeek: int('per_user_per_week').notNull().default(5),
  /** minutes before the slot starts after which a booking can no longer be cancelled */
  cancelDeadlineMinutes: int('cancel_deadline_minutes').notNull().default(30),
  enabled: boolean('enabled').notNull().default(true),
  updatedBy: ref('updated_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Days a space cannot be booked (holidays, maintenance), set by the complex's workers. */
export const spaceBlackouts = mysqlTable(
  'space_blackouts',
  {
    id: id(),
    spaceId: ref('space_id')
      .notNull()
      .references(() => spaces.id),
    /** YYYY-MM-DD in Asia/Shanghai */
    day: varchar('day', { length: 10 }).notNull(),
    reason: varchar('reason', { length: 60 }).notNull().default(''),
    createdBy: ref('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('space_blackouts_space_day_uq').on(t.spaceId, t.day)],
);

/**
 * The stock counter of one time slot of a space, created on first booking. Places are taken
 * with a conditional UPDATE on this row (`booked_count < capacity`).
 */
export const spaceSlots = mysqlTable(
  'space_slots',
  {
    id: id(),
    spaceId: ref('space_id')
      .notNull()
      .references(() => spaces.id),
    startAt: utc('start_at').notNull(),
    endAt: utc('end_at').notNull(),
    /** YYYY-MM-DD in Asia/Shanghai of the start: the quota day, never shifted by the server zone */
    day: varchar('day', { length: 10 }).notNull(),
    capacity: int('capacity').notNull(),
    bookedCount: int('booked_count').notNull().default(0),
    settledAt: utc('settled_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('space_slots_space_start_uq').on(t.spaceId, t.startAt), index('space_slots_end_idx').on(t.endAt)],
);

/** A resident's place in a space slot; one active per user per slot (same activeFlag trick). */
export const slotBookings = mysqlTable(
  'slot_bookings',
  {
    id: id(),
    slotId: ref('slot_id')
      .notNull()
      .references(() => spaceSlots.id),
    spaceId: ref('space_id')
      .notNull()
      .references(() => spaces.id),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    status: mysqlEnum('status', SLOT_BOOKING_STATUSES).notNull(),
    activeFlag: tinyint('active_flag'),
    /** copies of the slot's start/end/day for quota counting and the no-show sweep */
    startsAt: utc('starts_at').notNull(),
    endsAt: utc('ends_at').notNull(),
    day: varchar('day', { length: 10 }).notNull(),
    checkedInAt: utc('checked_in_at'),
    checkedInBy: ref('checked_in_by').references(() => users.id),
    cancelledAt: utc('cancelled_at'),
    cancelReason: varchar('cancel_reason', { length: 100 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('slot_bookings_active_uq').on(t.slotId, t.userId, t.activeFlag),
    index('slot_bookings_user_day_idx').on(t.userId, t.activeFlag, t.day),
    index('slot_bookings_user_status_idx').on(t.userId, t.status, t.endsAt),
    index('slot_bookings_status_ends_idx').on(t.status, t.endsAt),
    index('slot_bookings_space_start_idx').on(t.spaceId, t.startsAt),
  ],
);

/** Booking suspensions after repeated no-shows (3 within 30 days → 7 days). */
export const bookingSuspensions = mysqlTable(
  'booking_suspensions',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    startsAt: utc('starts_at').notNull(),
    endsAt: utc('ends_at').notNull(),
    noShows: int('no_shows').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('booking_suspensions_user_idx').on(t.userId, t.endsAt)],
);
