import { index, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from '../columns';
import { complexes } from './places';
import { users } from './users';

/** Department party branches (机关党支部) that bring services to their paired complexes. */
export const branches = mysqlTable(
  'branches',
  {
    id: id(),
    name: varchar('name', { length: 100 }).notNull(),
    department: varchar('department', { length: 64 }).notNull(),
    secretary: varchar('secretary', { length: 32 }).notNull().default(''),
    contact: varchar('contact', { length: 32 }).notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('branches_name_uq').on(t.name)],
);

/** 结对: a branch may serve several complexes and a complex may have several branches. */
export const branchComplexes = mysqlTable(
  'branch_complexes',
  {
    branchId: ref('branch_id').notNull().references(() => branches.id),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.branchId, t.complexId] }), index('branch_complexes_complex_idx').on(t.complexId)],
);

/** Accounts that may act for a branch (role branch_admin). */
export const branchMembers = mysqlTable(
  'branch_members',
  {
    userId: ref('user_id').notNull().references(() => users.id),
    branchId: ref('branch_id').notNull().references(() => branches.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.branchId] }), index('branch_members_branch_idx').on(t.branchId)],
);
