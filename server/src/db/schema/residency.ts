import { index, mysqlTable } from 'drizzle-orm/mysql-core';
import { ref, utc } from '../columns';
import { complexes } from './places';
import { users } from './users';

/**
 * A resident's claim on a home complex and its verification. `users.home_complex_id` is the
 * claimed home (what other domains read); this row says when it was claimed and whether a worker
 * of that complex verified it. Moving home replaces the row, so a verification never carries over.
 */
export const residencies = mysqlTable(
  'residencies',
  {
    userId: ref('user_id').primaryKey().references(() => users.id),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    claimedAt: utc('claimed_at').notNull(),
    verifiedAt: utc('verified_at'),
    verifiedBy: ref('verified_by').references(() => users.id),
  },
  (t) => [index('residencies_complex_idx').on(t.complexId, t.verifiedAt)],
);
