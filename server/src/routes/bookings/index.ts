import { and, desc, eq, gt, lt } from 'drizzle-orm';
import QRCode from 'qrcode';
import { z } from 'zod';
import { activities, bookings, complexes } from '../../db/schema';
import { BOOKING_STATUSES } from '../../db/schema';
import { audit, requestFacts } from '../../domain/audit/log';
import { bookActivity } from '../../domain/booking/book';
import { cancelBooking } from '../../domain/booking/cancel';
import { checkInWithPersonalCode, checkInWithVenueCode } from '../../domain/booking/checkin';
import { settleNoShows } from '../../domain/booking/noShows';
import { cancelDeadlineOf } from '../../domain/booking/present';
import { personalCode } from '../../domain/checkin/venueCode';
import { notFound } from '../../errors';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zId } from '../../http/route';

const STAFF = ['worker', 'branch_admin', 'district_admin'] as const;

const BookingCreated = z.object({ id: z.number().int(), activityId: z.number().int(), status: z.enum(['booked', 'waitlisted']) });
const Booking = z.object({
  id: z.number().int(),
  activityId: z.number().int(),
  status: z.enum(BOOKING_STATUSES),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
});
const MyBookingItem = Booking.extend({
  /** the personal booking code staff scan (render it as a QR, or GET /bookings/:id/qr) */
  code: z.string(),
  canCancel: z.boolean(),
  activity: z.object({
    title: z.string(),
    startAt: z.string(),
    endAt: z.string(),
    complexId: z.number().int(),
    complexName: z.string(),
    location: z.string(),
    status: z.string(),
    pointsReward: z.number().int(),
  }),
});
const CheckIn = z.object({
  kind: z.enum(['activity', 'space']),
  bookingId: z.number().int(),
  userId: z.number().int(),
  title: z.string(),
  status: z.literal('checked_in'),
  checkedInAt: z.string(),
  pointsAwarded: z.number().int(),
  alreadyCheckedIn: z.boolean(),
});

const presentBooking = (b: typeof bookings.$inferSelect) => ({
  id: b.id,
  activityId: b.activityId,
  status: b.status,
  createdAt: b.createdAt.toISOString(),
  cancelledAt: b.cancelledAt?.toISOString() ?? null,
  checkedInAt: b.checkedInAt?.toISOString() ?? null,
});

