import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { withTx } from '../../db/client';
import { complexes, redemptions, rewards } from '../../db/schema';
import { notFound, validationFailed } from '../../errors';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import { audit } from '../../domain/audit/log';
import { requestFacts } from '../../http/facts';
import { assertCanManageComplex, canManageComplex } from '../../domain/access/scope';
import { createReward, isAvailable, loadReward, updateReward, type RewardRow } from '../../domain/points/rewards';
import {
  assertCounterStaff,
  cancelRedemption,
  findByCode,
  fulfil,
  redeem,
  redemptionCode,
  redemptionDetails,
  redemptionQr,
  type RedemptionRow,
} from '../../domain/points/redemptions';
import type { Deps } from '../../deps';
import { Redemption, Reward, RewardBody, RewardPatchBody, RewardsQuery, VerifyBody } from './schema';

async function presentRewards(deps: Deps, userId: number, rows: RewardRow[]) {
  if (rows.length === 0) return [];
  const names = new Map(
    (await deps.db.select({ id: complexes.id, name: complexes.name }).from(complexes).where(inArray(complexes.id, [...new Set(rows.map((r) => r.complexId))]))).map((c) => [c.id, c.name]),
  );
  const mine = await deps.db
    .select({ rewardId: redemptions.rewardId, n: sql<number>`COUNT(*)` })
    .from(redemptions)
    .where(and(eq(redemptions.userId, userId), inArray(redemptions.rewardId, rows.map((r) => r.id)), ne(redemptions.status, 'cancelled')))
    .groupBy(redemptions.rewardId);
  const counts = new Map(mine.map((m) => [m.rewardId, Number(m.n)]));
  const now = deps.clock.now();
  return rows.map((r) => ({
    id: r.id,
    complexId: r.complexId,
    complexName: names.get(r.complexId) ?? '',
    kind: r.kind,
    name: r.name,
    description: r.description,
    pointsCost: r.pointsCost,
    stock: r.stock,
    perUserLimit: r.perUserLimit,
    validFrom: r.validFrom?.toISOString() ?? null,
    validUntil: r.validUntil?.toISOString() ?? null,
    status: r.status,
    available: isAvailable(r, now) && r.stock > 0,
    myRedeemedCount: counts.get(r.id) ?? 0,
  }));
}

/** The code is shown to its owner (and counter staff) only while it can still be used. */
async function presentRedemptions(deps: Deps, rows: RedemptionRow[], withQr = false) {
  const details = await redemptionDetails(deps.db, rows);
  return Promise.all(
    rows.map(async (r) => {
      const d = details.get(r.rewardId);
      const live = r.status === 'pending';
      return {
        id: r.id,
        rewardId: r.rewardId,
        rewardName: d?.rewardName ?? '',
        kind: d?.kind ?? '',
        complexId: r.complexId,
        complexName: d?.complexName ?? '',
        pointsCost: r.pointsCost,
        status: r.status,
        shortCode: live ? r.shortCode : null,
        code: live ? redemptionCode(deps.config.JWT_SECRET, r.id) : null,
        ...(withQr ? { qrDataUrl: live ? await redemptionQr(deps.config.JWT_SECRET, r.id) : null } : {}),
        createdAt: r.createdAt.toISOString(),
        fulfilledAt: r.fulfilledAt?.toISOString() ?? null,
        cancelledAt: r.cancelledAt?.toISOString() ?? null,
      };
    }),
  );
}

