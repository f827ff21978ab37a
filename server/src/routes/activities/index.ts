import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { activities } from '../../db/schema';
import { audit } from '../../domain/audit/log';
import { requestFacts } from '../../http/facts';
import { activityById, assertCanManageActivity, canManageActivity } from '../../domain/booking/access';
import { cancelActivity, createActivity, editActivity } from '../../domain/booking/activities';
import { activityQuery, myBookingOf, presentDetail, presentSummary } from '../../domain/booking/present';
import { listActivities } from '../../domain/booking/list';
import { activityRoster, rosterWorkbook } from '../../domain/booking/roster';
import { piiShownOf, withPii } from '../../http/piiShown';
import { issueVenueCode } from '../../domain/checkin/venueCode';
import { notFound } from '../../errors';
import type { Deps } from '../../deps';
import { IdParams, decodeCursor, encodeCursor, pageOf, route, type AuthUser } from '../../http/route';
import { ActivityCancel, ActivityCreate, ActivityListQuery, ActivityPatch } from './schema';
import { ActivityCancelled, ActivityDetail, ActivityRoster, ActivitySummary, VenueCode } from '../../../../shared/api/booking';

const STAFF = ['worker', 'street_admin', 'branch_admin', 'district_admin'] as const;
const Cursor = z.object({ s: z.string(), i: z.number().int() });

/** The activity with its complex and branch names; drafts only for those who run it. */
async function visibleActivity(db: DbOrTx, deps: Deps, id: number, user: AuthUser) {
  const [row] = await activityQuery(db).where(eq(activities.id, id)).limit(1);
  if (!row) throw notFound('活动不存在');
  const canManage = await canManageActivity(db, user, row.a);
  if (row.a.status === 'draft' && !canManage) throw notFound('活动不存在');
  return { row, canManage };
}

