import QRCode from 'qrcode';
import { z } from 'zod';
import { mySlotBookings, ownSlotBookingId, spaceRosterView, spaceRulesOf, upcomingBlackouts } from '../../domain/booking/queries';
import { addBlackout, removeBlackout, bookSlot, cancelSlotBooking, managedSpace, putRules, slotsView } from '../../domain/booking/spaces';
import { shanghaiDay } from '../../domain/time/shanghai';
import { issueVenueCode, personalCode } from '../../domain/checkin/venueCode';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zDate, zInstant } from '../../http/route';
import { BlackoutAdded, Blackouts, BookingQr, MySlotBooking, SlotBooking, SlotBookingCreated, SpaceDay, SpaceRoster, SpaceRules, VenueCode } from '../../../../shared/api/booking';

const STAFF = ['worker', 'street_admin', 'district_admin'] as const;
const Hm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间格式应为 HH:mm');
const Window = z.object({ open: Hm, close: Hm }).strict();
const Rules = z
  .object({
    weeklyHours: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7'], { error: '星期应为 1（周一）到 7（周日）' }), z.array(Window).max(4)),
    slotMinutes: z.number().int().min(15, '时段至少 15 分钟').max(480, '时段最长 8 小时'),
    capacityPerSlot: z.number().int().min(1, '每时段至少 1 人').max(500),
    daysAhead: z.number().int().min(0).max(60).default(7),
    perUserPerDay: z.number().int().min(1).max(24).default(2),
    perUserPerWeek: z.number().int().min(1).max(100).default(5),
    cancelDeadlineMinutes: z.number().int().min(0).max(1440).default(30),
    enabled: z.boolean().default(true),
  })
  .strict();
const SpaceParams = z.object({ id: IdParams.shape.id });

