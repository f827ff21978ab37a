import { index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt, utc } from '../columns';
import { complexes } from './places';
import { users } from './users';

export { POINTS_REASONS } from '../../../../shared/constants';

/**
 * The balance row; changes only in the same transaction as the ledger entry it reflects.
 * `held` is the sum of the user's open holds (邻里互助 requests): still the user's points
 * (balance = Σ entries), but not spendable: available = balance − held, and 0 ≤ held ≤ balance.
 */
export const pointsAccounts = mysqlTable('points_accounts', {
  userId: ref('user_id').primaryKey().references(() => users.id),
  balance: int('balance').notNull().default(0),
  held: int('held').notNull().default(0),
  updatedAt: updatedAt(),
});

export const POINTS_HOLD_STATUSES = ['held', 'released', 'settled'] as const;

/**
 * A hold on part of a balance (not a debit): posting a help request holds its points; expiry or a
 * cancel releases them; the requester's confirmation settles them (a debit and the helper's
 * credit). One source holds once: unique (source, user). Changes under the account's row lock.
 */
export const pointsHolds = mysqlTable(
  'points_holds',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    amount: int('amount').notNull(),
    /** what holds, e.g. "help:12" */
    source: varchar('source', { length: 100 }).notNull(),
    status: mysqlEnum('status', POINTS_HOLD_STATUSES).notNull().default('held'),
    createdAt: createdAt(),
    closedAt: utc('closed_at'),
  },
  (t) => [uniqueIndex('points_holds_source_user_uq').on(t.source, t.userId), index('points_holds_user_status_idx').on(t.userId, t.status)],
);

/** A complex's 至善 pool: residents donate to it, its workers spend it for residents in need. */
export const pointsPools = mysqlTable('points_pools', {
  complexId: ref('complex_id').primaryKey().references(() => complexes.id),
  balance: int('balance').notNull().default(0),
  updatedAt: updatedAt(),
});

/** The pool's append-only ledger: balance = Σ delta, balanceAfter chained as for users. */
export const pointsPoolEntries = mysqlTable(
  'points_pool_entries',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    delta: int('delta').notNull(),
    reason: mysqlEnum('reason', ['donation', 'grant']).notNull(),
    source: varchar('source', { length: 100 }).notNull(),
    description: varchar('description', { length: 200 }).notNull(),
    balanceAfter: int('balance_after').notNull(),
    /** the donor or the resident the pool was spent for */
    userId: ref('user_id').references(() => users.id),
    actorId: ref('actor_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('points_pool_entries_source_uq').on(t.complexId, t.reason, t.source), index('points_pool_entries_complex_idx').on(t.complexId, t.id)],
);

/** A transfer between two people or into a pool; both ledger entries name it as "transfer:<id>". */
export const pointsTransfers = mysqlTable(
  'points_transfers',
  {
    id: id(),
    fromUserId: ref('from_user_id').notNull().references(() => users.id),
    toUserId: ref('to_user_id').references(() => users.id),
    poolComplexId: ref('pool_complex_id').references(() => complexes.id),
    points: int('points').notNull(),
    note: varchar('note', { length: 100 }).notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('points_transfers_from_idx').on(t.fromUserId, t.createdAt), index('points_transfers_to_idx').on(t.toUserId)],
);

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
