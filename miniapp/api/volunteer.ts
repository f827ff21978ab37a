import type { SignupStatus, VolunteerApplicationStatus } from '@shared/volunteer';
import { request } from './request';

export interface Application {
  id: number;
  complexId: number;
  complexName: string;
  status: VolunteerApplicationStatus;
  reason: string | null;
  decidedAt: string | null;
}

export interface MyVolunteering {
  registration: { realName: string; skills: string[]; agreementVersion: string; complexes: Application[] } | null;
  isVolunteer: boolean;
  agreementVersion: string;
  totalHours: number;
  yearHours: number;
  approvedPosts: number;
  pointsEarned: number;
}

export interface Signup {
  id: number;
  postId: number;
  status: SignupStatus;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  presentMinutes: number | null;
  approvedMinutes: number | null;
  approvedHours: number | null;
  adjustReason: string | null;
  pointsAwarded: number | null;
}

export interface Post {
  id: number;
  complexId: number;
  complexName: string;
  title: string;
  description: string;
  location: string;
  startAt: string;
  endAt: string;
  positions: number;
  signedUpCount: number;
  remaining: number;
  skills: string[];
  pointsPerHour: number;
  mySignup?: Signup | null;
  canManage?: boolean;
}

export interface RosterItem extends Signup {
  userId: number;
  realName: string;
  phoneMasked: string | null;
}

export interface StaffApplication {
  id: number;
  complexId: number;
  complexName: string;
  realName: string;
  phoneMasked: string | null;
  skills: string[];
  status: VolunteerApplicationStatus;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A fresh Idempotency-Key for one press of a button: a retry of that press acts once. */
export const newIdempotencyKey = () => `mp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
const once = () => ({ 'Idempotency-Key': newIdempotencyKey() });

export const volunteerApi = {
  mine: () => request<MyVolunteering>('/me/volunteer'),
  register: (body: { realName: string; skills: string[]; complexIds: number[]; agreementVersion: string }) =>
    request<MyVolunteering['registration']>('/volunteer/registrations', { method: 'POST', data: { ...body, agreementAccepted: true }, header: once() }),
  posts: (complexId?: number) => request<Page<Post>>('/volunteer-posts', { query: { complexId, limit: 50 } }),
  post: (id: number) => request<Post>(`/volunteer-posts/${id}`),
  signUp: (id: number) => request<Signup>(`/volunteer-posts/${id}/signups`, { method: 'POST', header: once() }),
  cancel: (signupId: number) => request<Signup>(`/volunteer-signups/${signupId}/cancel`, { method: 'POST', header: once() }),
  checkIn: (code: string) => request<Signup>('/volunteer/check-in', { method: 'POST', data: { code } }),
  checkOut: (code: string) => request<Signup>('/volunteer/check-out', { method: 'POST', data: { code } }),
  mySignups: (scope: 'upcoming' | 'history') => request<Page<Signup & { post: Post }>>('/me/volunteer-signups', { query: { scope, limit: 50 } }),

  // staff
  applications: () => request<Page<StaffApplication>>('/volunteer/applications', { query: { limit: 50 } }),
  decide: (id: number, approve: boolean, reason?: string) =>
    request<{ id: number; status: string }>(`/volunteer/applications/${id}/decision`, { method: 'POST', data: { approve, ...(reason ? { reason } : {}) }, header: once() }),
  publish: (body: Record<string, unknown>) => request<Post>('/volunteer-posts', { method: 'POST', data: body, header: once() }),
  roster: (postId: number) => request<Page<RosterItem>>(`/volunteer-posts/${postId}/signups`),
  venueCode: (postId: number) => request<{ code: string; expiresAt: string; qrDataUrl: string }>(`/volunteer-posts/${postId}/venue-code`, { silent: true }),
  markIn: (signupId: number) => request<Signup>(`/volunteer-signups/${signupId}/check-in`, { method: 'POST', data: {} }),
  markOut: (signupId: number) => request<Signup>(`/volunteer-signups/${signupId}/check-out`, { method: 'POST', data: {} }),
  approve: (signupId: number, body: { minutes?: number; reason?: string }) =>
    request<Signup & { credited: number; cappedBy: number; alreadyApproved: boolean }>(`/volunteer-signups/${signupId}/approve`, { method: 'POST', data: body, header: once() }),
};
