// Response schemas of volunteering (志愿者注册, 岗位, 报名与时长): used by the server's route specs
// and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { SIGNUP_STATUSES, VOLUNTEER_APPLICATION_STATUSES } from '../volunteer';
import { pageOf } from './page';

export const Application = z.object({
  id: z.number().int(),
  complexId: z.number().int(),
  complexName: z.string(),
  status: z.enum(VOLUNTEER_APPLICATION_STATUSES),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const Registration = z.object({
  realName: z.string(),
  skills: z.array(z.string()),
  agreementVersion: z.string(),
  agreedAt: z.string(),
  complexes: z.array(Application),
});

export const Signup = z.object({
  id: z.number().int(),
  postId: z.number().int(),
  status: z.enum(SIGNUP_STATUSES),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  presentMinutes: z.number().int().nullable(),
  approvedMinutes: z.number().int().nullable(),
  approvedHours: z.number().nullable(),
  adjustReason: z.string().nullable(),
  pointsAwarded: z.number().int().nullable(),
  createdAt: z.string(),
});

export const Post = z.object({
  id: z.number().int(),
  complexId: z.number().int(),
  complexName: z.string(),
  activityId: z.number().int().nullable(),
  organizerBranchId: z.number().int().nullable(),
  title: z.string(),
  description: z.string(),
  location: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  positions: z.number().int(),
  signedUpCount: z.number().int(),
  remaining: z.number().int(),
  skills: z.array(z.string()),
  pointsPerHour: z.number().int(),
  status: z.string(),
  mySignup: Signup.nullable().optional(),
  canManage: z.boolean().optional(),
});

export const MyVolunteering = z.object({
  registration: Registration.nullable(),
  isVolunteer: z.boolean(),
  agreementVersion: z.string(),
  totalMinutes: z.number().int(),
  totalHours: z.number(),
  yearMinutes: z.number().int(),
  yearHours: z.number(),
  approvedPosts: z.number().int(),
  pointsEarned: z.number().int(),
});

export const StaffApplication = z.object({
  id: z.number().int(),
  complexId: z.number().int(),
  complexName: z.string(),
  userId: z.number().int(),
  realName: z.string(),
  phoneMasked: z.string().nullable(),
  skills: z.array(z.string()),
  status: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

export const RosterItem = Signup.extend({ userId: z.number().int(), realName: z.string(), phoneMasked: z.string().nullable() });
export const Roster = z.object({ items: z.array(RosterItem), nextCursor: z.null() });
export const MySignup = Signup.extend({ post: Post });
export const MySignups = pageOf(MySignup);
export const ApproveResult = Signup.extend({ credited: z.number().int(), cappedBy: z.number().int(), alreadyApproved: z.boolean() });
export const VenueCode = z.object({ code: z.string(), expiresAt: z.string(), qrDataUrl: z.string() });
export const ApplicationDecision = z.object({ id: z.number().int(), status: z.string(), reason: z.string().nullable() });
