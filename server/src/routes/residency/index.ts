import QRCode from 'qrcode';
import { z } from 'zod';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zId } from '../../http/route';
import { conflict, validationFailed } from '../../errors';
import { assertCanManageComplex } from '../../domain/access/scope';
import { RESIDENCY_CODE_REFRESH_S, issueResidencyCode, verifyResidencyCode } from '../../domain/residency/code';
import { listClaims } from '../../domain/residency/queries';
import { HOW_TO_VERIFY, residencyOf } from '../../domain/residency/status';
import { presentDecision, revokeResident, verifyResident } from '../../domain/residency/verify';
import { ResidencyCode, ResidencyDecision, ResidentClaim } from '../../../../shared/api/residency';

/** Who verifies residents: the complex's workers, its street admin, district admins. */
const STAFF = ['worker', 'street_admin', 'district_admin'] as const;
const ResidentParams = z.object({ id: zId, userId: zId });
const TAGS = ['residency'];

const auditDecision = (action: string) => ({ params, result }: { params: { id: number; userId: number }; result: unknown }) => ({
  action,
  targetType: 'user',
  targetId: params.userId,
  detail: { complexId: params.id, status: (result as { status: string }).status },
});

export default [
  route({
    method: 'get',
    path: '/api/v1/me/residency/code',
    summary: '我的认证码（到综合体服务台出示，工作人员扫码认证）',
    description: `A signed code naming the caller and the complex they claimed, valid for two minutes; the screen fetches a fresh one every ${RESIDENCY_CODE_REFRESH_S} s. 409 no_home before a claim, 409 already_verified once verified.`,
    tags: TAGS,
    response: ResidencyCode,
    handler: async ({ user, deps }) => {
      const r = await residencyOf(deps.db, user.id);
      if (r.status === 'none') throw conflict('no_home', `您还没有选择“我的综合体”。${HOW_TO_VERIFY}`);
      if (r.status === 'verified') throw conflict('already_verified', '您的综合体已认证，无需出示认证码');
      const now = deps.clock.now();
      const { code, expiresAt } = issueResidencyCode(deps.config.JWT_SECRET, user.id, r.complexId!, now);
      const qrDataUrl = await QRCode.toDataURL(code, { margin: 1, width: 280 });
      return { code, qrDataUrl, complexId: r.complexId!, complexName: r.complexName, expiresAt: expiresAt.toISOString(), refreshInS: RESIDENCY_CODE_REFRESH_S };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/complexes/:id/residents',
    summary: '居民认证：申请本综合体的居民（待认证 / 已认证）',
    description: 'Residents who set this complex as their home, newest first. `q` searches the name or the masked phone (e.g. its last four digits). Staff of the complex only.',
    tags: TAGS,
    auth: STAFF,
    params: IdParams,
    query: PageQuery.extend({ status: z.enum(['claimed', 'verified']).default('claimed'), q: z.string().trim().max(32).optional() }),
    response: pageOf(ResidentClaim),
    handler: async ({ user, params, query, deps }) => {
      await assertCanManageComplex(deps.db, user, params.id);
      const before = decodeCursor(query.cursor, z.number().int().positive());
      const page = await listClaims(deps.db, params.id, { status: query.status, search: query.q || undefined, before, limit: query.limit });
      return { items: page.items, nextCursor: page.nextBefore ? encodeCursor(page.nextBefore) : null };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/complexes/:id/residents/:userId/verify',
    summary: '认证居民（确认住在本综合体）',
    description: 'A worker of that complex, its street admin or a district admin; anyone else 403. The resident must have claimed this complex (409 not_claimed). Audited; the resident is notified. Verifying twice returns the first verification.',
    tags: TAGS,
    auth: STAFF,
    params: ResidentParams,
    body: z.object({}).strict().optional(),
    response: ResidencyDecision,
    transaction: true,
    audit: auditDecision('residency.verify'),
    handler: async ({ user, params, deps, tx }) => presentDecision(await verifyResident(tx, user, params.id, params.userId, deps.clock.now())),
  }),
  route({
    method: 'post',
    path: '/api/v1/complexes/:id/residents/:userId/revoke',
    summary: '撤销居民认证',
    description: 'The home stays claimed (status claimed) until someone verifies it again. Same staff as verify; 409 not_verified. Audited; the resident is notified.',
    tags: TAGS,
    auth: STAFF,
    params: ResidentParams,
    body: z.object({ reason: z.string().trim().max(100).optional() }).strict(),
    response: ResidencyDecision,
    transaction: true,
    audit: auditDecision('residency.revoke'),
    handler: async ({ user, params, body, tx }) => presentDecision(await revokeResident(tx, user, params.id, params.userId, body.reason)),
  }),
  route({
    method: 'post',
    path: '/api/v1/residency/scan',
    summary: '扫认证码认证居民',
    description: 'The worker scans the 认证码 the resident shows: the code names the resident and the complex; the same rules as verify apply. 422 when the code is malformed, forged or expired.',
    tags: TAGS,
    auth: STAFF,
    body: z.object({ code: z.string().trim().min(1, '请扫描认证码').max(200) }).strict(),
    response: ResidencyDecision,
    transaction: true,
    audit: ({ result }) => {
      const r = result as { userId: number; complexId: number; status: string };
      return { action: 'residency.verify', targetType: 'user', targetId: r.userId, detail: { complexId: r.complexId, status: r.status, via: 'code' } };
    },
    handler: async ({ user, body, deps, tx }) => {
      const now = deps.clock.now();
      const check = verifyResidencyCode(deps.config.JWT_SECRET, body.code, now);
      if (!check.ok) throw validationFailed({ code: check.reason === 'expired' ? '认证码已过期，请居民刷新后重新出示' : '这不是有效的认证码' });
      return presentDecision(await verifyResident(tx, user, check.complexId, check.userId, now));
    },
  }),
];
