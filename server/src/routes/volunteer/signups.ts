import { z } from 'zod';
import { withTx } from '../../db/client';
import { appError, conflict, notFound, validationFailed } from '../../errors';
import { IdParams, decodeCursor, encodeCursor, route } from '../../http/route';
import { auditDetailOf, withAuditDetail } from '../../http/auditDetail';
import { verifyVenueCode } from '../../domain/checkin/venueCode';
import { loadPost } from '../../domain/volunteer/posts';
import { hoursOf } from '../../domain/volunteer/hours';
import { notify } from '../../domain/notifications/notify';
import { approveHours, cancelSignup, checkIn, checkOut, lockOwnSignup, lockSignupForStaff } from '../../domain/volunteer/signups';
import { complexNames } from '../../domain/points/queries';
import { signupsOf } from '../../domain/volunteer/queries';
import { presentPost, presentSignup } from './present';
import { ApproveBody, CodeBody, MarkBody } from './schema';
import { ApproveResult, MySignups, Signup } from '../../../../shared/api/volunteer';

const Cursor = z.tuple([z.string(), z.number().int().positive()]);

/** Resident side of the rotating venue QR: the code names the post; the caller's sign-up moves on. */
async function byVenueCode(deps: Parameters<Parameters<typeof route>[0]['handler']>[0]['deps'], userId: number, code: string, step: 'in' | 'out') {
  const now = deps.clock.now();
  const check = verifyVenueCode(deps.config.JWT_SECRET, code, now);
  if (!check.ok) {
    throw check.reason === 'expired' ? conflict('code_expired', '签到码已过期，请扫描现场最新的二维码') : appError(422, 'code_invalid', '签到码无效');
  }
  if (check.kind !== 'post') throw appError(422, 'code_invalid', '这不是志愿岗位的签到码');
  return withTx(deps.db, async (tx) => {
    const post = await loadPost(tx, check.id);
    const s = post ? await lockOwnSignup(tx, userId, check.id) : null;
    if (!post || !s) throw notFound('您没有报名该志愿岗位');
    const next = step === 'in' ? await checkIn(tx, s, post, userId, now) : await checkOut(tx, s, post, userId, now);
    return presentSignup(next);
  });
}

/** A worker marks a volunteer present (`in`) or gone (`out`), e.g. one who came without a phone. */
function staffMark(step: 'in' | 'out') {
  return route({
    method: 'post',
    path: `/api/v1/volunteer-signups/:id/check-${step}`,
    summary: step === 'in' ? '工作人员代为签到' : '工作人员代为签退',
    description: 'Optional `at` (default now). Check-out records the minutes present, clipped to the post\'s time.',
    tags: ['volunteer'],
    auth: ['worker', 'street_admin', 'branch_admin', 'district_admin'],
    params: IdParams,
    body: MarkBody,
    response: Signup,
    transaction: true,
    audit: ({ params, result }) => ({ action: `volunteer_signup.check_${step}`, targetType: 'volunteer_signup', targetId: params.id, detail: auditDetailOf(result) }),
    handler: async ({ user, params, body, deps, tx }) => {
      const { s, post } = await lockSignupForStaff(tx, user, params.id);
      const at = body.at ?? deps.clock.now();
      if (step === 'out' && s.checkedInAt && at < s.checkedInAt) throw validationFailed({ at: '签退时间不能早于签到时间' });
      const next = step === 'in' ? await checkIn(tx, s, post, user.id, at) : await checkOut(tx, s, post, user.id, at);
      return withAuditDetail(presentSignup(next), { at: (step === 'in' ? next.checkedInAt : next.checkedOutAt)?.toISOString(), presentMinutes: next.presentMinutes });
    },
  });
}

