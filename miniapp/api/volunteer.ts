import type { z } from 'zod';
import type { Page } from '@shared/api/page';
import type {
  ApplicationDecision,
  ApproveResult,
  MySignups,
  MyVolunteering as MyVolunteeringSchema,
  Post as PostSchema,
  Roster,
  RosterItem as RosterItemSchema,
  Signup as SignupSchema,
  StaffApplication as StaffApplicationSchema,
  VenueCode,
} from '@shared/api/volunteer';
import { request } from './request';

// 志愿者注册, 岗位, 报名与时长. Types are z.infer of shared/api/volunteer.ts.

export type MyVolunteering = z.infer<typeof MyVolunteeringSchema>;
export type Signup = z.infer<typeof SignupSchema>;
export type Post = z.infer<typeof PostSchema>;
export type RosterItem = z.infer<typeof RosterItemSchema>;
export type StaffApplication = z.infer<typeof StaffApplicationSchema>;

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
  mySignups: (scope: 'upcoming' | 'history') => request<z.infer<typeof MySignups>>('/me/volunteer-signups', { query: { scope, limit: 50 } }),

  // staff
  applications: () => request<Page<StaffApplication>>('/volunteer/applications', { query: { limit: 50 } }),
  decide: (id: number, approve: boolean, reason?: string) =>
    request<z.infer<typeof ApplicationDecision>>(`/volunteer/applications/${id}/decision`, { method: 'POST', data: { approve, ...(reason ? { reason } : {}) }, header: once() }),
  publish: (body: Record<string, unknown>) => request<Post>('/volunteer-posts', { method: 'POST', data: body, header: once() }),
  roster: (postId: number) => request<z.infer<typeof Roster>>(`/volunteer-posts/${postId}/signups`),
  venueCode: (postId: number) => request<z.infer<typeof VenueCode>>(`/volunteer-posts/${postId}/venue-code`, { silent: true }),
  markIn: (signupId: number) => request<Signup>(`/volunteer-signups/${signupId}/check-in`, { method: 'POST', data: {} }),
  markOut: (signupId: number) => request<Signup>(`/volunteer-signups/${signupId}/check-out`, { method: 'POST', data: {} }),
  approve: (signupId: number, body: { minutes?: number; reason?: string }) =>
    request<z.infer<typeof ApproveResult>>(`/volunteer-signups/${signupId}/approve`, { method: 'POST', data: body, header: once() }),
};
