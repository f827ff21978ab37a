import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { notFound, validationFailed } from '../../errors';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import { audit } from '../../domain/audit/log';
import { requestFacts } from '../../http/facts';
import { auditDetailOf, withAuditDetail } from '../../http/auditDetail';
import { complexNames, listRewards, ownRedemption, redeemedCounts, redemptionsPage } from '../../domain/points/queries';
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
import { RewardBody, RewardPatchBody, RewardsQuery, VerifyBody } from './schema';
import { Redemption, Reward, RewardList } from '../../../../shared/api/points';

async function presentRewards(deps: Deps, userId: number, rows: RewardRow[], db: DbOrTx = deps.db) {
  if (rows.length === 0) return [];
  const names = await complexNames(db, rows.map((r) => r.complexId));
  const counts = await redeemedCounts(db, userId, rows.map((r) => r.id));
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
async function presentRedemptions(deps: Deps, rows: RedemptionRow[], withQr = false, db: DbOrTx = deps.db) {
  const details = await redemptionDetails(db, rows);
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
    response: RewardList,
    handler: async ({ user, query, deps }) => {
      if (query.view === 'all') {
        if (!query.complexId) throw validationFailed({ complexId: '查看全部兑换项时请指定综合体' });
        await assertCanManageComplex(deps.db, user, query.complexId);
      }
      const rows = await listRewards(deps.db, { complexId: query.complexId, all: query.view === 'all' });
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
    transaction: true,
    audit: ({ body, result }) => ({ action: 'reward.create', targetType: 'reward', targetId: (result as { id: number }).id, detail: { ...body } }),
    handler: async ({ user, body, deps, tx }) => {
      await assertCanManageComplex(tx, user, body.complexId);
      const id = await createReward(tx, user.id, body);
      return (await presentRewards(deps, user.id, [(await loadReward(tx, id))!], tx))[0];
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
    transaction: true,
    audit: ({ params, body }) => ({ action: 'reward.update', targetType: 'reward', targetId: params.id, detail: { ...body } }),
    handler: async ({ user, params, body, deps, tx }) => {
      const r = await loadReward(tx, params.id);
      if (!r) throw notFound('找不到该兑换项');
      await assertCanManageComplex(tx, user, r.complexId);
      await updateReward(tx, r, body);
      return (await presentRewards(deps, user.id, [(await loadReward(tx, r.id))!], tx))[0];
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
      const rows = await redemptionsPage(deps.db, user.id, before, query.limit);
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
      const r = await ownRedemption(deps.db, user.id, params.id);
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
    transaction: true,
    audit: ({ result }) => {
      const r = result as { id: number; rewardId: number };
      return { action: 'redemption.fulfil', targetType: 'redemption', targetId: r.id, detail: { userId: auditDetailOf(r).userId, rewardId: r.rewardId } };
    },
    handler: async ({ user, body, deps, tx }) => {
      const found = await findByCode(tx, deps.config.JWT_SECRET, body.code);
      if (!found) throw notFound('兑换码无效');
      await assertCounterStaff(tx, user, found);
      const done = await fulfil(tx, user, found.id, deps.clock.now());
      const [shown] = await presentRedemptions(deps, [done], false, tx);
      return withAuditDetail(shown, { userId: done.userId });
    },
  }),
];
