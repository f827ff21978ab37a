import { double, index, int, mysqlEnum, mysqlTable, primaryKey, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { ALERT_KINDS, ALERT_STATUSES, DEVICE_KINDS } from '../../../../shared/api/devices';
import { createdAt, id, ref, updatedAt, utc } from '../columns';
import { careRequests } from './care';
import { complexes, spaces } from './places';
import { users } from './users';

/**
 * 智能物联: a sensor of a complex. `deviceKey` names its MQTT topics; `secret` signs its messages
 * (HMAC-SHA256), kept encrypted with PII_KEY and shown to staff once at registration.
 * The live state (last value, status) is in device_states, written in batches by the ingest.
 */
export const devices = mysqlTable(
  'devices',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    spaceId: ref('space_id').references(() => spaces.id),
    /** elder_motion: the senior at whose home it is installed (亲情守护) */
    seniorId: ref('senior_id').references(() => users.id),
    kind: mysqlEnum('kind', DEVICE_KINDS).notNull(),
    name: varchar('name', { length: 64 }).notNull(),
    deviceKey: varchar('device_key', { length: 40 }).notNull(),
    secretEnc: varchar('secret_enc', { length: 200 }).notNull(),
    createdBy: ref('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('devices_key_uq').on(t.deviceKey),
    index('devices_complex_idx').on(t.complexId, t.id),
    index('devices_space_idx').on(t.spaceId, t.kind),
    index('devices_senior_idx').on(t.seniorId),
  ],
);

/** Last value and status of each device; upserted in one statement per ingest batch. */
export const deviceStates = mysqlTable('device_states', {
  deviceId: ref('device_id').primaryKey().references(() => devices.id),
  status: mysqlEnum('status', ['online', 'offline']).notNull().default('offline'),
  lastValue: double('last_value'),
  lastTs: utc('last_ts'),
  lastSeenAt: utc('last_seen_at'),
  statusChangedAt: utc('status_changed_at'),
  /** when the current boolean value (door open, smoke) began */
  valueSince: utc('value_since'),
  lastMotionAt: utc('last_motion_at'),
  mutedUntil: utc('muted_until'),
  floodFlaggedAt: utc('flood_flagged_at'),
  updatedAt: updatedAt(),
});

/** Dropped messages, counted per device and reason (the messages themselves are never stored). */
export const deviceRejections = mysqlTable(
  'device_rejections',
  {
    deviceId: ref('device_id').notNull().references(() => devices.id),
    reason: varchar('reason', { length: 24 }).notNull(),
    count: int('count').notNull().default(0),
    lastAt: utc('last_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.reason] })],
);

/**
 * Dropped messages that name no registered device (an unknown device key, a topic that is not
 * ours), counted per reason for the whole server: they belong to no complex's device row.
 */
export const deviceUnattributedRejections = mysqlTable('device_unattributed_rejections', {
  reason: varchar('reason', { length: 24 }).primaryKey(),
  count: int('count').notNull().default(0),
  lastAt: utc('last_at').notNull(),
});

/** Raw accepted messages, kept 7 days (pruned in batches). */
export const deviceReadings = mysqlTable(
  'device_readings',
  {
    id: id(),
    deviceId: ref('device_id').notNull(),
    ts: utc('ts').notNull(),
    value: double('value').notNull(),
    receivedAt: utc('received_at').notNull(),
  },
  (t) => [index('device_readings_device_ts_idx').on(t.deviceId, t.ts), index('device_readings_received_idx').on(t.receivedAt)],
);

/** One-minute roll-ups per device, kept 90 days. */
export const deviceRollups = mysqlTable(
  'device_rollups',
  {
    deviceId: ref('device_id').notNull(),
    minute: utc('minute').notNull(),
    count: int('count').notNull(),
    sum: double('sum').notNull(),
    min: double('min').notNull(),
    max: double('max').notNull(),
    last: double('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.minute] }), index('device_rollups_minute_idx').on(t.minute)],
);

/**
 * An alert raised by a rule. `openKey` ("deviceId:kind") is set until the alert is resolved and is
 * unique, so one rule episode opens exactly one alert however many messages (or servers) see it.
 */
export const deviceAlerts = mysqlTable(
  'device_alerts',
  {
    id: id(),
    complexId: ref('complex_id').notNull().references(() => complexes.id),
    deviceId: ref('device_id').notNull().references(() => devices.id),
    kind: mysqlEnum('kind', ALERT_KINDS).notNull(),
    status: mysqlEnum('status', ALERT_STATUSES).notNull().default('open'),
    openKey: varchar('open_key', { length: 48 }),
    message: varchar('message', { length: 200 }).notNull(),
    openedAt: utc('opened_at').notNull(),
    ackedAt: utc('acked_at'),
    ackedBy: ref('acked_by').references(() => users.id),
    resolvedAt: utc('resolved_at'),
    resolvedBy: ref('resolved_by').references(() => users.id),
    resolveNote: varchar('resolve_note', { length: 200 }),
  },
  (t) => [uniqueIndex('device_alerts_open_uq').on(t.openKey), index('device_alerts_complex_idx').on(t.complexId, t.status, t.id)],
);

export const QUIET_HOME_STATUSES = ['off', 'pending_consent', 'active'] as const;

/**
 * 亲情守护: a senior's opt-in to the quiet-home alert. Turned on by the senior (consent at once) or
 * requested by a linked family member (pending until the senior consents). Revocable by the senior.
 */
export const quietHomeWatches = mysqlTable(
  'quiet_home_watches',
  {
    id: id(),
    seniorId: ref('senior_id').notNull().references(() => users.id),
    status: mysqlEnum('status', QUIET_HOME_STATUSES).notNull().default('off'),
    quietHours: tinyint('quiet_hours').notNull().default(12),
    windowStart: varchar('window_start', { length: 5 }).notNull().default('07:00'),
    windowEnd: varchar('window_end', { length: 5 }).notNull().default('22:00'),
    requestedBy: ref('requested_by').references(() => users.id),
    requestedAt: utc('requested_at'),
    consentedAt: utc('consented_at'),
    revokedAt: utc('revoked_at'),
    revokedBy: ref('revoked_by').references(() => users.id),
    /** the open 系统预警 care request this watch raised, until it is closed */
    careRequestId: ref('care_request_id').references(() => careRequests.id),
    raisedAt: utc('raised_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('quiet_home_senior_uq').on(t.seniorId), index('quiet_home_status_idx').on(t.status)],
);

