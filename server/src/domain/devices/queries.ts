import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { complexes, deviceAlerts, deviceRejections, devices, deviceStates, deviceUnattributedRejections, quietHomeWatches, spaces, staffComplexes } from '../../db/schema';
import type { AlertStatus, DeviceKind } from '../../../../shared/api/devices';

export type AlertRow = typeof deviceAlerts.$inferSelect;

/** A device with what the ingest needs to check and judge its messages. */
export async function deviceByKey(db: DbOrTx, deviceKey: string) {
  const [row] = await db
    .select({ device: devices, state: deviceStates, openingHours: complexes.openingHours })
    .from(devices)
    .innerJoin(complexes, eq(complexes.id, devices.complexId))
    .leftJoin(deviceStates, eq(deviceStates.deviceId, devices.id))
    .where(eq(devices.deviceKey, deviceKey))
    .limit(1);
  return row ?? null;
}

/** Every device with its state (the ingest warms its cache with this at start). */
export async function allDevicesWithState(db: DbOrTx) {
  return db
    .select({ device: devices, state: deviceStates, openingHours: complexes.openingHours })
    .from(devices)
    .innerJoin(complexes, eq(complexes.id, devices.complexId))
    .leftJoin(deviceStates, eq(deviceStates.deviceId, devices.id));
}

export async function openAlertKeys(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ k: deviceAlerts.openKey }).from(deviceAlerts).where(isNotNull(deviceAlerts.openKey));
  return rows.map((r) => r.k!);
}

export async function devicesOfComplex(db: DbOrTx, complexId: number) {
  return db
    .select({ device: devices, state: deviceStates })
    .from(devices)
    .leftJoin(deviceStates, eq(deviceStates.deviceId, devices.id))
    .where(eq(devices.complexId, complexId))
    .orderBy(devices.id);
}

export async function rejectionsOf(db: DbOrTx, deviceIds: number[]) {
  if (!deviceIds.length) return [];
  return db.select().from(deviceRejections).where(inArray(deviceRejections.deviceId, deviceIds));
}

/** Dropped messages that named no registered device, by reason (server-wide). */
export async function unattributedRejections(db: DbOrTx): Promise<Record<string, number>> {
  const rows = await db.select({ reason: deviceUnattributedRejections.reason, n: deviceUnattributedRejections.count }).from(deviceUnattributedRejections);
  return Object.fromEntries(rows.map((r) => [r.reason, r.n]));
}

export async function openAlertCounts(db: DbOrTx, deviceIds: number[]) {
  if (!deviceIds.length) return [];
  return db
    .select({ deviceId: deviceAlerts.deviceId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(deviceAlerts)
    .where(and(inArray(deviceAlerts.deviceId, deviceIds), isNotNull(deviceAlerts.openKey)))
    .groupBy(deviceAlerts.deviceId);
}

export async function alertsOfComplex(db: DbOrTx, complexId: number, status?: AlertStatus, limit = 100) {
  return db
    .select({ alert: deviceAlerts, deviceName: devices.name })
    .from(deviceAlerts)
    .innerJoin(devices, eq(devices.id, deviceAlerts.deviceId))
    .where(and(eq(deviceAlerts.complexId, complexId), status ? eq(deviceAlerts.status, status) : undefined))
    .orderBy(desc(deviceAlerts.id))
    .limit(limit);
}

/** Unresolved alerts per complex, for the 工作台 badge. */
export async function unresolvedAlertCounts(db: DbOrTx, complexIds: number[] | 'all') {
  return db
    .select({ complexId: deviceAlerts.complexId, status: deviceAlerts.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(deviceAlerts)
    .where(and(isNotNull(deviceAlerts.openKey), complexIds === 'all' ? undefined : inArray(deviceAlerts.complexId, complexIds.length ? complexIds : [0])))
    .groupBy(deviceAlerts.complexId, deviceAlerts.status);
}

export async function alertForUpdate(db: DbOrTx, id: number) {
  const [row] = await db.select().from(deviceAlerts).where(eq(deviceAlerts.id, id)).for('update');
  return row ?? null;
}

export async function workerIdsOfComplex(db: DbOrTx, complexId: number): Promise<number[]> {
  const rows = await db.select({ id: staffComplexes.userId }).from(staffComplexes).where(eq(staffComplexes.complexId, complexId));
  return rows.map((r) => r.id);
}

export async function spaceById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(spaces).where(eq(spaces.id, id)).limit(1);
  return row ?? null;
}

/** The freshest people-counter reading of each space (spaces without a counter are absent). */
export async function peopleCounts(db: DbOrTx, spaceIds: number[]) {
  if (!spaceIds.length) return new Map<number, { count: number; updatedAt: Date | null }>();
  const rows = await db
    .select({ spaceId: devices.spaceId, value: deviceStates.lastValue, seenAt: deviceStates.lastSeenAt })
    .from(devices)
    .leftJoin(deviceStates, eq(deviceStates.deviceId, devices.id))
    .where(and(inArray(devices.spaceId, spaceIds), eq(devices.kind, 'people_counter' as DeviceKind)));
  const out = new Map<number, { count: number; updatedAt: Date | null }>();
  for (const r of rows) {
    const prev = out.get(r.spaceId!);
    if (prev && prev.updatedAt && (!r.seenAt || r.seenAt <= prev.updatedAt)) continue;
    out.set(r.spaceId!, { count: Math.max(0, Math.round(r.value ?? 0)), updatedAt: r.seenAt ?? null });
  }
  return out;
}

export async function watchOf(db: DbOrTx, seniorId: number, lock = false) {
  const q = db.select().from(quietHomeWatches).where(eq(quietHomeWatches.seniorId, seniorId)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function activeWatches(db: DbOrTx) {
  return db.select().from(quietHomeWatches).where(eq(quietHomeWatches.status, 'active'));
}

/** The senior's elder_motion sensor (the newest one) with its state. */
export async function motionDeviceOf(db: DbOrTx, seniorId: number) {
  const [row] = await db
    .select({ device: devices, state: deviceStates })
    .from(devices)
    .leftJoin(deviceStates, eq(deviceStates.deviceId, devices.id))
    .where(and(eq(devices.seniorId, seniorId), eq(devices.kind, 'elder_motion' as DeviceKind)))
    .orderBy(desc(devices.id))
    .limit(1);
  return row ?? null;
}

/** Deletes rows older than `before` from a table, `batch` at a time; returns how many went. */
export async function deleteOlderThan(db: DbOrTx, table: 'device_readings' | 'device_rollups', before: Date, batch: number): Promise<number> {
  const col = table === 'device_readings' ? sql.raw('received_at') : sql.raw('minute');
  const [res] = await db.execute(sql`DELETE FROM ${sql.raw(table)} WHERE ${col} < ${before} LIMIT ${batch}`);
  return (res as unknown as { affectedRows: number }).affectedRows;
}

