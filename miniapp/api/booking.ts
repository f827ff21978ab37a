import { request } from './request';

export type ActivityStatus = 'draft' | 'published' | 'cancelled' | 'finished';
export type BookingStatus = 'booked' | 'waitlisted' | 'cancelled' | 'checked_in' | 'no_show';

export interface ActivitySummary {
  id: number;
  title: string;
  complexId: number;
  complexName: string;
  startAt: string;
  endAt: string;
  capacity: number;
  bookedCount: number;
  waitlistCapacity: number;
  waitlistCount: number;
  seatsLeft: number;
  status: ActivityStatus;
  pointsReward: number;
  category: string;
  elderFriendly: boolean;
  audienceNote: string;
  location: string;
  organizerBranchId: number | null;
  organizerBranchName: string | null;
}

export interface MyBooking {
  id: number;
  status: BookingStatus;
  waitlistPosition: number | null;
  canCancel: boolean;
  checkedInAt: string | null;
}

export interface ActivityDetail extends ActivitySummary {
  description: string;
  spaceId: number | null;
  serviceItemId: number | null;
  bookingOpensAt: string | null;
  bookingClosesAt: string;
  cancelDeadline: string;
  cancelDeadlineMinutes: number;
  myBooking: MyBooking | null;
  canManage: boolean;
}

export interface MyActivityBooking {
  id: number;
  activityId: number;
  status: BookingStatus;
  createdAt: string;
  checkedInAt: string | null;
  code: string;
  canCancel: boolean;
  /** the family member's nickname when they booked it for me (亲情代办), else null */
  bookedByName?: string | null;
  activity: { title: string; startAt: string; endAt: string; complexName: string; location: string; status: ActivityStatus; pointsReward: number };
}

export interface MySlotBooking {
  id: number;
  spaceId: number;
  spaceName: string;
  status: 'booked' | 'cancelled' | 'checked_in' | 'no_show';
  startAt: string;
  endAt: string;
  day: string;
  code: string;
  canCancel: boolean;
}

export interface Slot {
  startAt: string;
  endAt: string;
  day: string;
  capacity: number;
  bookedCount: number;
  placesLeft: number;
  bookable: boolean;
  myBookingId: number | null;
}

export interface SpaceRules {
  weeklyHours: Record<string, { open: string; close: string }[]>;
  slotMinutes: number;
  capacityPerSlot: number;
  daysAhead: number;
  perUserPerDay: number;
  perUserPerWeek: number;
  cancelDeadlineMinutes: number;
  enabled: boolean;
}

export interface SpaceDay {
  space: { id: number; name: string; type: string; description: string; complexId: number; complexName: string };
  rules: SpaceRules;
  day: string;
  days: string[];
  blackout: { day: string; reason: string } | null;
  items: Slot[];
}

export interface RosterItem {
  bookingId: number;
  userId: number;
  nickname: string;
  realName: string | null;
  phoneMasked: string | null;
  status: BookingStatus;
  statusLabel: string;
  waitlistSeq: number | null;
  checkedInAt: string | null;
}

export interface CheckInResult {
  kind: 'activity' | 'space';
  bookingId: number;
  title: string;
  pointsAwarded: number;
  /** the activity's promised reward, when it has one */
  pointsOffered?: number;
  /** why fewer points than offered were credited (the daily cap) */
  pointsNote?: string;
  alreadyCheckedIn: boolean;
}

export interface ActivityInput {
  complexId?: number;
  title: string;
  description?: string;
  category?: string;
  audienceNote?: string;
  elderFriendly?: boolean;
  location?: string;
  startAt: string;
  endAt: string;
  capacity: number;
  waitlistCapacity?: number;
  pointsReward?: number;
  cancelDeadlineMinutes?: number;
  status?: 'draft' | 'published';
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One key per tap: a retried request (weak network) acts once on the server. */
const idempotencyKey = (what: string) => ({ 'Idempotency-Key': `${what}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` });

export const ACTIVITY_CATEGORIES = ['文体活动', '医疗健康', '助老服务', '教育培训', '党员服务', '法律服务', '便民服务', '其他'];

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  waitlisted: '候补中',
  cancelled: '已取消',
  checked_in: '已签到',
  no_show: '未到场',
};

