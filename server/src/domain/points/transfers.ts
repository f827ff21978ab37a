import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { DbOrTx, Tx } from '../../db/client';
import { complexes, familyLinks, pointsEntries, pointsPoolEntries, pointsPools, pointsTransfers, users } from '../../db/schema';
import { appError, conflict, forbidden, notFound, validationFailed } from '../../errors';
import { TRANSFER_DAILY_CAP, WELCOME_POINTS, WORKER_GRANT_MAX } from '../../../../shared/helping';
import type { AuthUser } from '../access/actor';
import { assertCanManageComplex } from '../access/scope';
import { notify } from '../notifications/notify';
import { shanghaiDayStart } from '../time/shanghai';
import { maskName } from './leaderboard';
import { appendEntry, credit, lockAccountState } from './ledger';

/**
 * Points flow (邻里互助): transfers to a linked family member or into a complex's 至善 pool, the
 * pool spent by a worker for a resident, a worker's grant to someone who cannot earn (孤寡老人),
 * and the welcome balance. Everything runs in the caller's transaction.
 *
 * Lock order: the users' points accounts in ascending user id, then the pool row (as the reward
 * stock: accounts first). The daily cap is summed with a locking read under the sender's lock.
 */

const nameOf = async (db: DbOrTx, id: number) => {
  const [u] = await db.select({ n: users.nickname }).from(users).where(eq(users.id, id));
  return maskName(u?.n || '居民');
};

/** Whether the two have an active family link, in either direction. */
async function linked(db: DbOrTx, a: number, b: number): Promise<boolean> {
  const [row] = await db
    .select({ id: familyLinks.id })
    .from(familyLinks)
    .where(
      and(
        eq(familyLinks.status, 'active'),
        or(and(eq(familyLinks.seniorId, a), eq(familyLinks.familyId, b)), and(eq(familyLinks.seniorId, b), eq(familyLinks.familyId, a))),
      ),
    )
    .limit(1);
  return !!row;
}

/** Locks (creating if needed) a complex's 至善 pool and returns its balance. */
async function lockPool(tx: Tx, complexId: number): Promise<number> {
  await tx.insert(pointsPools).values({ complexId, balance: 0 }).onDuplicateKeyUpdate({ set: { complexId: sql`complex_id` } });
  const [p] = await tx.select({ balance: pointsPools.balance }).from(pointsPools).where(eq(pointsPools.complexId, complexId)).for('update');
  return p.balance;
}

async function appendPoolEntry(
  tx: Tx,
  e: { complexId: number; delta: number; reason: 'donation' | 'grant'; source: string; description: string; userId: number | null; actorId: number | null; now: Date },
  before: number,
) {
  const balanceAfter = before + e.delta;
  await tx.insert(pointsPoolEntries).values({ ...e, balanceAfter, createdAt: e.now });
  await tx.update(pointsPools).set({ balance: balanceAfter }).where(eq(pointsPools.complexId, e.complexId));
  return balanceAfter;
}

/** What the sender already gave away today (transfers and donations), read under their lock. */
async function sentToday(tx: Tx, userId: number, now: Date): Promise<number> {
  const [{ sent }] = await tx
    .select({ sent: sql<number>`COALESCE(-SUM(${pointsEntries.delta}), 0)` })
    .from(pointsEntries)
    .where(and(eq(pointsEntries.userId, userId), inArray(pointsEntries.reason, ['transfer_out', 'pool_donation']), gte(pointsEntries.createdAt, shanghaiDayStart(now))))
    .for('update');
  return Number(sent);
}

export interface TransferInput {
  fromUserId: number;
  toUserId?: number;
  poolComplexId?: number;
  points: number;
  note: string;
  now: Date;
}

export interface TransferResult {
  id: number;
  points: number;
  toUserId: number | null;
  poolComplexId: number | null;
  /** the other side, masked (张*英) or the pool's name */
  counterpart: string;
  balance: number;
  available: number;
  sentToday: number;
}

/**
 * Moves points to a linked family member or into a complex's 至善 pool: an entry on each side
 * (the pool's own ledger for a donation). 409 insufficient_points past the available points,
 * 409 transfer_cap_reached past TRANSFER_DAILY_CAP a Shanghai day, 403 not_family otherwise.
 */
