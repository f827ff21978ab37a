import { index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from '../columns';
import { complexes } from './places';
import { users } from './users';

export { POINTS_REASONS } from '../../../../shared/constants';

/** The balance row; changes only in the same transaction as the ledger entry it reflects. */
export const pointsAccounts = mysqlTable('points_accounts', {
  userId: ref('user_id').primaryKey().references(() => users.id),
  balance: int('balance').notNull().default(0),
  updatedAt: updatedAt(),
});

/** The append-only ledger (幸福荟积分). One source never pays twice: unique (reason, source, user). */
export const pointsEntries = mysqlTable(
  'points_entries',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    delta: int('delta').notNull(),
    reason: varchar('reason', { length: 32 }).notNull(),
    /** what paid or was paid for, e.g. "booking:42", "redemption:7" */
    source: varchar('source', { length: 100 }).notNull(),
    description: varchar('description', { length: 200 }).notNull(),
    balanceAfter: int('balance_after').notNull(),
    actorId: ref('actor_id').references(() => users.id),
    /** where the points were earned (volunteer post's complex, …); feeds the leaderboards */
    complexId: ref('complex_id').references(() => complexes.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('points_entries_reason_source_user_uq').on(t.reason, t.source, t.userId),
    index('points_entries_user_idx').on(t.userId, t.id),
    index('points_entries_user_reason_time_idx').on(t.userId, t.reason, t.createdAt),
    index('points_entries_time_idx').on(t.createdAt),
  ],
);

/**
 * Daily earning caps per reason (Asia/Shanghai day), editable by district admins at run time.
 * A reason without a row falls back to DAILY_EARN_CAPS in the ledger; `dailyCap` NULL = no cap.
 */
export const pointsCaps = mysqlTable('points_caps', {
  reason: varchar('reason', { length: 32 }).primaryKey(),
  dailyCap: int('daily_cap'),
  updatedBy: ref('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});
