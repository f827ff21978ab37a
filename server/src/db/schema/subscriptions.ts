import { int, mysqlTable, primaryKey, varchar } from 'drizzle-orm/mysql-core';
import { ref, updatedAt } from '../columns';
import { users } from './users';

/**
 * WeChat one-time subscriptions: every "allow" in wx.requestSubscribeMessage lets us send one
 * message of that template, so we keep a count and spend one per send.
 */
export const wechatSubscriptions = mysqlTable(
  'wechat_subscriptions',
  {
    userId: ref('user_id').notNull().references(() => users.id),
    templateId: varchar('template_id', { length: 64 }).notNull(),
    remaining: int('remaining').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.templateId] })],
);
