import { EventEmitter } from 'node:events';
import { and, eq } from 'drizzle-orm';
import { withTx, type DbOrTx, type Tx } from '../../db/client';
import { deviceAlerts } from '../../db/schema';
import type { Deps } from '../../deps';
import { conflict, notFound } from '../../errors';
import { ALERT_KIND_LABELS, type AlertKind, type AlertItemT } from '../../../../shared/api/devices';
import type { AuthUser } from '../access/actor';
import { assertCanManageComplex } from '../access/scope';
import { notify } from '../notifications/notify';
import { sendSubscribed } from '../notifications/subscribe';
import { formatShanghai } from '../time/shanghai';
import { alertForUpdate, type AlertRow, workerIdsOfComplex } from './queries';

export const openKeyOf = (deviceId: number, kind: AlertKind) => `${deviceId}:${kind}`;

/** Tells the ingest's cache that an episode ended (a person resolved it), so a new one may open. */
export const alertEvents = new EventEmitter();

export const ALERTS_LINK = '/packages/devices/pages/alerts/index';

export const presentAlert = (a: AlertRow, deviceName: string): AlertItemT => ({
  id: a.id,
  deviceId: a.deviceId,
  deviceName,
  kind: a.kind,
  status: a.status,
  openedAt: a.openedAt.toISOString(),
  message: a.message,
  ackedAt: a.ackedAt?.toISOString() ?? null,
  ackedBy: a.ackedBy ?? null,
  resolvedAt: a.resolvedAt?.toISOString() ?? null,
  resolvedBy: a.resolvedBy ?? null,
  resolveNote: a.resolveNote ?? null,
});

const isDup = (e: unknown) => (e as { errno?: number; cause?: { errno?: number } })?.errno === 1062 || (e as { cause?: { errno?: number } })?.cause?.errno === 1062;

/**
 * Opens the alert of one rule episode and tells the complex's workers, once. The unique open key
 * makes a second attempt (another message, another server) a no-op: returns null then.
 * The subscribe messages go out after the commit.
 */
export async function openAlert(
  deps: Pick<Deps, 'db' | 'wechat' | 'logger' | 'config'>,
  o: { complexId: number; deviceId: number; deviceName: string; kind: AlertKind; message: string; now: Date },
): Promise<{ id: number; workers: number[] } | null> {
  let out: { id: number; workers: number[] } | null = null;
  try {
    out = await withTx(deps.db, async (tx) => {
      const [{ id }] = await tx
        .insert(deviceAlerts)
        .values({ complexId: o.complexId, deviceId: o.deviceId, kind: o.kind, status: 'open', openKey: openKeyOf(o.deviceId, o.kind), message: o.message, openedAt: o.now })
        .$returningId();
      const workers = await workerIdsOfComplex(tx, o.complexId);
      await notify(tx, workers, {
        kind: 'iot_alert',
        title: `${ALERT_KIND_LABELS[o.kind]}：${o.deviceName}`,
        body: `${o.message}（${formatShanghai(o.now)}）`,
        link: ALERTS_LINK,
      });
      return { id, workers };
    });
  } catch (e) {
    if (isDup(e)) return null;
    throw e;
  }
  const tpl = deps.config.WECHAT_TPL_IOT_ALERT;
  if (tpl && out) {
    for (const w of out.workers) {
      await sendSubscribed(deps, w, tpl, {
        page: ALERTS_LINK,
        data: { thing1: ALERT_KIND_LABELS[o.kind], thing2: o.deviceName, time3: formatShanghai(o.now) },
      });
    }
  }
  return out;
}

/** Closes an open episode on its own (a device back online ends its offline alert). */
export async function autoResolve(db: DbOrTx, deviceId: number, kind: AlertKind, now: Date, note: string): Promise<boolean> {
  const [res] = await db
    .update(deviceAlerts)
    .set({ status: 'resolved', openKey: null, resolvedAt: now, resolveNote: note })
    .where(and(eq(deviceAlerts.openKey, openKeyOf(deviceId, kind))));
  return (res as unknown as { affectedRows: number }).affectedRows > 0;
}

async function loadManaged(tx: Tx, user: AuthUser, id: number) {
  const a = await alertForUpdate(tx, id);
  if (!a) throw notFound('告警不存在');
  await assertCanManageComplex(tx, user, a.complexId);
  return a;
}

/** 确认: someone is on it. Records who and when; an acked or resolved alert cannot be acked again. */
export async function ackAlert(tx: Tx, user: AuthUser, id: number, now: Date) {
  const a = await loadManaged(tx, user, id);
  if (a.status !== 'open') throw conflict('alert_not_open', a.status === 'acked' ? '该告警已确认' : '该告警已处理完毕');
  await tx.update(deviceAlerts).set({ status: 'acked', ackedAt: now, ackedBy: user.id }).where(eq(deviceAlerts.id, id));
  return { ...a, status: 'acked' as const, ackedAt: now, ackedBy: user.id };
}

/** 处理完毕: ends the episode (a new alarm afterwards opens a new alert). Records who, when and a note. */
export async function resolveAlert(tx: Tx, user: AuthUser, id: number, now: Date, note?: string) {
  const a = await loadManaged(tx, user, id);
  if (a.status === 'resolved') throw conflict('alert_resolved', '该告警已处理完毕');
  await tx.update(deviceAlerts).set({ status: 'resolved', openKey: null, resolvedAt: now, resolvedBy: user.id, resolveNote: note ?? null }).where(eq(deviceAlerts.id, id));
  if (a.openKey) {
    const key = a.openKey;
    // let the ingest's cache know once the transaction had time to commit
    setImmediate(() => alertEvents.emit('closed', key));
  }
  return { ...a, status: 'resolved' as const, openKey: null, resolvedAt: now, resolvedBy: user.id, resolveNote: note ?? null };
}
