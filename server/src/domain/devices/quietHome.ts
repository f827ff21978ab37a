/**
 * 亲情守护 (quiet-home alert): a senior living alone opts in — or a linked family member asks and
 * the senior consents — and an elder_motion sensor at home that sees no motion for the configured
 * daytime hours raises a `visit` care request marked 系统预警 into the complex's dispatch queue.
 * Motion before anyone is dispatched closes it with a note. Only the senior, linked family and the
 * workers of the senior's complex see any of it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { withTx, type DbOrTx, type Tx } from '../../db/client';
import { careEvents, careRequests, quietHomeWatches, users } from '../../db/schema';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../errors';
import type { QuietHomeStatusT } from '../../../../shared/api/devices';
import type { AuthUser, RequestFacts } from '../access/actor';
import { NO_REQUEST } from '../access/actor';
import { canManageComplex } from '../access/scope';
import { audit } from '../audit/log';
import { createCareRequest } from '../care/create';
import { careLink } from '../care/present';
import { assertCanActFor, canActFor, linkedFamilyIds } from '../family/access';
import { notify } from '../notifications/notify';
import { activeWatches, motionDeviceOf, watchOf } from './queries';
import { quietHomeDue } from './rules';
import { recordConsent } from '../privacy/consentLog';

export const QUIET_NOTE = '【系统预警】亲情守护：家中长时间未检测到活动，请上门探访';
const LINK = '/packages/elder/pages/guard/index';

/** 404 unless the caller is the senior, linked family, or staff of the senior's complex (or the sensor's). */
async function assertMaySee(db: DbOrTx, user: AuthUser, seniorId: number) {
  if (await canActFor(db, user.id, seniorId)) return;
  const [s] = await db.select({ home: users.homeComplexId }).from(users).where(eq(users.id, seniorId));
  const dev = await motionDeviceOf(db, seniorId);
  for (const c of [s?.home, dev?.device.complexId]) if (c && (await canManageComplex(db, user, c))) return;
  throw notFound('找不到这位长辈，或您无权查看TA的亲情守护');
}

export async function quietHomeStatus(db: DbOrTx, user: AuthUser, seniorId: number): Promise<QuietHomeStatusT> {
  await assertMaySee(db, user, seniorId);
  const w = await watchOf(db, seniorId);
  const dev = await motionDeviceOf(db, seniorId);
  return {
    seniorId,
    status: w?.status ?? 'off',
    quietHours: w?.quietHours ?? 12,
    window: { start: w?.windowStart ?? '07:00', end: w?.windowEnd ?? '22:00' },
    requestedBy: w?.requestedBy ?? null,
    consentedAt: w?.consentedAt?.toISOString() ?? null,
    revokedAt: w?.revokedAt?.toISOString() ?? null,
    device: dev ? { id: dev.device.id, name: dev.device.name, status: dev.state?.status ?? 'offline', lastSeenAt: dev.state?.lastSeenAt?.toISOString() ?? null } : null,
    lastMotionAt: dev?.state?.lastMotionAt?.toISOString() ?? null,
    alert: w?.careRequestId && w.raisedAt ? { careRequestId: w.careRequestId, raisedAt: w.raisedAt.toISOString() } : null,
  };
}

/**
 * Turns the watch on or off. The senior's own "on" is their consent; a family member's "on" waits
 * for it (pending_consent, the senior is asked). Either may turn it off; the senior's "off" is a
 * revocation. Every change is audited with who acted for whom.
 */
