import QRCode from 'qrcode';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { bookActivity } from '../../domain/booking/book';
import { cancelBooking } from '../../domain/booking/cancel';
import { pushPendingReminders } from '../../domain/reminders/job';
import { bookForSenior, cancelForSenior } from '../../domain/booking/proxy';
import { assertCanActFor } from '../../domain/family/access';
import { checkInWithPersonalCode, checkInWithVenueCode } from '../../domain/booking/checkin';
import { settleNoShowsAudited } from '../../domain/booking/noShows';
import { bookingsPage, ownBookingCode, presentBooking } from '../../domain/booking/queries';
import type { DbOrTx } from '../../db/client';
import { IdParams, PageQuery, decodeCursor, encodeCursor, pageOf, route, zId } from '../../http/route';
import { Booking, BookingCreated, BookingQr, CheckIn, MyBookingItem, NoShowsSettled } from '../../../../shared/api/booking';

const STAFF = ['worker', 'street_admin', 'branch_admin', 'district_admin'] as const;

const ListQuery = PageQuery.extend({ scope: z.enum(['all', 'upcoming']).default('all') });

/** One person's activity bookings, newest first (GET /me/bookings, and a linked family member's view). */
async function listBookings(db: DbOrTx, deps: Deps, userId: number, query: z.infer<typeof ListQuery>) {
  const before = decodeCursor(query.cursor, z.number().int().positive());
  const page = await bookingsPage(db, deps.config.JWT_SECRET, userId, { before, limit: query.limit, scope: query.scope }, deps.clock.now());
  return { items: page.items, nextCursor: page.next === null ? null : encodeCursor(page.next) };
}

/** Optional body of booking and cancelling: `forUserId` acts for a linked senior (亲情代办). */
const ForUser = z.object({ forUserId: zId.optional() }).strict();

export default [
  route({
    method: 'post',
    path: '/api/v1/activities/:id/bookings',
    summary: '预约活动（名额满则进入候补）',
    description:
      '201 `{id, activityId, status}` with status booked or waitlisted. Optional body `{forUserId}` (亲情代办): a family member with an active link books for that senior — the booking is the senior\'s (their suspension, quota and existing bookings count; `bookedBy` is the caller), the senior is notified and sees it in /me/proxy-actions; not linked → 404. 409 `already_booked`, 409 `activity_full`, 409 `booking_closed` (outside the booking window, cancelled or ended), 409 `booking_limit_reached` (MAX_ACTIVE_BOOKINGS upcoming bookings), 403 `booking_suspended` (after 3 no-shows within 30 days; the message names the end date). Honours Idempotency-Key.',
    tags: ['bookings'],
    params: IdParams,
    body: ForUser,
    status: 201,
    idempotent: true,
    response: BookingCreated,
    handler: ({ params, body, user, deps, facts }) =>
      body.forUserId === undefined || body.forUserId === user.id
        ? bookActivity(deps.database, user.id, params.id, deps.clock.now(), deps.config.MAX_ACTIVE_BOOKINGS)
        : bookForSenior(deps.database, {
            actorId: user.id,
            seniorId: body.forUserId,
            activityId: params.id,
            now: deps.clock.now(),
            maxActive: deps.config.MAX_ACTIVE_BOOKINGS,
            facts,
          }),
  }),
  route({
    method: 'get',
    path: '/api/v1/me/bookings',
    summary: '我的活动预约',
    description: 'Newest first. `scope=upcoming` keeps those not yet ended and still active.',
    tags: ['bookings'],
    query: ListQuery,
    response: pageOf(MyBookingItem),
    handler: ({ query, user, deps }) => listBookings(deps.db, deps, user.id, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/family/:seniorId/bookings',
    summary: '亲情代办：查看长辈的活动预约',
    description: 'Same shape as /me/bookings, for a linked senior. The view is a proxy action the senior can see. Not linked → 404.',
    tags: ['bookings', 'family'],
    params: z.object({ seniorId: zId }),
    query: ListQuery,
    response: pageOf(MyBookingItem),
    transaction: true,
    // a proxy action the senior sees in /me/proxy-actions; looking at one's own list is none
    audit: ({ params, user }) =>
      user.id === params.seniorId ? null : { action: 'booking.view', targetType: 'user', targetId: params.seniorId, onBehalfOf: params.seniorId, detail: { summary: '查看活动预约' } },
    handler: async ({ params, query, user, deps, tx }) => {
      await assertCanActFor(tx, user.id, params.seniorId);
      return listBookings(tx, deps, params.seniorId, query);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/bookings/:id/cancel',
    summary: '取消我的预约',
    description:
      'A seat until the activity\'s cancellation deadline (409 `cancel_deadline_passed` after), a waitlist place until the start; the freed seat goes to the first waitlisted person, who is told. Someone else\'s booking → 404. Optional body `{forUserId}`: a linked family member cancels the senior\'s booking (audited for the senior, who is told). Honours Idempotency-Key.',
    tags: ['bookings'],
    params: IdParams,
    body: ForUser,
    idempotent: true,
    response: Booking,
    handler: async ({ params, body, user, deps, facts }) => {
      const cancelled =
        body.forUserId === undefined || body.forUserId === user.id
          ? await cancelBooking(deps.db, user.id, params.id, deps.clock.now())
          : await cancelForSenior(deps.db, { actorId: user.id, seniorId: body.forUserId, bookingId: params.id, now: deps.clock.now(), facts });
      // a freed seat went to someone on the waitlist: their subscribe message goes out now, after the commit
      void pushPendingReminders(deps, deps.clock.now());
      return presentBooking(cancelled);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/bookings/:id/qr',
    summary: '我的预约码（二维码图片）',
    tags: ['bookings'],
    params: IdParams,
    response: BookingQr,
    handler: async ({ params, user, deps }) => {
      const code = await ownBookingCode(deps.db, deps.config.JWT_SECRET, user.id, params.id);
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
    transaction: true,
    // a code scanned twice checks in once and is audited once
    audit: ({ result }) => {
      const r = result as { alreadyCheckedIn: boolean; kind: string; bookingId: number; userId: number };
      return r.alreadyCheckedIn ? null : { action: `${r.kind}.checkin`, targetType: r.kind === 'activity' ? 'booking' : 'slot_booking', targetId: r.bookingId, detail: { userId: r.userId } };
    },
    handler: ({ body, user, deps, tx }) => checkInWithPersonalCode(tx, user, body.code, deps.config.JWT_SECRET, deps.clock.now(), body),
  }),
  route({
    method: 'post',
    path: '/api/v1/bookings/settle',
    summary: '结算未到场（区级管理员；服务器每分钟也会自动执行）',
    description: 'After the end, booked-but-not-checked-in becomes no_show; 3 no-shows within 30 days suspend booking for 7 days.',
    tags: ['bookings'],
    auth: ['district_admin'],
    response: NoShowsSettled,
    audit: { none: 'settles in batches of its own transactions, like the periodic sweep; settleNoShowsAudited writes booking.settle in the closing one' },
    handler: ({ user, deps, facts }) => settleNoShowsAudited(deps.db, deps.clock.now(), user.id, facts),
  }),
];
