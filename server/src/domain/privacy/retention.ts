/**
 * How long personal data is kept: every period in one place (docs/PRIVACY.md lists the same).
 * The retention job below deletes what is past its period in batches and logs only counts.
 */
import { getTableName, lt, sql, type SQL } from 'drizzle-orm';
import type { MySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import type { Db } from '../../db/client';
import { auditLogs, deviceReadings, deviceRollups, idempotencyKeys, notifications, piiAccessLog } from '../../db/schema';

const DAY_MS = 86_400_000;

export const RETENTION = {
  /** 消息中心 notifications */
  notificationsDays: 180,
  /** raw accepted device messages (device_readings) */
  deviceReadingsDays: 7,
  /** one-minute device roll-ups */
  deviceRollupsDays: 90,
  /** who looked (pii_access_log): 等保 2.0 asks for at least 180 days */
  piiAccessLogDays: 180,
  /** the audit log: at least 180 days (等保), then purged */
  auditLogDays: 180,
  /** Idempotency-Key records */
  idempotencyHours: 24,
  /** photos of a deleted opinion or a deleted account: removed at once (0 = in the same action) */
  deletedOpinionPhotosDays: 0,
  /** 注销账号 cooling-off before the deletion runs */
  deletionCoolingOffDays: 7,
  /** 谁查看了我的信息 shows this far back */
  accessLogShownDays: 180,
} as const;

/** Rows deleted per statement: small enough that no statement holds locks for long. */
export const RETENTION_BATCH = 2000;

interface Rule {
  name: string;
  table: MySqlTable;
  column: MySqlColumn;
  keepMs: number;
}

export const RETENTION_RULES: Rule[] = [
  { name: 'notifications', table: notifications, column: notifications.createdAt, keepMs: RETENTION.notificationsDays * DAY_MS },
  { name: 'device_readings', table: deviceReadings, column: deviceReadings.receivedAt, keepMs: RETENTION.deviceReadingsDays * DAY_MS },
  { name: 'device_rollups', table: deviceRollups, column: deviceRollups.minute, keepMs: RETENTION.deviceRollupsDays * DAY_MS },
  { name: 'pii_access_log', table: piiAccessLog, column: piiAccessLog.at, keepMs: RETENTION.piiAccessLogDays * DAY_MS },
  { name: 'audit_logs', table: auditLogs, column: auditLogs.createdAt, keepMs: RETENTION.auditLogDays * DAY_MS },
  { name: 'idempotency_keys', table: idempotencyKeys, column: idempotencyKeys.createdAt, keepMs: RETENTION.idempotencyHours * 3600_000 },
];

async function deleteBatch(db: Db, table: MySqlTable, where: SQL, batch: number): Promise<number> {
  const [res] = await db.execute(sql`DELETE FROM ${sql.identifier(getTableName(table))} WHERE ${where} LIMIT ${batch}`);
  return (res as unknown as { affectedRows: number }).affectedRows;
}

/** Deletes everything past its period, `batch` rows per statement; returns the count per table. */
export async function runRetention(db: Db, now: Date, batch = RETENTION_BATCH): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of RETENTION_RULES) {
    const before = new Date(now.getTime() - r.keepMs);
    let n = 0;
    for (;;) {
      const gone = await deleteBatch(db, r.table, lt(r.column, before), batch);
      n += gone;
      if (gone < batch) break;
      // let requests in between batches
      await new Promise((res) => setImmediate(res));
    }
    counts[r.name] = n;
  }
  return counts;
}