export default [
  route({
    method: 'post',
    path: '/api/v1/activities/:id/bookings',
    summary: '预约活动（名额满则进入候补）',
    description:
      '201 `{id, activityId, status}` with status booked or waitlisted. 409 `already_booked`, 409 `activity_full`, 409 `booking_closed` (outside the booking window, cancelled or ended), 409 `booking_limit_reached` (MAX_ACTIVE_BOOKINGS upcoming bookings), 403 `booking_suspended` (after 3 no-shows within 30 days; the message names the end date). Honours Idempotency-Key.',
    tags: ['bookings'],
    params: IdParams,
    status: 201,
    idempotent: true,
    response: BookingCreated,
    handler: ({ params, user, deps }) => bookActivity(deps.database, user.id, params.id, deps.clock.now(), deps.config.MAX_ACTIVE_BOOKINGS),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/bookings',
    summary: '我的活动预约',
    description: 'Newest first. `scope=upcoming` keeps those not yet ended and still active.',
    tags: ['bookings'],
    query: PageQuery.extend({ scope: z.enum(['all', 'upcoming']).default('all') }),
    response: pageOf(MyBookingItem),
    handler: async ({ query, user, deps }) => {
      const now = deps.clock.now();
      const before = decodeCursor(query.cursor, z.number().int().positive());
      const rows = await deps.db
        .select({ b: bookings, a: activities, complexName: complexes.name })
        .from(bookings)
        .innerJoin(activities, eq(activities.id, bookings.activityId))
        .innerJoin(complexes, eq(complexes.id, activities.complexId))
        .where(
          and(
            eq(bookings.userId, user.id),
            before ? lt(bookings.id, before) : undefined,
            query.scope === 'upcoming' ? and(eq(bookings.activeFlag, 1), gt(bookings.endsAt, now)) : undefined,
          ),
        )
        .orderBy(desc(bookings.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(({ b, a, complexName }) => ({
          ...presentBooking(b),
          code: personalCode(deps.config.JWT_SECRET, 'booking', b.id),
          canCancel:
            a.status === 'published' &&
            ((b.status === 'booked' && now < cancelDeadlineOf(a)) || (b.status === 'waitlisted' && now < a.startAt)),
          activity: {
            title: a.title,
            startAt: a.startAt.toISOString(),
            endAt: a.endAt.toISOString(),
            complexId: a.complexId,
            complexName,
            location: a.location,
            status: a.status,
            pointsReward: a.pointsReward,
          },
        })),
        nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].b.id) : null,
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/bookings/:id/cancel',
    summary: '取消我的预约',
    description:
      'A seat until the activity\'s cancellation deadline (409 `cancel_deadline_passed` after), a waitlist place until the start; the freed seat goes to the first waitlisted person, who is told. Someone else\'s booking → 404. Honours Idempotency-Key.',
    tags: ['bookings'],
    params: IdParams,
    idempotent: true,
    response: Booking,
    handler: async ({ params, user, deps }) => presentBooking(await cancelBooking(deps.db, user.id, params.id, deps.clock.now())),
  }),
  route({
    method: 'get',
    path: '/api/v1/bookings/:id/qr',
    summary: '我的预约码（二维码图片）',
    tags: ['bookings'],
    params: IdParams,
    response: z.object({ code: z.string(), dataUrl: z.string() }),
    handler: async ({ params, user, deps }) => {
      const [b] = await deps.db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.id, params.id), eq(bookings.userId, user.id)));
      if (!b) throw notFound('预约不存在');
      const code = personalCode(deps.config.JWT_SECRET, 'booking', b.id);
      return { code, dataUrl: await QRCode.toDataURL(code, { margin: 1, width: 360 }) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/checkins',
    summary: '扫码签到（居民扫工作人员的现场二维码）',
    description:
      'Check-in opens 30 minutes before the start and closes at the end; it credits the activity\'s points reward once. 422 `checkin_code_invalid` / `checkin_code_expired`, 409 `not_booked`, `checkin_not_open`, `checkin_closed`.',
    tags: ['bookings'],
    body: z.object({ code: z.string().trim().min(10, '签到码不完整').max(200) }).strict(),
    response: CheckIn,
    handler: ({ body, user, deps }) => checkInWithVenueCode(deps.db, user.id, body.code, deps.config.JWT_SECRET, deps.clock.now()),
  }),
  route({
    method: 'post',
    path: '/api/v1/checkins/scan',
    summary: '核验居民预约码（工作人员扫码签到）',
    description: 'Staff scan a resident\'s personal booking code; pass `activityId` or `spaceId` to reject codes for something else (409 `wrong_activity`).',
    tags: ['bookings'],
    auth: STAFF,
    body: z.object({ code: z.string().trim().min(6, '预约码不完整').max(200), activityId: zId.optional(), spaceId: zId.optional() }).strict(),
    response: CheckIn,
    handler: async ({ body, user, deps, ctx }) => {
      const r = await checkInWithPersonalCode(deps.db, user, body.code, deps.config.JWT_SECRET, deps.clock.now(), body);
      if (!r.alreadyCheckedIn) {
        await audit(deps.db, { actorId: user.id, action: `${r.kind}.checkin`, targetType: r.kind === 'activity' ? 'booking' : 'slot_booking', targetId: r.bookingId, detail: { userId: r.userId }, ...requestFacts(ctx) });
      }
      return r;
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/bookings/settle',
    summary: '结算未到场（区级管理员；服务器每分钟也会自动执行）',
    description: 'After the end, booked-but-not-checked-in becomes no_show; 3 no-shows within 30 days suspend booking for 7 days.',
    tags: ['bookings'],
    auth: ['district_admin'],
    response: z.object({ noShows: z.number().int(), suspended: z.number().int() }),
    handler: async ({ user, deps, ctx }) => {
      const r = await settleNoShows(deps.db, deps.clock.now());
      await audit(deps.db, { actorId: user.id, action: 'booking.settle', detail: { noShows: r.noShows, suspended: r.suspended.length }, ...requestFacts(ctx) });
      return { noShows: r.noShows, suspended: r.suspended.length };
    },
  }),
];
