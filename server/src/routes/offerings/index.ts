import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { activityById } from '../../domain/booking/access';
import { myBookingOf } from '../../domain/booking/present';
import type { Deps } from '../../deps';
import { assertBranchMember, isBranchMember } from '../../domain/access/scope';
import { shanghaiMonth } from '../../domain/time/shanghai';
import {
  branchOfferings,
  cancelOffering,
  findOffering,
  offeringView,
  presentOffering,
  publishOffering,
  PUBLIC_OFFERINGS_WINDOW,
  upcomingOfferings,
  updateOffering,
} from '../../domain/branches/offerings';
import { findBranch } from '../../domain/branches/profile';
import { branchMonthRecord } from '../../domain/branches/records';
import { piiShownOf, withPii } from '../../http/piiShown';
import { checkIn, presentRecord, roster, sessionRecord, writeRecord } from '../../domain/branches/sessions';
import { haversineM } from '../../domain/places/geo';
import { notFound } from '../../errors';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zId, type AuthUser } from '../../http/route';
import { OfferingCreate, OfferingListQuery, OfferingPatch, zMonth } from './schema';
import { MonthRecord, Offering, OfferingCheckIn, OfferingDetail, RosterEntry, SessionRecord, WorkbenchOffering } from '../../../../shared/api/branches';

const MANAGERS = ['branch_admin', 'district_admin'] as const;

/** The offering, once the caller is shown to act for its branch (403 otherwise). */
async function ownOffering(db: DbOrTx, user: AuthUser, id: number) {
  const o = await findOffering(db, id);
  await assertBranchMember(db, user, o.organizerBranchId);
  return o;
}

async function offeringDetail(deps: Deps, user: AuthUser | null, id: number, db: DbOrTx = deps.db) {
  const o = await offeringView(db, id);
  if (!o) throw notFound('服务不存在');
  const canManage = !!user && (await isBranchMember(db, user, o.branchId));
  if (o.status === 'draft' && !canManage) throw notFound('服务不存在');
  const mine = user ? await myBookingOf(db, (await activityById(db, id))!, user.id, deps.clock.now()) : null;
  const managed = canManage ? await sessionRecord(db, id) : {};
  return { ...presentOffering(o), myBooking: mine ?? null, canManage, ...managed };
}

