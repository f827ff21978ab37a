import { index, int, mysqlEnum, mysqlTable, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { sql } from 'drizzle-orm';
import { createdAt, id, jsonText, ref, utc } from '../columns';
import { users } from './users';

/** Append-only record of sign-ins and every staff action. Never updated; purged after AUDIT_LOG_DAYS (domain/privacy/retention.ts). */
export const auditLogs = mysqlTable(
  'audit_logs',
  {
    id: id(),
    actorId: ref('actor_id').references(() => users.id),
    /** set when a family member acts for a senior (亲情代办) */
    onBehalfOf: ref('on_behalf_of').references(() => users.id),
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 32 }),
    targetId: varchar('target_id', { length: 64 }),
    detail: jsonText<Record<string, unknown>>('detail'),
    ip: varchar('ip', { length: 64 }),
    requestId: varchar('request_id', { length: 64 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_logs_actor_idx').on(t.actorId, t.createdAt),
    index('audit_logs_target_idx').on(t.targetType, t.targetId),
    // a senior's list of what family members did for them (GET /me/proxy-actions)
    index('audit_logs_on_behalf_idx').on(t.onBehalfOf, t.id),
    // the retention job deletes by age
    index('audit_logs_created_idx').on(t.createdAt),
  ],
);

/** Idempotency-Key records: the same key from the same user returns the first result. */
export const idempotencyKeys = mysqlTable(
  'idempotency_keys',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    key: varchar('idem_key', { length: 128 }).notNull(),
    scope: varchar('scope', { length: 160 }).notNull(),
    /** sha256 of method, path and body: the same key with another body is refused */
    requestHash: varchar('request_hash', { length: 64 }),
    state: mysqlEnum('state', ['pending', 'done']).notNull().default('pending'),
    responseStatus: int('response_status'),
    responseBody: text('response_body'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('idempotency_user_key_uq').on(t.userId, t.key), index('idempotency_created_idx').on(t.createdAt)],
);

/** In-app message centre (消息中心). */
export const notifications = mysqlTable(
  'notifications',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    kind: varchar('kind', { length: 32 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    body: varchar('body', { length: 500 }).notNull().default(''),
    link: varchar('link', { length: 200 }),
    readAt: utc('read_at'),
    /**
     * Repeated notices of one kind fold into one unread row ("3 条新意见"): `foldKey` names the
     * stream, `foldCount` how many it holds. `openFoldKey` is the key while unread (NULL once read),
     * so the unique index lets exactly one unread row per (user, stream) exist and concurrent
     * notices upsert into it instead of racing to insert.
     */
    foldKey: varchar('fold_key', { length: 64 }),
    foldCount: int('fold_count').notNull().default(1),
    openFoldKey: varchar('open_fold_key', { length: 64 }).generatedAlwaysAs(sql`(case when \`read_at\` is null then \`fold_key\` end)`, { mode: 'stored' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    uniqueIndex('notifications_open_fold_uq').on(t.userId, t.openFoldKey),
    index('notifications_created_idx').on(t.createdAt),
  ],
);