export async function setQuietHome(
  tx: Tx,
  user: AuthUser,
  seniorId: number,
  o: { enabled: boolean; quietHours?: number; windowStart?: string; windowEnd?: string },
  now: Date,
  facts: RequestFacts,
) {
  await assertCanActFor(tx, user.id, seniorId);
  const self = user.id === seniorId;
  const cur = await watchOf(tx, seniorId, true);
  const settings = {
    ...(o.quietHours ? { quietHours: o.quietHours } : {}),
    ...(o.windowStart ? { windowStart: o.windowStart } : {}),
    ...(o.windowEnd ? { windowEnd: o.windowEnd } : {}),
  };
  let status: 'off' | 'pending_consent' | 'active';
  const patch: Partial<typeof quietHomeWatches.$inferInsert> = { ...settings };
  if (!o.enabled) {
    status = 'off';
    Object.assign(patch, { status, revokedAt: now, revokedBy: user.id });
  } else if (self) {
    status = 'active';
    if (cur?.status !== 'active') Object.assign(patch, { status, consentedAt: now, requestedBy: cur?.status === 'pending_consent' ? cur.requestedBy : user.id, requestedAt: cur?.requestedAt ?? now, revokedAt: null, revokedBy: null });
  } else {
    status = cur?.status === 'active' ? 'active' : 'pending_consent';
    if (status === 'pending_consent') Object.assign(patch, { status, requestedBy: user.id, requestedAt: now, consentedAt: null, revokedAt: null, revokedBy: null });
  }
  if (cur) await tx.update(quietHomeWatches).set(patch).where(eq(quietHomeWatches.id, cur.id));
  else await tx.insert(quietHomeWatches).values({ seniorId, status, ...patch });
  // the senior's own answer is a consent (or its withdrawal); a family member's request is not
  if (self && (status === 'active') !== (cur?.status === 'active')) await recordConsent(tx, seniorId, 'quiet_home', status === 'active', now);
  if (status === 'pending_consent' && cur?.status !== 'pending_consent') {
    await notify(tx, seniorId, { kind: 'quiet_home', title: '家人申请为您开启亲情守护', body: '开启后，家中长时间没有活动时社区会上门探望。请在“亲情守护”中确认或拒绝。', link: LINK });
  }
  await audit(tx, {
    actorId: user.id,
    onBehalfOf: self ? null : seniorId,
    action: o.enabled ? 'quiet_home.enable' : 'quiet_home.disable',
    targetType: 'user',
    targetId: seniorId,
    detail: { status, summary: o.enabled ? (status === 'active' ? '开启亲情守护' : '申请开启亲情守护（待长辈同意）') : '关闭亲情守护' },
    ...facts,
  });
  return status;
}

/** The senior answers a family member's request: consent (active) or refuse (off). */
export async function answerConsent(tx: Tx, user: AuthUser, granted: boolean, now: Date, facts: RequestFacts) {
  const cur = await watchOf(tx, user.id, true);
  if (!cur || cur.status !== 'pending_consent') {
    if (cur?.status === 'active' && !granted) return setQuietHome(tx, user, user.id, { enabled: false }, now, facts);
    throw new AppError(409, 'no_pending_request', '没有待确认的亲情守护申请');
  }
  await tx
    .update(quietHomeWatches)
    .set(granted ? { status: 'active', consentedAt: now } : { status: 'off', revokedAt: now, revokedBy: user.id })
    .where(eq(quietHomeWatches.id, cur.id));
  await recordConsent(tx, user.id, 'quiet_home', granted, now);
  await audit(tx, { actorId: user.id, action: granted ? 'quiet_home.consent' : 'quiet_home.refuse', targetType: 'user', targetId: user.id, detail: { requestedBy: cur.requestedBy }, ...facts });
  if (cur.requestedBy && cur.requestedBy !== user.id) {
    await notify(tx, cur.requestedBy, { kind: 'quiet_home', title: granted ? '长辈已同意开启亲情守护' : '长辈暂不开启亲情守护', link: `${LINK}?seniorId=${user.id}` });
  }
  return granted ? 'active' : 'off';
}