export default [
  route({
    method: 'post',
    path: '/api/v1/branches/:id/offerings',
    summary: '党支部发布送服务（服务清单项目 @ 结对综合体）',
    description:
      'By an account of this branch (or a district admin). The item comes from the service list; the complex must be paired with the branch (403 otherwise). The offering is an activity (`organizerBranchId`, `serviceItemId` set, status `published`) that residents book through `POST /api/v1/activities/:id/bookings` (seats, waitlist and no-oversell as for any activity).',
    tags: ['offerings'],
    auth: MANAGERS,
    params: IdParams,
    body: OfferingCreate,
    status: 201,
    idempotent: true,
    response: OfferingDetail,
    transaction: true,
    audit: ({ params, body, result }) => ({ action: 'offering.publish', targetType: 'activity', targetId: (result as { id: number }).id, detail: { branchId: params.id, complexId: body.complexId, serviceItemId: body.serviceItemId } }),
    handler: async ({ params, body, user, deps, tx }) => {
      await findBranch(tx, params.id);
      await assertBranchMember(tx, user, params.id);
      const id = await publishOffering(tx, params.id, user.id, body, deps.clock.now());
      return offeringDetail(deps, user, id, tx);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/branches/:id/offerings',
    summary: '党支部工作台：本支部的服务（即将开展 / 已结束）',
    tags: ['offerings'],
    auth: MANAGERS,
    params: IdParams,
    query: PageQuery.extend({ when: z.enum(['upcoming', 'past']).default('upcoming') }),
    response: pageOf(WorkbenchOffering),
    handler: async ({ params, query, user, deps }) => {
      await findBranch(deps.db, params.id);
      await assertBranchMember(deps.db, user, params.id);
      const offset = decodeCursor(query.cursor, z.number().int().min(0)) ?? 0;
      const { rows, more } = await branchOfferings(deps.db, params.id, query.when, deps.clock.now(), query.limit, offset);
      return {
        items: rows.map((r) => ({ ...presentOffering(r), checkedInCount: r.checkedInCount, record: presentRecord(r.record) })),
        nextCursor: more ? encodeCursor(offset + query.limit) : null,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/branches/:id/records',
    summary: '党支部月度记录（开展场次、服务居民、志愿时长、平均评分）',
    description:
      'Sessions held = offerings of the month (Asia/Shanghai) that were not cancelled and have begun (or had someone checked in); residents served = bookings checked in at them; `peopleServedRecorded` sums the branch\'s own session records; `volunteerHours` = minutes approved on the branch\'s volunteer posts starting in the month; `averageRating` averages the stars of residents\' ratings (评议, target type `branch_service`) of the month\'s held sessions, whenever given, to one decimal, with `ratingCount` ratings; null (and 0) when there are none. Each session carries its own.',
    tags: ['offerings'],
    auth: MANAGERS,
    params: IdParams,
    query: z.object({ month: zMonth.optional() }),
    response: MonthRecord,
    handler: async ({ params, query, user, deps }) => {
      await findBranch(deps.db, params.id);
      await assertBranchMember(deps.db, user, params.id);
      const now = deps.clock.now();
      return branchMonthRecord(deps.db, params.id, query.month ?? shanghaiMonth(now), now);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/offerings',
    summary: '党员服务：即将开展的送服务（按类别，附近优先）',
    description: 'Published offerings that have not ended. `category` is a service category id; with `lat,lng` the nearest complexes come first and each item has `distanceM`, otherwise soonest first.',
    tags: ['offerings'],
    auth: 'public',
    query: OfferingListQuery,
    response: pageOf(Offering),
    handler: async ({ query, deps }) => {
      // Bounded work per anonymous request: soonest-first pages read only up to their end in SQL;
      // nearest-first sorts at most PUBLIC_OFFERINGS_WINDOW rows; deeper offsets are refused.
      const offset = decodeCursor(query.cursor, z.number().int().min(0).max(PUBLIC_OFFERINGS_WINDOW - 1)) ?? 0;
      const hasPoint = query.lat !== undefined && query.lng !== undefined;
      const rows = await upcomingOfferings(
        deps.db,
        { categoryId: query.category, branchId: query.branchId, complexId: query.complexId },
        deps.clock.now(),
        hasPoint ? PUBLIC_OFFERINGS_WINDOW : offset + query.limit + 1,
      );
      const items = rows.map((r) => ({
        ...presentOffering(r),
        ...(hasPoint ? { distanceM: Math.round(haversineM(query.lat!, query.lng!, r.complexLat, r.complexLng)) } : {}),
      }));
      if (hasPoint) items.sort((a, b) => a.distanceM! - b.distanceM! || a.startAt.localeCompare(b.startAt) || a.id - b.id);
      return {
        items: items.slice(offset, offset + query.limit),
        nextCursor: items.length > offset + query.limit ? encodeCursor(offset + query.limit) : null,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/offerings/:id',
    summary: '送服务详情',
    description: 'Public; `myBooking` is the caller\'s booking (or null). The branch\'s accounts also get `checkedInCount` and `record`.',
    tags: ['offerings'],
    auth: 'public',
    params: IdParams,
    response: OfferingDetail,
    handler: ({ params, user, deps }) => offeringDetail(deps, user, params.id),
  }),
  route({
    method: 'patch',
    path: '/api/v1/offerings/:id',
    summary: '修改本支部的送服务',
    description:
      'Only the organizing branch (403 for other branches); applied with the activity rules. Capacity can never drop below the seats already booked (409 `capacity_below_booked`); a cancelled or finished offering → 409 `activity_not_editable`; new times reach every booking and its holder is told.',
    tags: ['offerings'],
    auth: MANAGERS,
    params: IdParams,
    body: OfferingPatch,
    response: OfferingDetail,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'offering.update', targetType: 'activity', targetId: params.id, detail: body }),
    handler: async ({ params, body, user, deps, tx }) => {
      await ownOffering(tx, user, params.id);
      await updateOffering(tx, params.id, body, deps.clock.now());
      return offeringDetail(deps, user, params.id, tx);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/offerings/:id/cancel',
    summary: '取消本支部的送服务',
    description:
      'Cancels every booking of it and tells the residents in their message centre. Cancelling twice is harmless; 409 `offering_started` once anyone was checked in, `offering_closed` after the end.',
    tags: ['offerings'],
    auth: MANAGERS,
    params: IdParams,
    body: z.object({ reason: z.string().trim().max(100, '原因最多 100 个字').default('') }).strict(),
    idempotent: true,
    response: OfferingDetail,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'offering.cancel', targetType: 'activity', targetId: params.id, detail: body }),
    handler: async ({ params, body, user, deps, tx }) => {
      await ownOffering(tx, user, params.id);
      await cancelOffering(tx, params.id, body.reason, deps.clock.now());
      return offeringDetail(deps, user, params.id, tx);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/offerings/:id/roster',
    summary: '送服务预约名单（手机号脱敏）',
    tags: ['offerings'],
    auth: MANAGERS,
    params: IdParams,
    response: pageOf(RosterEntry),
    pii: { fields: ['realName'], purpose: 'offering_roster', subjects: ({ result }) => piiShownOf(result) },
    handler: async ({ params, user, deps }) => {
      const o = await ownOffering(deps.db, user, params.id);
      const items = await roster(deps.db, params.id);
      return withPii({ items, nextCursor: null }, items.filter((i) => i.realName).map((i) => ({ userId: i.userId, complexId: o.complexId })));
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/offerings/:id/checkins',
    summary: '为预约居民签到（组织支部）',
    description:
      'Marks a booked resident as arrived with the activity check-in rules (from 30 min before the start to the end; the reward is credited once). A booking already checked in comes back with `alreadyCheckedIn: true`. 409 `checkin_not_open`, `checkin_closed`, `not_booked` (waitlisted), `booking_not_active`; 404 for a booking of another activity.',
    tags: ['offerings'],
    auth: MANAGERS,
    params: IdParams,
    body: z.object({ bookingId: zId }).strict(),
    idempotent: true,
    response: OfferingCheckIn,
    transaction: true,
    // checking in twice is audited once
    audit: ({ params, body, result }) =>
      (result as { alreadyCheckedIn: boolean }).alreadyCheckedIn ? null : { action: 'offering.checkin', targetType: 'booking', targetId: body.bookingId, detail: { offeringId: params.id } },
    handler: async ({ params, body, user, deps, tx }) => {
      await ownOffering(tx, user, params.id);
      const r = await checkIn(tx, params.id, body.bookingId, user.id, deps.clock.now());
      return { bookingId: r.bookingId, userId: r.userId, status: r.status, checkedInAt: r.checkedInAt, pointsAwarded: r.pointsAwarded, alreadyCheckedIn: r.alreadyCheckedIn };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/offerings/:id/record',
    summary: '服务记录（本场服务人数、备注）',
    tags: ['offerings'],
    auth: MANAGERS,
    params: IdParams,
    response: SessionRecord,
    handler: async ({ params, user, deps }) => {
      await ownOffering(deps.db, user, params.id);
      return sessionRecord(deps.db, params.id);
    },
  }),
  route({
    method: 'put',
    path: '/api/v1/offerings/:id/record',
    summary: '填写服务记录（服务后）',
    description: 'Once the session has started or someone was checked in; writing again replaces the record. 409 `session_not_started`, `offering_closed` (cancelled).',
    tags: ['offerings'],
    auth: MANAGERS,
    params: IdParams,
    body: z
      .object({
        peopleServed: z.number({ error: '请填写服务人数' }).int('必须是整数').min(0, '不能小于 0').max(10000, '最多 10000 人'),
        notes: z.string().trim().max(500, '备注最多 500 个字').default(''),
      })
      .strict(),
    response: SessionRecord,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'offering.record', targetType: 'activity', targetId: params.id, detail: body }),
    handler: async ({ params, body, user, deps, tx }) => {
      await ownOffering(tx, user, params.id);
      await writeRecord(tx, params.id, user.id, body, deps.clock.now());
      return sessionRecord(tx, params.id);
    },
  }),
];
