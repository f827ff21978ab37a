import { index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from '../columns';
import { activities } from './booking';
import { branches } from './branches';
import { users } from './users';

/**
 * The short record a branch writes after a session of one of its offerings (送服务): how many
 * people it served and notes. One per offering; an offering is an activity with an organizing
 * branch and a catalogue item (see booking.ts).
 */
export const offeringRecords = mysqlTable(
  'offering_records',
  {
    id: id(),
    activityId: ref('activity_id').notNull().references(() => activities.id),
    branchId: ref('branch_id').notNull().references(() => branches.id),
    peopleServed: int('people_served').notNull(),
    notes: varchar('notes', { length: 500 }).notNull().default(''),
    recordedBy: ref('recorded_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('offering_records_activity_uq').on(t.activityId), index('offering_records_branch_idx').on(t.branchId)],
);
