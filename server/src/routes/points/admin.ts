import { z } from 'zod';
import { route } from '../../http/route';
import { adminAdjust } from '../../domain/points/admin';
import { EARN_REASONS, listCaps, setCap } from '../../domain/points/caps';
import { checkLedgerInvariant } from '../../domain/points/invariant';

const AdjustBody = z
  .object({
    userId: z.number().int().positive(),
    delta: z
      .number()
      .int('须为整数')
      .min(-100_000)
      .max(100_000)
      .refine((d) => d !== 0, '调整分值不能为 0'),
    reason: z.string().trim().min(4, '请写明调整原因（至少 4 个字）').max(150),
  })
  .strict();

const Cap = z.object({ reason: z.string(), dailyCap: z.number().int().nullable(), configured: z.boolean(), updatedAt: z.string().nullable() });

export default [
  route({
    method: 'post',
    path: '/api/v1/admin/points/adjustments',
    summary: '调整居民积分（区级管理员，须写明原因，记入审计）',
    description:
      'A signed `admin_adjustment` entry with the written reason; never takes a balance below zero (409 `insufficient_points`). Send an `Idempotency-Key`: each accepted request is one adjustment.',
    tags: ['points'],
    auth: ['district_admin'],
    body: AdjustBody,
    status: 201,
    idempotent: true,
    response: z.object({ entryId: z.number().int(), userId: z.number().int(), delta: z.number().int(), balance: z.number().int(), description: z.string() }),
    transaction: true,
    audit: ({ body, result }) => {
      const r = result as { entryId: number; balance: number };
      return { action: 'points.adjust', targetType: 'user', targetId: body.userId, detail: { delta: body.delta, reason: body.reason, entryId: r.entryId, balanceAfter: r.balance } };
    },
    handler: ({ user, body, deps, tx }) => adminAdjust(tx, user.id, body, deps.clock.now()),
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/points/caps',
    summary: '每日积分上限（按原因）',
    description: 'Effective daily earning cap per reason (Asia/Shanghai day); `configured: false` means the built-in default applies.',
    tags: ['points'],
    auth: ['district_admin'],
    response: z.object({ items: z.array(Cap) }),
    handler: async ({ deps }) => ({ items: await listCaps(deps.db) }),
  }),
  route({
    method: 'put',
    path: '/api/v1/admin/points/caps/:reason',
    summary: '设置每日积分上限（区级管理员，记入审计）',
    description: '`dailyCap: null` removes the cap for that reason. Applies to every credit from the next one on.',
    tags: ['points'],
    auth: ['district_admin'],
    params: z.object({ reason: z.enum(EARN_REASONS, { error: '只能为获取积分的原因设置上限' }) }),
    body: z.object({ dailyCap: z.number().int().min(0).max(100_000).nullable() }).strict(),
    response: z.object({ items: z.array(Cap) }),
    transaction: true,
    audit: ({ params, body }) => ({ action: 'points.set_cap', targetType: 'points_cap', targetId: params.reason, detail: { dailyCap: body.dailyCap } }),
    handler: async ({ user, params, body, tx }) => {
      await setCap(tx, params.reason, body.dailyCap, user.id);
      return { items: await listCaps(tx) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/admin/points/invariant',
    summary: '积分账本一致性检查',
    description: 'Every balance equals the sum of its entries and is ≥ 0; every entry\'s balanceAfter equals the running sum; every account\'s `held` equals its open holds and stays within the balance; every 至善 pool\'s balance equals its entries and is ≥ 0 (pool violations have userId 0 and name the complexId). `ok: false` lists the violations.',
    tags: ['points'],
    auth: ['district_admin'],
    response: z.object({
      ok: z.boolean(),
      accounts: z.number().int(),
      entries: z.number().int(),
      holds: z.number().int(),
      pools: z.number().int(),
      violations: z.array(z.object({ userId: z.number().int(), complexId: z.number().int().optional(), kind: z.string(), detail: z.record(z.string(), z.number()) })),
    }),
    handler: async ({ deps }) => checkLedgerInvariant(deps.db),
  }),
];
