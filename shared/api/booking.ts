// Response schemas of activities, bookings, check-ins and space slots, used by the server's route
// specs and, as z.infer types, by the mini-program (which imports them with `import type`, so zod
// stays out of its bundle). zod only.
import { z } from 'zod';
import { ACTIVITY_STATUSES, BOOKING_STATUSES, SLOT_BOOKING_STATUSES } from '../booking';

const int = () => z.number().int();

export const ActivitySummary = z.object({
  id: int(),
  title: z.string(),
  complexId: int(),
  complexName: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  capacity: int(),
  bookedCount: int(),
  waitlistCapacity: int(),
  waitlistCount: int(),
  seatsLeft: int(),
  status: z.enum(ACTIVITY_STATUSES),
  pointsReward: int(),
  category: z.string(),
  elderFriendly: z.boolean(),
  audienceNote: z.string(),
  location: z.string(),
  organizerBranchId: int().nullable(),
  organizerBranchName: z.string().nullable(),
});

/** The caller's own booking of the activity, on its detail. */
export const MyBooking = z.object({
  id: int(),
  status: z.enum(BOOKING_STATUSES),
  /** 1-based place on the waitlist while waitlisted */
  waitlistPosition: int().nullable(),
  canCancel: z.boolean(),
  checkedInAt: z.string().nullable(),
});

export const ActivityDetail = ActivitySummary.extend({
  description: z.string(),
  spaceId: int().nullable(),
  serviceItemId: int().nullable(),
  bookingOpensAt: z.string().nullable(),
  bookingClosesAt: z.string(),
  cancelDeadline: z.string(),
  cancelDeadlineMinutes: int(),
  myBooking: MyBooking.nullable(),
  canManage: z.boolean(),
});
export const ActivityCancelled = ActivityDetail.extend({ notified: int() });

export const RosterItem = z.object({
  bookingId: int(),
  userId: int(),
  nickname: z.string(),
  realName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  status: z.enum(BOOKING_STATUSES),
  statusLabel: z.string(),
  waitlistSeq: int().nullable(),
  bookedAt: z.string(),
  checkedInAt: z.string().nullable(),
});
export const ActivityRoster = z.object({ activity: ActivitySummary, counts: z.record(z.string(), int()), items: z.array(RosterItem) });

/** A venue code staff show on a screen (activity or space check-in): refreshed every 30 s. */
export const VenueCode = z.object({ code: z.string(), dataUrl: z.string(), expiresAt: z.string(), refreshSeconds: int() });
/** A personal booking code and its QR image. */
export const BookingQr = z.object({ code: z.string(), dataUrl: z.string() });

export const BookingCreated = z.object({ id: int(), activityId: int(), status: z.enum(['booked', 'waitlisted']) });
export const Booking = z.object({
  id: int(),
  activityId: int(),
  status: z.enum(BOOKING_STATUSES),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
});
export const MyBookingItem = Booking.extend({
  /** the personal booking code staff scan (render it as a QR, or GET /bookings/:id/qr) */
  code: z.string(),
  canCancel: z.boolean(),
  /** who made the booking: the owner, or a linked family member (亲情代办) */
  bookedBy: int().nullable(),
  /** the family member's nickname when someone else booked it, else null */
  bookedByName: z.string().nullable(),
  activity: z.object({
    title: z.string(),
    startAt: z.string(),
    endAt: z.string(),
    complexId: int(),
    complexName: z.string(),
    location: z.string(),
    status: z.enum(ACTIVITY_STATUSES),
    pointsReward: int(),
  }),
});

export const CheckIn = z.object({
  kind: z.enum(['activity', 'space']),
  bookingId: int(),
  userId: int(),
  title: z.string(),
  status: z.literal('checked_in'),
  checkedInAt: z.string(),
  pointsAwarded: int(),
  /** the activity's promised reward, when it has one */
  pointsOffered: int().optional(),
  /** why fewer points than offered were credited (the daily cap) */
  pointsNote: z.string().optional(),
  alreadyCheckedIn: z.boolean(),
});
export const NoShowsSettled = z.object({ noShows: int(), suspended: int() });

// Spaces (场地预约)

export const SpaceRules = z.object({
  weeklyHours: z.record(z.string(), z.array(z.object({ open: z.string(), close: z.string() }))),
  slotMinutes: int(),
  capacityPerSlot: int(),
  daysAhead: int(),
  perUserPerDay: int(),
  perUserPerWeek: int(),
  cancelDeadlineMinutes: int(),
  enabled: z.boolean(),
});
export const Slot = z.object({
  startAt: z.string(),
  endAt: z.string(),
  day: z.string(),
  capacity: int(),
  bookedCount: int(),
  placesLeft: int(),
  bookable: z.boolean(),
  myBookingId: int().nullable(),
});
const Blackout = z.object({ day: z.string(), reason: z.string() });
export const SpaceDay = z.object({
  space: z.object({ id: int(), name: z.string(), type: z.string(), description: z.string(), complexId: int(), complexName: z.string() }),
  rules: SpaceRules,
  day: z.string(),
  days: z.array(z.string()),
  blackout: Blackout.nullable(),
  items: z.array(Slot),
});
export const SlotBooking = z.object({
  id: int(),
  spaceId: int(),
  status: z.enum(SLOT_BOOKING_STATUSES),
  startAt: z.string(),
  endAt: z.string(),
  day: z.string(),
});
export const SlotBookingCreated = SlotBooking.extend({ spaceName: z.string() });
export const MySlotBooking = SlotBookingCreated.extend({ code: z.string(), canCancel: z.boolean() });
export const Blackouts = z.object({ items: z.array(Blackout) });
export const BlackoutAdded = z.object({ spaceId: int(), day: z.string(), reason: z.string(), cancelledBookings: int() });
export const SpaceRoster = z.object({
  day: z.string(),
  items: z.array(
    z.object({
      bookingId: int(),
      userId: int(),
      nickname: z.string(),
      phoneMasked: z.string().nullable(),
      startAt: z.string(),
      endAt: z.string(),
      status: z.enum(SLOT_BOOKING_STATUSES),
      statusLabel: z.string(),
      checkedInAt: z.string().nullable(),
    }),
  ),
});