export const bookingApi = {
  activities: (q: { complexId?: number; from?: string; to?: string; category?: string; elderFriendly?: boolean; manage?: boolean; cursor?: string | null; limit?: number }) =>
    request<Page<ActivitySummary>>('/activities', {
      query: { ...q, elderFriendly: q.elderFriendly ? 1 : undefined, manage: q.manage ? 1 : undefined, limit: q.limit ?? 20 },
    }),
  activity: (id: number) => request<ActivityDetail>(`/activities/${id}`),
  book: (id: number) =>
    request<{ id: number; activityId: number; status: 'booked' | 'waitlisted' }>(`/activities/${id}/bookings`, {
      method: 'POST',
      header: idempotencyKey(`book-${id}`),
    }),
  cancel: (bookingId: number) => request(`/bookings/${bookingId}/cancel`, { method: 'POST', header: idempotencyKey(`cancel-${bookingId}`) }),
  /** 亲情代办: book for a linked senior (the booking is theirs; they are told). */
  bookFor: (id: number, seniorId: number) =>
    request<{ id: number; activityId: number; status: 'booked' | 'waitlisted' }>(`/activities/${id}/bookings`, {
      method: 'POST',
      data: { forUserId: seniorId },
      header: idempotencyKey(`book-${id}-for-${seniorId}`),
    }),
  cancelFor: (bookingId: number, seniorId: number) =>
    request(`/bookings/${bookingId}/cancel`, { method: 'POST', data: { forUserId: seniorId }, header: idempotencyKey(`cancel-${bookingId}`) }),
  seniorBookings: (seniorId: number) => request<Page<MyActivityBooking>>(`/family/${seniorId}/bookings`, { query: { limit: 50, scope: 'upcoming' } }),
  myBookings: () => request<Page<MyActivityBooking>>('/me/bookings', { query: { limit: 50 } }),
  bookingQr: (id: number) => request<{ code: string; dataUrl: string }>(`/bookings/${id}/qr`),
  checkIn: (code: string) => request<CheckInResult>('/checkins', { method: 'POST', data: { code } }),

  spaceDay: (spaceId: number, date?: string) => request<SpaceDay>(`/spaces/${spaceId}/slots`, { query: { date } }),
  bookSlot: (spaceId: number, startAt: string) =>
    request<{ id: number; day: string }>(`/spaces/${spaceId}/bookings`, { method: 'POST', data: { startAt }, header: idempotencyKey(`slot-${spaceId}`) }),
  mySlotBookings: () => request<Page<MySlotBooking>>('/me/slot-bookings', { query: { limit: 50 } }),
  cancelSlot: (id: number) => request(`/slot-bookings/${id}/cancel`, { method: 'POST', header: idempotencyKey(`cancel-slot-${id}`) }),
  slotQr: (id: number) => request<{ code: string; dataUrl: string }>(`/slot-bookings/${id}/qr`),

  // staff
  create: (body: ActivityInput) => request<ActivityDetail>('/activities', { method: 'POST', data: body as unknown as Record<string, unknown> }),
  update: (id: number, body: Partial<ActivityInput>) => request<ActivityDetail>(`/activities/${id}`, { method: 'PATCH', data: body as Record<string, unknown> }),
  cancelActivity: (id: number, reason: string) =>
    request<ActivityDetail & { notified: number }>(`/activities/${id}/cancel`, { method: 'POST', data: { reason }, header: idempotencyKey(`cancel-activity-${id}`) }),
  roster: (id: number) => request<{ activity: ActivitySummary; counts: Record<string, number>; items: RosterItem[] }>(`/activities/${id}/roster`),
  checkinCode: (id: number) => request<{ code: string; dataUrl: string; expiresAt: string; refreshSeconds: number }>(`/activities/${id}/checkin-code`, { silent: true }),
  scan: (code: string, activityId?: number) => request<CheckInResult & { userId: number }>('/checkins/scan', { method: 'POST', data: { code, activityId } }),
  spaceCheckinCode: (spaceId: number) => request<{ code: string; dataUrl: string; expiresAt: string; refreshSeconds: number }>(`/spaces/${spaceId}/checkin-code`, { silent: true }),
  spaceRoster: (spaceId: number, date: string) =>
    request<{ day: string; items: Array<{ bookingId: number; nickname: string; phoneMasked: string | null; startAt: string; endAt: string; status: BookingStatus; statusLabel: string }> }>(`/spaces/${spaceId}/roster`, { query: { date } }),
  spaceRules: (spaceId: number) => request<SpaceRules>(`/spaces/${spaceId}/rules`),
  putSpaceRules: (spaceId: number, rules: SpaceRules) => request<SpaceRules>(`/spaces/${spaceId}/rules`, { method: 'PUT', data: rules as unknown as Record<string, unknown> }),
  blackouts: (spaceId: number) => request<{ items: { day: string; reason: string }[] }>(`/spaces/${spaceId}/blackouts`),
  addBlackout: (spaceId: number, day: string, reason: string) =>
    request<{ cancelledBookings: number }>(`/spaces/${spaceId}/blackouts`, { method: 'POST', data: { day, reason } }),
  removeBlackout: (spaceId: number, day: string) => request(`/spaces/${spaceId}/blackouts/${day}`, { method: 'DELETE' }),
};

/** The roster export URL (the file needs the bearer token, so it is downloaded, not linked). */
export const rosterXlsxPath = (id: number) => `/activities/${id}/roster.xlsx`;