export async function transferPoints(tx: Tx, t: TransferInput): Promise<TransferResult> {
  const toUser = t.toUserId ?? null;
  const pool = t.poolComplexId ?? null;
  if ((toUser === null) === (pool === null)) throw validationFailed({ toUserId: '请选择转给家人或捐入至善池（二选一）' });
  if (toUser === t.fromUserId) throw validationFailed({ toUserId: '不能转给自己' });
  const ids = [t.fromUserId, ...(toUser ? [toUser] : [])].sort((a, b) => a - b);
  if (toUser) {
    const [exists] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, toUser), eq(users.disabled, false)));
    if (!exists) throw notFound('找不到这位家人');
  }
  const states = new Map<number, Awaited<ReturnType<typeof lockAccountState>>>();
  for (const id of ids) states.set(id, await lockAccountState(tx, id));
  const from = states.get(t.fromUserId)!;
  if (toUser && !(await linked(tx, t.fromUserId, toUser))) throw appError(403, 'not_family', '只能转给已绑定亲情代办的家人');
  let poolName = '';
  if (pool) {
    const [c] = await tx.select({ name: complexes.name, archivedAt: complexes.archivedAt }).from(complexes).where(eq(complexes.id, pool));
    if (!c || c.archivedAt) throw notFound('找不到这个综合体的至善池');
    poolName = `「${c.name}」至善池`;
  }
  const sent = await sentToday(tx, t.fromUserId, t.now);
  if (sent + t.points > TRANSFER_DAILY_CAP) {
    throw conflict('transfer_cap_reached', `每天最多转出 ${TRANSFER_DAILY_CAP} 分，今天已转出 ${sent} 分`, { cap: TRANSFER_DAILY_CAP, sentToday: sent });
  }
  if (from.available < t.points) {
    throw conflict('insufficient_points', `积分不足：可用 ${from.available} 分${from.held ? `（另有 ${from.held} 分被互助求助占用）` : ''}`, { balance: from.balance, held: from.held, required: t.points });
  }
  const [{ id }] = await tx.insert(pointsTransfers).values({ fromUserId: t.fromUserId, toUserId: toUser, poolComplexId: pool, points: t.points, note: t.note, createdAt: t.now }).$returningId();
  const source = `transfer:${id}`;
  const fromName = await nameOf(tx, t.fromUserId);
  const note = t.note ? `（${t.note}）` : '';
  let counterpart: string;
  if (toUser) {
    counterpart = await nameOf(tx, toUser);
    await appendEntry(tx, { userId: t.fromUserId, delta: -t.points, reason: 'transfer_out', source, description: `转给家人 ${counterpart}${note}`, actorId: t.fromUserId, now: t.now }, from.balance);
    await appendEntry(tx, { userId: toUser, delta: t.points, reason: 'transfer_in', source, description: `家人 ${fromName} 转入${note}`, actorId: t.fromUserId, now: t.now }, states.get(toUser)!.balance);
    await notify(tx, toUser, { kind: 'points_transfer', title: `家人 ${fromName} 给您转了 ${t.points} 积分`, body: `${fromName} 给您转入 ${t.points} 积分${note}。`, link: '/pages/points/index' });
  } else {
    counterpart = poolName;
    const before = await lockPool(tx, pool!);
    await appendEntry(tx, { userId: t.fromUserId, delta: -t.points, reason: 'pool_donation', source, description: `捐入${poolName}${note}`, actorId: t.fromUserId, complexId: pool, now: t.now }, from.balance);
    await appendPoolEntry(tx, { complexId: pool!, delta: t.points, reason: 'donation', source, description: `${fromName} 捐入${note}`, userId: t.fromUserId, actorId: t.fromUserId, now: t.now }, before);
  }
  const balance = from.balance - t.points;
  return { id, points: t.points, toUserId: toUser, poolComplexId: pool, counterpart, balance, available: balance - from.held, sentToday: sent + t.points };
}

/** The resident must have claimed this complex as home (workers give and spend for their own residents). */
async function assertResidentOf(tx: Tx, userId: number, complexId: number) {
  const [u] = await tx.select({ home: users.homeComplexId, disabled: users.disabled }).from(users).where(eq(users.id, userId));
  if (!u || u.disabled || u.home !== complexId) throw notFound('找不到这位居民：只能为本综合体的居民操作');
}