/** Raises the 系统预警 visit for every active watch whose home has been quiet too long. */
export async function sweepQuietHomes(deps: Pick<Deps, 'db' | 'logger'>, now: Date) {
  for (const w of await activeWatches(deps.db)) {
    try {
      if (w.careRequestId) {
        // an episode that someone closed (visited, cancelled) ends here; a new one counts from then
        const [r] = await deps.db.select({ status: careRequests.status }).from(careRequests).where(eq(careRequests.id, w.careRequestId));
        if (!r || r.status === 'completed' || r.status === 'cancelled') {
          await deps.db.update(quietHomeWatches).set({ careRequestId: null }).where(eq(quietHomeWatches.id, w.id));
        }
        continue;
      }
      const dev = await motionDeviceOf(deps.db, w.seniorId);
      if (!dev) continue;
      const since = [w.consentedAt, w.raisedAt].filter((d): d is Date => !!d).reduce((a, b) => (a > b ? a : b), new Date(0));
      const due = quietHomeDue({ lastMotionAt: dev.state?.lastMotionAt ?? null, since, now, quietHours: w.quietHours, window: { start: w.windowStart, end: w.windowEnd } });
      if (due) await raiseQuietAlert(deps, w.seniorId, dev.device.complexId, now);
    } catch (e) {
      deps.logger.error({ err: String(e), watchId: w.id }, 'quiet-home check failed');
    }
  }
}

async function raiseQuietAlert(deps: Pick<Deps, 'db' | 'logger'>, seniorId: number, complexId: number, now: Date) {
  await withTx(deps.db, async (tx) => {
    const w = await watchOf(tx, seniorId, true);
    if (!w || w.status !== 'active' || w.careRequestId) return;
    let requestId: number;
    try {
      const r = await createCareRequest(tx, { actorId: seniorId, seniorId, kind: 'visit', note: QUIET_NOTE, complexId, address: '居家（亲情守护感应器所在住址）', now, requestFacts: NO_REQUEST });
      requestId = r.id;
    } catch (e) {
      // a visit already in the queue covers it: watch that one instead of opening a second
      const id = (e as AppError).details?.id;
      if ((e as AppError).code !== 'care_request_open' || typeof id !== 'number') throw e;
      requestId = id;
    }
    await tx.update(quietHomeWatches).set({ careRequestId: requestId, raisedAt: now }).where(eq(quietHomeWatches.id, w.id));
    const family = await linkedFamilyIds(tx, seniorId);
    await notify(tx, family, {
      kind: 'quiet_home',
      title: '亲情守护预警：家中长时间未检测到活动',
      body: `已超过 ${w.quietHours} 小时（白天）没有检测到长辈的活动，社区已安排上门探访。`,
      link: careLink(requestId),
    });
  });
}

/** Motion again: a 系统预警 visit nobody was sent to yet closes, with a note; the family is told. */
export async function closeOnMotion(deps: Pick<Deps, 'db'>, seniorId: number, now: Date) {
  await withTx(deps.db, async (tx) => {
    const w = await watchOf(tx, seniorId, true);
    if (!w?.careRequestId) return;
    const [r] = await tx.select().from(careRequests).where(eq(careRequests.id, w.careRequestId)).for('update');
    if (!r || !['submitted', 'accepted'].includes(r.status)) return;
    const note = '检测到居家活动，系统预警自动关闭';
    const [res] = await tx
      .update(careRequests)
      .set({ status: 'cancelled', cancelledAt: now, cancelledBy: seniorId, cancelReason: note, updatedAt: now })
      .where(and(eq(careRequests.id, r.id), inArray(careRequests.status, ['submitted', 'accepted'])));
    if ((res as unknown as { affectedRows: number }).affectedRows === 0) return;
    await tx.insert(careEvents).values({ requestId: r.id, status: 'cancelled', actorId: seniorId, note, createdAt: now });
    await tx.update(quietHomeWatches).set({ careRequestId: null }).where(eq(quietHomeWatches.id, w.id));
    await notify(tx, [seniorId, ...(await linkedFamilyIds(tx, seniorId))], { kind: 'quiet_home', title: '亲情守护：已检测到长辈在家活动', body: '之前的系统预警已自动关闭。', link: careLink(r.id) });
  });
}