export default [
  route({
    method: 'get',
    path: '/api/v1/rewards',
    summary: '积分兑换目录',
    description: 'Active rewards in their valid period (all complexes, or one). `view=all` (staff of that complex) also lists archived and out-of-period ones.',
    tags: ['rewards'],
    query: RewardsQuery,
    response: z.object({ items: z.array(Reward), nextCursor: z.null() }),
    handler: async ({ user, query, deps }) => {
      const conds = [];
      if (query.complexId) conds.push(eq(rewards.complexId, query.complexId));
      if (query.view === 'all') {
        if (!query.complexId) throw validationFailed({ complexId: '查看全部兑换项时请指定综合体' });
        await assertCanManageComplex(deps.db, user, query.complexId);
      } else conds.push(eq(rewards.status, 'active'));
      const rows = await deps.db.select().from(rewards).where(and(...conds)).orderBy(rewards.complexId, rewards.pointsCost, rewards.id).limit(500);
      const now = deps.clock.now();
      const visible = query.view === 'all' ? rows : rows.filter((r) => isAvailable(r, now));
      return { items: await presentRewards(deps, user.id, visible), nextCursor: null };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/rewards/:id',
    summary: '兑换项详情',
    tags: ['rewards'],
    params: IdParams,
    response: Reward,
    handler: async ({ user, params, deps }) => {
      const r = await loadReward(deps.db, params.id);
      if (!r || (r.status !== 'active' && !(await canManageComplex(deps.db, user, r.complexId)))) throw notFound('找不到该兑换项');
      return (await presentRewards(deps, user.id, [r]))[0];
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/rewards',
    summary: '新增兑换项（工作人员）',
    tags: ['rewards'],
    auth: ['worker', 'street_admin', 'district_admin'],
    body: RewardBody,
    status: 201,
    idempotent: true,
    response: Reward,
    handler: async ({ user, body, deps, ctx }) => {
      await assertCanManageComplex(deps.db, user, body.complexId);
      const id = await withTx(deps.db, async (tx) => {
        const rid = await createReward(tx, user.id, body);
        await audit(tx, { actorId: user.id, action: 'reward.create', targetType: 'reward', targetId: rid, detail: { ...body }, ...requestFacts(ctx) });
        return rid;
      });
      return (await presentRewards(deps, user.id, [(await loadReward(deps.db, id))!]))[0];
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/rewards/:id',
    summary: '修改兑换项：积分、库存增减、限兑、有效期、下架',
    description: 'Stock changes are relative (`addStock`) so they never race concurrent redemptions; 409 `stock_negative` when removing more than is left.',
    tags: ['rewards'],
    auth: ['worker', 'street_admin', 'district_admin'],
    params: IdParams,
    body: RewardPatchBody,
    response: Reward,
    handler: async ({ user, params, body, deps, ctx }) => {
      const r = await loadReward(deps.db, params.id);
      if (!r) throw notFound('找不到该兑换项');
      await assertCanManageComplex(deps.db, user, r.complexId);
      await withTx(deps.db, async (tx) => {
        await updateReward(tx, r, body);
        await audit(tx, { actorId: user.id, action: 'reward.update', targetType: 'reward', targetId: r.id, detail: { ...body }, ...requestFacts(ctx) });
      });
      return (await presentRewards(deps, user.id, [(await loadReward(deps.db, r.id))!]))[0];
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/rewards/:id/redemptions',
    summary: '积分兑换',
    description:
      'Debits the points and takes one unit of stock in one transaction. 409 `insufficient_points`, `out_of_stock`, `redemption_limit_reached`, `reward_not_available`. Returns the redemption code (8 digits and a QR). Send an `Idempotency-Key`: a retry acts once.',
    tags: ['rewards'],
    params: IdParams,
    status: 201,
    idempotent: true,
    response: Redemption,
    handler: async ({ user, params, deps }) => {
      const r = await redeem(deps.db, user.id, params.id, deps.clock.now());
      return (await presentRedemptions(deps, [r], true))[0];
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/redemptions',
    summary: '我的兑换',
    tags: ['rewards'],
    query: PageQuery,
    response: pageOf(Redemption),
    handler: async ({ user, query, deps }) => {
      const before = decodeCursor(query.cursor, z.number().int().positive());
      const rows = await deps.db
        .select()
        .from(redemptions)
        .where(and(eq(redemptions.userId, user.id), before ? lt(redemptions.id, before) : undefined))
        .orderBy(desc(redemptions.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return { items: await presentRedemptions(deps, page), nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null };
    },
  }),
  // before /redemptions/:id, which would otherwise take 'lookup' for an id
  route({
    method: 'get',
    path: '/api/v1/redemptions/lookup',
    summary: '查询兑换码（柜台核销前确认）',
    tags: ['rewards'],
    auth: ['worker', 'street_admin', 'district_admin'],
    query: VerifyBody,
    response: Redemption,
    handler: async ({ user, query, deps }) => {
      const r = await findByCode(deps.db, deps.config.JWT_SECRET, query.code);
      if (!r) throw notFound('兑换码无效');
      await assertCounterStaff(deps.db, user, r);
      return (await presentRedemptions(deps, [r]))[0];
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/redemptions/:id',
    summary: '兑换详情（含兑换二维码）',
    description: "Someone else's redemption → 404.",
    tags: ['rewards'],
    params: IdParams,
    response: Redemption,
    handler: async ({ user, params, deps }) => {
      const [r] = await deps.db.select().from(redemptions).where(and(eq(redemptions.id, params.id), eq(redemptions.userId, user.id)));
      if (!r) throw notFound('找不到该兑换记录');
      return (await presentRedemptions(deps, [r], true))[0];
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/redemptions/:id/cancel',
    summary: '取消兑换（核销前），积分退回',
    description: 'The owner, or a worker of the complex. Refunds once (`redemption_refund`) and returns the unit to stock; cancelling again changes nothing. 409 `already_fulfilled`.',
    tags: ['rewards'],
    params: IdParams,
    idempotent: true,
    response: Redemption,
    handler: async ({ user, params, deps, ctx }) => {
      const r = await cancelRedemption(deps.db, user, params.id, deps.clock.now());
      if (r.userId !== user.id) {
        await audit(deps.db, { actorId: user.id, action: 'redemption.cancel', targetType: 'redemption', targetId: r.id, detail: { userId: r.userId }, ...requestFacts(ctx) });
      }
      return (await presentRedemptions(deps, [r]))[0];
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/redemptions/verify',
    summary: '柜台核销兑换码',
    description: 'Body `{code}`: the QR payload or the 8-digit code. Only workers of the reward\'s complex (403 otherwise). 409 `already_fulfilled`, `redemption_cancelled`.',
    tags: ['rewards'],
    auth: ['worker', 'street_admin', 'district_admin'],
    body: VerifyBody,
    response: Redemption,
    handler: async ({ user, body, deps, ctx }) => {
      const found = await findByCode(deps.db, deps.config.JWT_SECRET, body.code);
      if (!found) throw notFound('兑换码无效');
      await assertCounterStaff(deps.db, user, found);
      const r = await withTx(deps.db, async (tx) => {
        const done = await fulfil(tx, user, found.id, deps.clock.now());
        await audit(tx, { actorId: user.id, action: 'redemption.fulfil', targetType: 'redemption', targetId: done.id, detail: { userId: done.userId, rewardId: done.rewardId }, ...requestFacts(ctx) });
        return done;
      });
      return (await presentRedemptions(deps, [r]))[0];
    },
  }),
];
