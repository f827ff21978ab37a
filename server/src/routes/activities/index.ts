import QRCode from 'qrcode';
import { z } from 'zod';
import { cancelActivityAs, editActivityAs, publishActivity } from '../../domain/booking/activities';
import { presentDetail } from '../../domain/booking/present';
import { listActivities } from '../../domain/booking/list';
import { activityDetailFor, activityRosterExport, activityRosterView, managedActivity, type ActivityView } from '../../domain/booking/queries';
import { piiShownOf, withPii } from '../../http/piiShown';
import { issueVenueCode } from '../../domain/checkin/venueCode';
import { IdParams, decodeCursor, encodeCursor, pageOf, route } from '../../http/route';
import { ActivityCancel, ActivityCreate, ActivityListQuery, ActivityPatch } from './schema';
import { ActivityCancelled, ActivityDetail, ActivityRoster, ActivitySummary, VenueCode } from '../../../../shared/api/booking';

const STAFF = ['worker', 'street_admin', 'branch_admin', 'district_admin'] as const;
const Cursor = z.object({ s: z.string(), i: z.number().int() });

/** What a staff write answers: the detail as its organiser sees it. */
const managedDetail = (row: ActivityView) => ({ ...presentDetail(row), myBooking: null, canManage: true });

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
    handler: ({ params, user, deps }) => activityDetailFor(deps.db, user, params.id, deps.clock.now()),
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
    handler: async ({ body, user, deps, tx }) => managedDetail(await publishActivity(tx, user, body, deps.clock.now())),
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
    handler: async ({ params, body, user, deps, tx }) => managedDetail(await editActivityAs(tx, user, params.id, body, deps.clock.now())),
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
      const { row, told } = await cancelActivityAs(tx, user, params.id, body.reason, deps.clock.now());
      return { ...managedDetail(row), notified: told };
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
    handler: ({ params, user, deps }) => activityRosterView(deps.db, user, params.id),
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
    transaction: true,
    audit: ({ params }) => ({ action: 'activity.roster_export', targetType: 'activity', targetId: params.id }),
    pii: { fields: ['realName'], purpose: 'roster_export', subjects: ({ result }) => piiShownOf(result) },
    handler: async ({ params, user, ctx, tx }) => {
      const { title, workbook, shown } = await activityRosterExport(tx, user, params.id);
      ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      ctx.set('Content-Disposition', `attachment; filename="roster-${params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title}-报名名单.xlsx`)}`);
      ctx.body = workbook;
      return withPii({}, shown);
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
      await managedActivity(deps.db, user, params.id);
      const { code, expiresAt } = issueVenueCode(deps.config.JWT_SECRET, 'activity', params.id, deps.clock.now());
      return { code, dataUrl: await QRCode.toDataURL(code, { margin: 1, width: 360 }), expiresAt: expiresAt.toISOString(), refreshSeconds: 30 };
    },
  }),
];
