import { ROLES } from '../../../../shared/constants';
import type { AvatarKey } from '../../../../shared/avatars';
import { boolean, char, date, index, mysqlEnum, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt, utc } from '../columns';
import { complexes, streets } from './places';

export { ROLES } from '../../../../shared/constants';

/**
 * People. The phone number is never stored in clear: `phoneHash` (HMAC) finds a user by phone,
 * `phoneEnc` (AES-GCM) lets staff call a senior back, `phoneMasked` is what every response shows.
 */
export const users = mysqlTable(
  'users',
  {
    id: id(),
    role: mysqlEnum('role', ROLES).notNull().default('resident'),
    nickname: varchar('nickname', { length: 32 }).notNull().default(''),
    realName: varchar('real_name', { length: 32 }),
    openid: varchar('openid', { length: 64 }),
    unionid: varchar('unionid', { length: 64 }),
    phoneHash: char('phone_hash', { length: 64 }),
    phoneEnc: varchar('phone_enc', { length: 200 }),
    phoneMasked: varchar('phone_masked', { length: 16 }),
    birthDate: date('birth_date', { mode: 'string' }),
    elderMode: boolean('elder_mode').notNull().default(false),
    elderModeOffered: boolean('elder_mode_offered').notNull().default(false),
    address: varchar('address', { length: 200 }),
    /** a preset avatar key (shared/avatars.ts); null = the nickname's first character */
    avatar: varchar('avatar', { length: 16 }).$type<AvatarKey>(),
    homeComplexId: ref('home_complex_id').references(() => complexes.id),
    /** the 镇街 a street admin (street_admin) works for */
    streetId: ref('street_id').references(() => streets.id),
    disabled: boolean('disabled').notNull().default(false),
    /** set when the account was deleted (注销): the row stays for the records that point at it, empty */
    deletedAt: utc('deleted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_openid_uq').on(t.openid), uniqueIndex('users_phone_hash_uq').on(t.phoneHash)],
);

/** The complexes a worker (社区工作者/运营方) works for. */
export const staffComplexes = mysqlTable(
  'staff_complexes',
  {
    userId: ref('user_id').notNull().references(() => users.id),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.complexId] }), index('staff_complexes_complex_idx').on(t.complexId)],
);

/** One row per login; revoking it kills every token issued under it. */
export const authSessions = mysqlTable(
  'auth_sessions',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    method: mysqlEnum('method', ['wechat', 'dev']).notNull(),
    revokedAt: utc('revoked_at'),
    revokeReason: varchar('revoke_reason', { length: 32 }),
    createdAt: createdAt(),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

/** Rotating refresh tokens, stored as SHA-256 hashes. A used token presented again = theft. */
export const refreshTokens = mysqlTable(
  'refresh_tokens',
  {
    id: id(),
    sessionId: ref('session_id').notNull().references(() => authSessions.id),
    tokenHash: char('token_hash', { length: 64 }).notNull(),
    expiresAt: utc('expires_at').notNull(),
    usedAt: utc('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_uq').on(t.tokenHash), index('refresh_tokens_session_idx').on(t.sessionId)],
);

/** Consent to the privacy notice, per version. */
export const privacyConsents = mysqlTable(
  'privacy_consents',
  {
    id: id(),
    userId: ref('user_id').notNull().references(() => users.id),
    version: varchar('version', { length: 16 }).notNull(),
    acceptedAt: createdAt(),
  },
  (t) => [uniqueIndex('privacy_consents_user_version_uq').on(t.userId, t.version)],
);
