import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { DbOrTx, Tx } from '../../db/client';
import { devices, deviceStates, users } from '../../db/schema';
import { notFound, validationFailed } from '../../errors';
import type { AlertStatus, DeviceItemT, DeviceListT, OccupancyT } from '../../../../shared/api/devices';
import type { AuthUser } from '../access/actor';
import { assertCanManageComplex, managedComplexIds } from '../access/scope';
import { presentAlert } from './alerts';
import { alertsOfComplex, devicesOfComplex, openAlertCounts, peopleCounts, rejectionsOf, spaceById, unattributedRejections, unresolvedAlertCounts } from './queries';
import { newDeviceCredentials, sealSecret, topicsOf } from './secret';

const BOOL_KINDS = new Set(['smoke', 'door', 'elder_motion']);

/** Registers a device of a complex; the secret is returned this once and stored sealed. */
export async function registerDevice(
  tx: Tx,
  user: AuthUser,
  complexId: number,
  o: { kind: DeviceItemT['kind']; name: string; spaceId?: number; seniorId?: number },
  piiKey: string,
) {
  await assertCanManageComplex(tx, user, complexId);
  if (o.spaceId) {
    const s = await spaceById(tx, o.spaceId);
    if (!s || s.complexId !== complexId) throw validationFailed({ spaceId: '该场地不属于这个民生综合体' });
  }
  if (o.kind === 'people_counter' && !o.spaceId) throw validationFailed({ spaceId: '人流计数器需要选择所在场地' });
  if (o.seniorId !== undefined) {
    if (o.kind !== 'elder_motion') throw validationFailed({ seniorId: '只有居家活动感应器可以关联长辈' });
    const [s] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, o.seniorId));
    if (!s || s.role !== 'resident') throw validationFailed({ seniorId: '找不到这位长辈' });
  }
  const { deviceKey, secret } = newDeviceCredentials();
  const [{ id }] = await tx
    .insert(devices)
    .values({ complexId, spaceId: o.spaceId ?? null, seniorId: o.seniorId ?? null, kind: o.kind, name: o.name, deviceKey, secretEnc: sealSecret(secret, piiKey), createdBy: user.id })
    .$returningId();
  await tx.insert(deviceStates).values({ deviceId: id, status: 'offline' });
  const topics = topicsOf(deviceKey);
  // for the installer's configuration tool: everything the device needs, once
  const qr = await QRCode.toDataURL(JSON.stringify({ deviceKey, secret, ...topics }), { margin: 1, width: 320 });
  return { id, deviceKey, secret, topics, qr };
}

/** A complex's devices with status, last value, last seen, rejected counts and open alerts (staff). */
export async function listDevices(db: DbOrTx, user: AuthUser, complexId: number): Promise<DeviceItemT[]> {
  await assertCanManageComplex(db, user, complexId);
  const rows = await devicesOfComplex(db, complexId);
  const ids = rows.map((r) => r.device.id);
  const [rej, open] = await Promise.all([rejectionsOf(db, ids), openAlertCounts(db, ids)]);
  const rejected = new Map<number, Record<string, number>>();
  for (const r of rej) rejected.set(r.deviceId, { ...(rejected.get(r.deviceId) ?? {}), [r.reason]: r.count });
  const openBy = new Map(open.map((o) => [o.deviceId, o.n]));
  return rows.map(({ device: d, state: s }) => {
    const v = s?.lastValue ?? null;
    return {
      id: d.id,
      kind: d.kind,
      name: d.name,
      spaceId: d.spaceId ?? null,
      deviceKey: d.deviceKey,
      status: s?.status ?? 'offline',
      lastSeenAt: s?.lastSeenAt?.toISOString() ?? null,
      lastValue: v === null ? null : BOOL_KINDS.has(d.kind) ? v !== 0 : v,
      muted: !!s?.mutedUntil && s.mutedUntil > new Date(),
      floodFlaggedAt: s?.floodFlaggedAt?.toISOString() ?? null,
      rejected: rejected.get(d.id) ?? {},
      openAlerts: openBy.get(d.id) ?? 0,
    };
  });
}

/** The device page: the complex's devices, and the messages dropped because they named no registered device. */
export async function devicePage(db: DbOrTx, user: AuthUser, complexId: number): Promise<DeviceListT> {
  const items = await listDevices(db, user, complexId);
  return { items, unregistered: await unattributedRejections(db) };
}

export async function listAlerts(db: DbOrTx, user: AuthUser, complexId: number, status?: AlertStatus) {
  await assertCanManageComplex(db, user, complexId);
  const rows = await alertsOfComplex(db, complexId, status);
  return rows.map((r) => presentAlert(r.alert, r.deviceName));
}

/** The live status page: devices (online/offline) and the alerts not yet resolved. */
export async function liveStatus(db: DbOrTx, user: AuthUser, complexId: number) {
  const items = await listDevices(db, user, complexId);
  const alerts = (await alertsOfComplex(db, complexId)).filter((r) => r.alert.status !== 'resolved').map((r) => presentAlert(r.alert, r.deviceName));
  return { complexId, online: items.filter((d) => d.status === 'online').length, offline: items.filter((d) => d.status === 'offline').length, devices: items, alerts };
}

/** Unresolved alerts across the complexes the caller runs (the 工作台 badge). */
export async function alertSummary(db: DbOrTx, user: AuthUser) {
  const ids = await managedComplexIds(db, user);
  const rows = await unresolvedAlertCounts(db, ids);
  const byComplex = new Map<number, { open: number; acked: number }>();
  for (const r of rows) {
    const c = byComplex.get(r.complexId) ?? { open: 0, acked: 0 };
    if (r.status === 'open') c.open += r.n;
    else c.acked += r.n;
    byComplex.set(r.complexId, c);
  }
  const complexes = [...byComplex.entries()].map(([complexId, c]) => ({ complexId, ...c }));
  return { open: complexes.reduce((a, c) => a + c.open, 0), acked: complexes.reduce((a, c) => a + c.acked, 0), complexes };
}

export function presentOccupancy(capacity: number, c: { count: number; updatedAt: Date | null }): OccupancyT {
  return { count: c.count, capacity, full: capacity > 0 && c.count >= capacity, updatedAt: c.updatedAt?.toISOString() ?? null };
}

/** Occupancy of one space from its people counter; 404 when the space has none. */
export async function occupancyOf(db: DbOrTx, spaceId: number): Promise<OccupancyT> {
  const s = await spaceById(db, spaceId);
  if (!s) throw notFound('场地不存在');
  const c = (await peopleCounts(db, [spaceId])).get(spaceId);
  if (!c) throw notFound('该场地没有人流计数器');
  return presentOccupancy(s.capacity, c);
}

/** Occupancy of many spaces at once (space lists); spaces without a counter get null. */
export async function occupancies(db: DbOrTx, list: Array<{ id: number; capacity: number }>) {
  const counts = await peopleCounts(db, list.map((s) => s.id));
  return new Map(list.map((s) => [s.id, counts.has(s.id) ? presentOccupancy(s.capacity, counts.get(s.id)!) : null]));
}