export default [
  route({
    method: 'get',
    path: '/api/v1/me/volunteer-signups',
    summary: '我的志愿报名（即将开始 / 历史）',
    description: '`upcoming`: posts not yet ended and not yet settled, soonest first; `history`: ended, cancelled or hours approved, newest first.',
    tags: ['volunteer'],
    query: z.object({ scope: z.enum(['upcoming', 'history']).default('upcoming'), cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
    response: MySignups,
    handler: async ({ user, query, deps }) => {
      const now = deps.clock.now();
      const after = decodeCursor(query.cursor, Cursor);
      const upcoming = query.scope === 'upcoming';
      const rows = await signupsOf(deps.db, user.id, { upcoming, now, after: after ? { startAt: new Date(after[0]), id: after[1] } : null }, query.limit);
      const page = rows.slice(0, query.limit);
      const names = await complexNames(deps.db, page.map((r) => r.p.complexId));
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ ...presentSignup(r.s), post: presentPost(r.p, names.get(r.p.complexId) ?? '') })),
        nextCursor: rows.length > query.limit ? encodeCursor([last.p.startAt.toISOString(), last.s.id]) : null,
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/volunteer-signups/:id/cancel',
    summary: '取消志愿报名（开始前 2 小时截止）',
    description: '409 `cancel_closed` within 2 h of the start; someone else\'s sign-up → 404.',
    tags: ['volunteer'],
    params: IdParams,
    idempotent: true,
    response: Signup,
    handler: async ({ user, params, deps }) => presentSignup(await cancelSignup(deps.db, user.id, params.id, deps.clock.now())),
  }),
  route({
    method: 'post',
    path: '/api/v1/volunteer/check-in',
    summary: '志愿者扫码签到',
    description: 'Body `{code}`: the rotating venue code the worker\'s phone shows for the post (kind `post`). 409 `code_expired`, 422 `code_invalid`.',
    tags: ['volunteer'],
    body: CodeBody,
    response: Signup,
    handler: async ({ user, body, deps }) => byVenueCode(deps, user.id, body.code, 'in'),
  }),
  route({
    method: 'post',
    path: '/api/v1/volunteer/check-out',
    summary: '志愿者扫码签退',
    description: 'Records the minutes present, clipped to the post\'s start and end.',
    tags: ['volunteer'],
    body: CodeBody,
    response: Signup,
    handler: async ({ user, body, deps }) => byVenueCode(deps, user.id, body.code, 'out'),
  }),
  staffMark('in'),
  staffMark('out'),
  route({
    method: 'post',
    path: '/api/v1/volunteer-signups/:id/approve',
    summary: '确认志愿服务时长（可调整，须说明原因）并发放积分',
    description:
      'Worker of the post\'s complex. Without `minutes` the minutes present are approved; different minutes need a `reason`. Credits `volunteer_hours` once (source `signup:<id>`): approving again returns `alreadyApproved: true` and pays nothing. `cappedBy` > 0 when the daily cap cut the credit.',
    tags: ['volunteer'],
    auth: ['worker', 'street_admin', 'branch_admin', 'district_admin'],
    params: IdParams,
    body: ApproveBody,
    idempotent: true,
    response: ApproveResult,
    transaction: true,
    // approving again changes nothing and is not audited again
    audit: ({ params, body, result }) =>
      (result as { alreadyApproved: boolean }).alreadyApproved
        ? null
        : { action: 'volunteer_signup.approve_hours', targetType: 'volunteer_signup', targetId: params.id, detail: { ...auditDetailOf(result), reason: body.reason ?? null } },
    handler: async ({ user, params, body, deps, tx }) => {
        const r = await approveHours(tx, user, params.id, body, deps.clock.now());
        if (!r.alreadyApproved) {
          await notify(tx, r.signup.userId, {
            kind: 'volunteer_hours',
            title: `志愿时长已确认：${hoursOf(r.signup.approvedMinutes ?? 0)} 小时`,
            body: `「${r.post.title}」获得 ${r.credited} 积分${r.cappedBy > 0 ? `（今日志愿积分已达上限，${r.cappedBy} 分未计入）` : ''}`,
            link: '/packages/points/pages/index/index',
          });
        }
        return withAuditDetail(
          { ...presentSignup(r.signup), credited: r.credited, cappedBy: r.cappedBy, alreadyApproved: r.alreadyApproved },
          { postId: r.post.id, volunteerId: r.signup.userId, presentMinutes: r.presentMinutes, approvedMinutes: r.signup.approvedMinutes, points: r.credited, cappedBy: r.cappedBy },
        );
    },
  }),
];