export default [
  route({
    method: 'get',
    path: '/api/v1/activities',
    summary: '活动列表',
    description:
      'Published activities, soonest first; by default those not yet ended. Filters: complex, time range (`from`/`to`: ISO instants or Shanghai dates), category, `elderFriendly`, organizing branch. Staff pass `manage=1` for the activities they run, drafts and cancelled ones included.',
    tags: ['activities'],
    query: ActivityListQuery,
    response: pageOf(ActivitySummary),
    handler: async ({ query, user, deps }) => {
      const { cursor, ...filters } = query;
      const r = await listActivities(deps.db, user, { ...filters, after: decodeCursor(cursor, Cursor) }, deps.clock.now());
      return { items: r.items, nextCursor: r.next ? encodeCursor(r.next) : null };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/activities/:id',
    summary: '活动详情（含我的预约）',
    tags: ['activities'],
    params: IdParams,
    response: ActivityDetail,
    handler: async ({ params, user, deps }) => {
      const { row, canManage } = await visibleActivity(deps.db, deps, params.id, user);
      return { ...presentDetail(row), myBooking: await myBookingOf(deps.db, row.a, user.id, deps.clock.now()), canManage };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/activities',
    summary: '发布活动',
    description:
      'Workers publish at their complexes; a branch admin publishes its branch offerings (送服务) only at complexes the branch is paired with (else 403); `organizerBranchId` is set from the caller. `waitlistCapacity` defaults to 0, `status` to published; a draft stays hidden from residents.',
    tags: ['activities'],
    auth: STAFF,
    body: ActivityCreate,
    status: 201,
    response: ActivityDetail,
    transaction: true,
    audit: ({ body, result }) => ({ action: 'activity.create', targetType: 'activity', targetId: (result as { id: number }).id, detail: { complexId: body.complexId, title: body.title } }),
    handler: async ({ body, user, deps, tx }) => {
      const { complexId, ...fields } = body;
      const a = await createActivity(tx, user, complexId, fields, deps.clock.now());
      const { row } = await visibleActivity(tx, deps, a.id, user);
      return { ...presentDetail(row), myBooking: null, canManage: true };
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/activities/:id',
    summary: '修改活动',
    description: 'Capacity never below the seats taken (409 capacity_below_booked); extra seats go to the waitlist first; new times are told to everyone booked.',
    tags: ['activities'],
    auth: STAFF,
    params: IdParams,
    body: ActivityPatch,
    response: ActivityDetail,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'activity.update', targetType: 'activity', targetId: params.id, detail: { fields: Object.keys(body) } }),
    handler: async ({ params, body, user, deps, tx }) => {
      const a = await activityById(tx, params.id);
      if (!a) throw notFound('活动不存在');
      await assertCanManageActivity(tx, user, a);
      await editActivity(tx, a.id, body, deps.clock.now());
      const { row } = await visibleActivity(tx, deps, a.id, user);
      return { ...presentDetail(row), myBooking: null, canManage: true };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/activities/:id/cancel',
    summary: '取消活动（通知所有已预约居民）',
    tags: ['activities'],
    auth: STAFF,
    params: IdParams,
    body: ActivityCancel,
    idempotent: true,
    response: ActivityCancelled,
    transaction: true,
    audit: ({ params, body, result }) => ({ action: 'activity.cancel', targetType: 'activity', targetId: params.id, detail: { reason: body.reason, notified: (result as { notified: number }).notified } }),
    handler: async ({ params, body, user, deps, tx }) => {
      const a = await activityById(tx, params.id);
      if (!a) throw notFound('活动不存在');
      await assertCanManageActivity(tx, user, a);
      const { told } = await cancelActivity(tx, a.id, body.reason, deps.clock.now());
      const { row } = await visibleActivity(tx, deps, a.id, user);
      return { ...presentDetail(row), myBooking: null, canManage: true, notified: told };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/activities/:id/roster',
    summary: '报名名单（工作人员、组织支部）',
    tags: ['activities'],
    auth: STAFF,
    params: IdParams,
    response: ActivityRoster,
    pii: {
      fields: ['realName'],
      purpose: 'activity_roster',
      subjects: ({ result }) => {
        const r = result as { activity: { complexId: number }; items: Array<{ userId: number; realName: string | null }> };
        return r.items.filter((i) => i.realName).map((i) => ({ userId: i.userId, complexId: r.activity.complexId }));
      },
    },
    handler: async ({ params, user, deps }) => {
      const { row, canManage } = await visibleActivity(deps.db, deps, params.id, user);
      if (!canManage) await assertCanManageActivity(deps.db, user, row.a);
      const items = await activityRoster(deps.db, params.id);
      const counts: Record<string, number> = { booked: 0, waitlisted: 0, checked_in: 0, no_show: 0, cancelled: 0 };
      for (const i of items) counts[i.status]++;
      return { activity: presentSummary(row), counts, items };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/activities/:id/roster.xlsx',
    summary: '导出报名名单（Excel）',
    tags: ['activities'],
    auth: STAFF,
    params: IdParams,
    raw: true,
    // the download itself is audited (activity.roster_export); each person in it gets an access entry
    pii: { fields: ['realName'], purpose: 'roster_export', subjects: ({ result }) => piiShownOf(result) },
    handler: async ({ params, user, deps, ctx }) => {
      const { row } = await visibleActivity(deps.db, deps, params.id, user);
      await assertCanManageActivity(deps.db, user, row.a);
      const people = await activityRoster(deps.db, params.id);
      const buf = await rosterWorkbook(row.a.title, row.a.startAt, people);
      await audit(deps.db, { actorId: user.id, action: 'activity.roster_export', targetType: 'activity', targetId: params.id, ...requestFacts(ctx) });
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.set('Content-Disposition', `attachment; filename="roster-${params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${row.a.title}-报名名单.xlsx`)}`);
      ctx.body = buf;
      return withPii({}, people.filter((p) => p.realName).map((p) => ({ userId: p.userId, complexId: row.a.complexId })));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/activities/:id/checkin-code',
    summary: '现场签到二维码（每 30 秒刷新，60 秒有效）',
    tags: ['activities'],
    auth: STAFF,
    params: IdParams,
    response: VenueCode,
    handler: async ({ params, user, deps }) => {
      const { row } = await visibleActivity(deps.db, deps, params.id, user);
      await assertCanManageActivity(deps.db, user, row.a);
      const { code, expiresAt } = issueVenueCode(deps.config.JWT_SECRET, 'activity', params.id, deps.clock.now());
      return { code, dataUrl: await QRCode.toDataURL(code, { margin: 1, width: 360 }), expiresAt: expiresAt.toISOString(), refreshSeconds: 30 };
    },
  }),
];
