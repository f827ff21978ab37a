import { char, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { REDEMPTION_STATUSES, REWARD_KINDS } from '../../../../shared/volunteer';
import { createdAt, id, ref, updatedAt, utc } from '../columns';
import { complexes } from './places';
import { users } from './users';

export const REWARD_STATUSES = ['active', 'archived'] as const;

/**
 * The rewards catalogue of a complex (积分兑换): services or goods. `stock` is taken with one
 * conditional UPDATE (`stock > 0`) in the same transaction as the ledger debit.
 */
export const rewards = mysqlTable(
  'rewards',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    kind: mysqlEnum('kind', REWARD_KINDS).notNull(),
    name: varchar('name', { length: 60 }).notNull(),
    description: varchar('description', { length: 500 }).notNull().default(''),
    pointsCost: int('points_cost').notNull(),
    stock: int('stock').notNull(),
    /** redemptions per user that are not cancelled; 0 = no limit */
    perUserLimit: int('per_user_limit').notNull().default(1),
    validFrom: utc('valid_from'),
    validUntil: utc('valid_until'),
    status: mysqlEnum('status', REWARD_STATUSES).notNull().default('active'),
    createdBy: ref('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('rewards_complex_name_uq').on(t.complexId, t.name), index('rewards_complex_status_idx').on(t.complexId, t.status)],
);

/**
 * One redemption: the points debited (ledger source `redemption:<id>`) and one unit of stock.
 * `shortCode` is the 8 digits a counter worker can type when the QR cannot be scanned.
 */
export const redemptions = mysqlTable(
  'redemptions',
  {
    id: id(),
    rewardId: ref('reward_id').notNull().references(() => rewards.id),
    userId: ref('user_id').notNull().references(() => users.id),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    pointsCost: int('points_cost').notNull(),
    status: mysqlEnum('status', REDEMPTION_STATUSES).notNull().default('pending'),
    shortCode: char('short_code', { length: 8 }).notNull(),
    fulfilledAt: utc('fulfilled_at'),
    fulfilledBy: ref('fulfilled_by').references(() => users.id),
    cancelledAt: utc('cancelled_at'),
    cancelledBy: ref('cancelled_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('redemptions_short_code_uq').on(t.shortCode),
    index('redemptions_user_reward_idx').on(t.userId, t.rewardId, t.status),
    index('redemptions_user_idx').on(t.userId, t.id),
  ],
);
