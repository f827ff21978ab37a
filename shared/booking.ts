// Booking vocabulary shared by the server and the mini-program. No Node, drizzle or Taro imports here.

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled', 'finished'] as const;
export const BOOKING_STATUSES = ['booked', 'waitlisted', 'cancelled', 'checked_in', 'no_show'] as const;
export const SLOT_BOOKING_STATUSES = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;