export default [
  route({
    method: 'get',
    path: '/api/v1/spaces/:id/slots',
    summary: '场地某日的预约时段（剩余名额）',
    description: '`date` is a Shanghai date (default today). Slots come from the space\'s opening hours; a blackout day has none bookable.',
    tags: ['spaces'],
    params: SpaceParams,
    query: z.object({ date: zDate.optional() }),
    response: SpaceDay,
    handler: ({ params, query, user, deps }) => {
      const now = deps.clock.now();
      return slotsView(deps.db, params.id, query.date ?? shanghaiDay(now), user.id, now);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/spaces/:id/bookings',
    summary: '预约场地时段',
    description:
      '201 with the slot booking. 409 `slot_full`, `already_booked`, `booking_closed` (past, beyond the days ahead, blackout), `quota_exceeded` (per day / per week); 403 `booking_suspended`; 422 when `startAt` is not one of the space\'s slots. Honours Idempotency-Key.',
    tags: ['spaces'],
    params: SpaceParams,
    body: z.object({ startAt: zInstant }).strict(),
    status: 201,
    idempotent: true,
    response: SlotBookingCreated,
    handler: ({ params, body, user, deps }) => bookSlot(deps.db, user.id, params.id, body.startAt, deps.clock.now()),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/slot-bookings',
    summary: '我的场地预约',
    tags: ['spaces'],
    query: PageQuery,
    response: pageOf(MySlotBooking),
    handler: async ({ query, user, deps }) => {
      const before = decodeCursor(query.cursor, z.number().int().positive());
      const page = await mySlotBookings(deps.db, user.id, before, query.limit, deps.clock.now());
      return {
        items: page.items.map((b) => ({ ...b, code: personalCode(deps.config.JWT_SECRET, 'slot_booking', b.id) })),
        nextCursor: page.next === null ? null : encodeCursor(page.next),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/slot-bookings/:id/cancel',
    summary: '取消我的场地预约',
    description: 'Until the space\'s cancellation deadline (409 `cancel_deadline_passed`). Someone else\'s → 404.',
    tags: ['spaces'],
    params: IdParams,
    idempotent: true,
    response: SlotBooking,
    handler: ({ params, user, deps }) => cancelSlotBooking(deps.db, user.id, params.id, deps.clock.now()),
  }),
  route({
    method: 'get',
    path: '/api/v1/slot-bookings/:id/qr',
    summary: '我的场地预约码（二维码图片）',
    tags: ['spaces'],
    params: IdParams,
    response: BookingQr,
    handler: async ({ params, user, deps }) => {
      const code = personalCode(deps.config.JWT_SECRET, 'slot_booking', await ownSlotBookingId(deps.db, user.id, params.id));
      return { code, dataUrl: await QRCode.toDataURL(code, { margin: 1, width: 360 }) };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/spaces/:id/rules',
    summary: '场地预约规则',
    tags: ['spaces'],
    params: SpaceParams,
    response: SpaceRules,
    handler: ({ params, deps }) => spaceRulesOf(deps.db, params.id),
  }),
  route({
    method: 'put',
    path: '/api/v1/spaces/:id/rules',
    summary: '设置场地预约规则（工作人员）',
    description: 'Opening hours per ISO weekday ("1" Monday … "7" Sunday) as Shanghai wall time, slot length, places per slot (1 = exclusive), days ahead, per-user quotas.',
    tags: ['spaces'],
    auth: STAFF,
    params: SpaceParams,
    body: Rules,
    response: SpaceRules,
    transaction: true,
    audit: ({ params, body }) => ({ action: 'space.rules', targetType: 'space', targetId: params.id, detail: body }),
    handler: ({ params, body, user, deps, tx }) => putRules(tx, user, params.id, body, deps.clock.now()),
  }),
  route({
    method: 'get',
    path: '/api/v1/spaces/:id/blackouts',
    summary: '场地暂停开放日期',
    tags: ['spaces'],
    params: SpaceParams,
    response: Blackouts,
    handler: async ({ params, deps }) => ({ items: await upcomingBlackouts(deps.db, params.id, deps.clock.now()) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/spaces/:id/blackouts',
    summary: '设置暂停开放日（节假日、维修）',
    description: 'Bookings already made for that date are cancelled and their holders told. 409 `blackout_exists`.',
    tags: ['spaces'],
    auth: STAFF,
    params: SpaceParams,
    body: z.object({ day: zDate, reason: z.string().trim().max(60).default('') }).strict(),
    status: 201,
    response: BlackoutAdded,
    transaction: true,
    audit: ({ params, result }) => ({ action: 'space.blackout', targetType: 'space', targetId: params.id, detail: result as Record<string, unknown> }),
    handler: ({ params, body, user, deps, tx }) => addBlackout(tx, user, params.id, body.day, body.reason, deps.clock.now()),
  }),
  route({
    method: 'delete',
    path: '/api/v1/spaces/:id/blackouts/:day',
    summary: '撤销暂停开放日',
    tags: ['spaces'],
    auth: STAFF,
    params: z.object({ id: IdParams.shape.id, day: zDate }),
    status: 204,
    transaction: true,
    audit: ({ params }) => ({ action: 'space.blackout_remove', targetType: 'space', targetId: params.id, detail: { day: params.day } }),
    handler: ({ params, user, tx }) => removeBlackout(tx, user, params.id, params.day),
  }),
  route({
    method: 'get',
    path: '/api/v1/spaces/:id/roster',
    summary: '场地某日预约名单（工作人员）',
    tags: ['spaces'],
    auth: STAFF,
    params: SpaceParams,
    query: z.object({ date: zDate.optional() }),
    response: SpaceRoster,
    handler: ({ params, query, user, deps }) => spaceRosterView(deps.db, user, params.id, query.date, deps.clock.now()),
  }),
  route({
    method: 'get',
    path: '/api/v1/spaces/:id/checkin-code',
    summary: '场地现场签到二维码（每 30 秒刷新）',
    tags: ['spaces'],
    auth: STAFF,
    params: SpaceParams,
    response: VenueCode,
    handler: async ({ params, user, deps }) => {
      await managedSpace(deps.db, user, params.id);
      const { code, expiresAt } = issueVenueCode(deps.config.JWT_SECRET, 'slot', params.id, deps.clock.now());
      return { code, dataUrl: await QRCode.toDataURL(code, { margin: 1, width: 360 }), expiresAt: expiresAt.toISOString(), refreshSeconds: 30 };
    },
  }),
];
