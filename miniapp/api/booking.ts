import type { z } from 'zod';
import type {
  ActivityCancelled,
  ActivityDetail as ActivityDetailSchema,
  ActivityRoster,
  ActivitySummary as ActivitySummarySchema,
  BlackoutAdded,
  Blackouts,
  BookingCreated,
  BookingQr,
  CheckIn,
  MyBookingItem,
  MySlotBooking as MySlotBookingSchema,
  Slot as SlotSchema,
  SlotBookingCreated,
  SpaceDay as SpaceDaySchema,
  SpaceRoster,
  SpaceRules as SpaceRulesSchema,
  VenueCode,
} from '@shared/api/booking';
import type { ActivityStatus } from '@shared/booking';
import { request } from './request';

// Activities, bookings, check-ins and space slots. Types are z.infer of shared/api/booking.ts.

export type ActivitySummary = z.infer<typeof ActivitySummarySchema>;
export type ActivityDetail = z.infer<typeof ActivityDetailSchema>;
export type MyActivityBooking = z.infer<typeof MyBookingItem>;
export type MySlotBooking = z.infer<typeof MySlotBookingSchema>;
export type Slot = z.infer<typeof SlotSchema>;
export type SpaceRules = z.infer<typeof SpaceRulesSchema>;
export type SpaceDay = z.infer<typeof SpaceDaySchema>;
export type CheckInResult = z.infer<typeof CheckIn>;
type Booked = z.infer<typeof BookingCreated>;
type Qr = z.infer<typeof BookingQr>;
type Code = z.infer<typeof VenueCode>;

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
  status?: Extract<ActivityStatus, 'draft' | 'published'>;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One key per tap: a retried request (weak network) acts once on the server. */
const idempotencyKey = (what: string) => ({ 'Idempotency-Key': `${what}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` });

export const bookingApi = {
  activities: (q: { complexId?: number; from?: string; to?: string; category?: string; elderFriendly?: boolean; manage?: boolean; cursor?: string | null; limit?: number }) =>
    request<Page<ActivitySummary>>('/activities', {
      query: { ...q, elderFriendly: q.elderFriendly ? 1 : undefined, manage: q.manage ? 1 : undefined, limit: q.limit ?? 20 },
    }),
  activity: (id: number) => request<ActivityDetail>(`/activities/${id}`),
  book: (id: number) =>
    request<Booked>(`/activities/${id}/bookings`, {
      method: 'POST',
      header: idempotencyKey(`book-${id}`),
    }),
  cancel: (bookingId: number) => request(`/bookings/${bookingId}/cancel`, { method: 'POST', header: idempotencyKey(`cancel-${bookingId}`) }),
  /** 亲情代办: book for a linked senior (the booking is theirs; they are told). */
  bookFor: (id: number, seniorId: number) =>
    request<Booked>(`/activities/${id}/bookings`, {
      method: 'POST',
      data: { forUserId: seniorId },
      header: idempotencyKey(`book-${id}-for-${seniorId}`),
    }),
  cancelFor: (bookingId: number, seniorId: number) =>
    request(`/bookings/${bookingId}/cancel`, { method: 'POST', data: { forUserId: seniorId }, header: idempotencyKey(`cancel-${bookingId}`) }),
  seniorBookings: (seniorId: number) => request<Page<MyActivityBooking>>(`/family/${seniorId}/bookings`, { query: { limit: 50, scope: 'upcoming' } }),
  myBookings: () => request<Page<MyActivityBooking>>('/me/bookings', { query: { limit: 50 } }),
  bookingQr: (id: number) => request<Qr>(`/bookings/${id}/qr`),
  checkIn: (code: string) => request<CheckInResult>('/checkins', { method: 'POST', data: { code } }),

  spaceDay: (spaceId: number, date?: string) => request<SpaceDay>(`/spaces/${spaceId}/slots`, { query: { date } }),
  bookSlot: (spaceId: number, startAt: string) =>
    request<z.infer<typeof SlotBookingCreated>>(`/spaces/${spaceId}/bookings`, { method: 'POST', data: { startAt }, header: idempotencyKey(`slot-${spaceId}`) }),
  mySlotBookings: () => request<Page<MySlotBooking>>('/me/slot-bookings', { query: { limit: 50 } }),
  cancelSlot: (id: number) => request(`/slot-bookings/${id}/cancel`, { method: 'POST', header: idempotencyKey(`cancel-slot-${id}`) }),
  slotQr: (id: number) => request<Qr>(`/slot-bookings/${id}/qr`),

  // staff
  create: (body: ActivityInput) => request<ActivityDetail>('/activities', { method: 'POST', data: body as unknown as Record<string, unknown> }),
  update: (id: number, body: Partial<ActivityInput>) => request<ActivityDetail>(`/activities/${id}`, { method: 'PATCH', data: body as Record<string, unknown> }),
  cancelActivity: (id: number, reason: string) =>
    request<z.infer<typeof ActivityCancelled>>(`/activities/${id}/cancel`, { method: 'POST', data: { reason }, header: idempotencyKey(`cancel-activity-${id}`) }),
  roster: (id: number) => request<z.infer<typeof ActivityRoster>>(`/activities/${id}/roster`),
  checkinCode: (id: number) => request<Code>(`/activities/${id}/checkin-code`, { silent: true }),
  scan: (code: string, activityId?: number) => request<CheckInResult>('/checkins/scan', { method: 'POST', data: { code, activityId } }),
  spaceCheckinCode: (spaceId: number) => request<Code>(`/spaces/${spaceId}/checkin-code`, { silent: true }),
  spaceRoster: (spaceId: number, date: string) =>
    request<z.infer<typeof SpaceRoster>>(`/spaces/${spaceId}/roster`, { query: { date } }),
  spaceRules: (spaceId: number) => request<SpaceRules>(`/spaces/${spaceId}/rules`),
  putSpaceRules: (spaceId: number, rules: SpaceRules) => request<SpaceRules>(`/spaces/${spaceId}/rules`, { method: 'PUT', data: rules as unknown as Record<string, unknown> }),
  blackouts: (spaceId: number) => request<z.infer<typeof Blackouts>>(`/spaces/${spaceId}/blackouts`),
  addBlackout: (spaceId: number, day: string, reason: string) =>
    request<z.infer<typeof BlackoutAdded>>(`/spaces/${spaceId}/blackouts`, { method: 'POST', data: { day, reason } }),
  removeBlackout: (spaceId: number, day: string) => request(`/spaces/${spaceId}/blackouts/${day}`, { method: 'DELETE' }),
};

/** The roster export URL (the file needs the bearer token, so it is downloaded, not linked). */
export const rosterXlsxPath = (id: number) => `/activities/${id}/roster.xlsx`;
