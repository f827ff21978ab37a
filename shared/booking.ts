// Activity and space booking vocabulary both the server and the mini-program use. No Node,
// drizzle or Taro imports here.

export const ACTIVITY_STATUSES = ['draft', 'published', 'cancelled', 'finished'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const BOOKING_STATUSES = ['booked', 'waitlisted', 'cancelled', 'checked_in', 'no_show'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  waitlisted: '候补中',
  cancelled: '已取消',
  checked_in: '已签到',
  no_show: '未到场',
};

/** A space slot has no waitlist. */
export const SLOT_BOOKING_STATUSES = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;

/** The categories staff pick from when publishing an activity (the server takes any short text). */
export const ACTIVITY_CATEGORIES = ['文体活动', '医疗健康', '助老服务', '教育培训', '党员服务', '法律服务', '便民服务', '其他'] as const;
