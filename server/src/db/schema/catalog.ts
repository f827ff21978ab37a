import { int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from '../columns';

/** The district service list ("服务清单"): 11 categories, about 60 items. */
export const serviceCategories = mysqlTable(
  'service_categories',
  {
    id: id(),
    name: varchar('name', { length: 32 }).notNull(),
    sortOrder: int('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('service_categories_name_uq').on(t.name)],
);

export const serviceItems = mysqlTable(
  'service_items',
  {
    id: id(),
    categoryId: ref('category_id').notNull().references(() => serviceCategories.id),
    name: varchar('name', { length: 64 }).notNull(),
    sortOrder: int('sort_order').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('service_items_category_name_uq').on(t.categoryId, t.name)],
);