export interface StaffPointsInput {
  actor: AuthUser;
  complexId: number;
  userId: number;
  points: number;
  reason: string;
  now: Date;
}

/** A worker spends the complex's 至善 pool for a resident in need: the pool's debit and the resident's credit. */
export async function spendPool(tx: Tx, s: StaffPointsInput) {
  await assertCanManageComplex(tx, s.actor, s.complexId);
  await assertResidentOf(tx, s.userId, s.complexId);
  const acc = await lockAccountState(tx, s.userId);
  const before = await lockPool(tx, s.complexId);
  if (before < s.points) throw conflict('insufficient_points', `至善池余额不足：需要 ${s.points} 分，池中现有 ${before} 分`, { poolBalance: before, required: s.points });
  const source = `pool:${randomUUID()}`;
  const who = await nameOf(tx, s.userId);
  const poolBalance = await appendPoolEntry(tx, { complexId: s.complexId, delta: -s.points, reason: 'grant', source, description: `资助 ${who}：${s.reason}`, userId: s.userId, actorId: s.actor.id, now: s.now }, before);
  const entry = await appendEntry(tx, { userId: s.userId, delta: s.points, reason: 'pool_grant', source, description: `至善池资助：${s.reason}`, actorId: s.actor.id, complexId: s.complexId, now: s.now }, acc.balance);
  await notify(tx, s.userId, { kind: 'points_grant', title: `至善池为您送来 ${s.points} 积分`, body: `综合体工作人员用至善池为您送来 ${s.points} 积分：${s.reason}`, link: '/pages/points/index' });
  return { complexId: s.complexId, userId: s.userId, points: s.points, poolBalance, balance: entry.balanceAfter };
}

/** A worker gives points to a resident who cannot earn them (孤寡老人), with a written reason (audited by the route). */
export async function grantPoints(tx: Tx, s: StaffPointsInput) {
  await assertCanManageComplex(tx, s.actor, s.complexId);
  if (s.points > WORKER_GRANT_MAX) throw validationFailed({ points: `一次最多赠送 ${WORKER_GRANT_MAX} 分` });
  if (s.actor.id === s.userId) throw forbidden('不能给自己赠送积分');
  await assertResidentOf(tx, s.userId, s.complexId);
  const acc = await lockAccountState(tx, s.userId);
  const entry = await appendEntry(
    tx,
    { userId: s.userId, delta: s.points, reason: 'worker_grant', source: `grant:${randomUUID()}`, description: `工作人员赠送：${s.reason}`, actorId: s.actor.id, complexId: s.complexId, now: s.now },
    acc.balance,
  );
  await notify(tx, s.userId, { kind: 'points_grant', title: `综合体为您送来 ${s.points} 积分`, body: `综合体工作人员为您送来 ${s.points} 积分：${s.reason}`, link: '/pages/points/index' });
  return { complexId: s.complexId, userId: s.userId, points: s.points, balance: entry.balanceAfter };
}

/** The welcome balance, once per person ever (reason `welcome`, source `welcome`): harmless to call again. */
export async function grantWelcome(tx: Tx, userId: number, complexId: number, now: Date): Promise<boolean> {
  const r = await credit(tx, { userId, delta: WELCOME_POINTS, reason: 'welcome', source: 'welcome', description: '新认证居民欢迎积分', complexId, dailyCap: null, now });
  return !r.duplicate && !!r.entry;
}

/** A pool's balance and its latest entries (donors and beneficiaries masked). */
export async function poolStatement(db: DbOrTx, complexId: number, before: number | undefined, limit: number) {
  const [p] = await db.select({ balance: pointsPools.balance }).from(pointsPools).where(eq(pointsPools.complexId, complexId));
  const rows = await db
    .select()
    .from(pointsPoolEntries)
    .where(and(eq(pointsPoolEntries.complexId, complexId), before ? lt(pointsPoolEntries.id, before) : undefined))
    .orderBy(desc(pointsPoolEntries.id))
    .limit(limit + 1);
  return { balance: p?.balance ?? 0, rows };
}
