// Response schemas of the signed-in account (我的, 消息中心, 订阅消息): used by the server's route
// specs and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { ROLES } from '../constants';
import { AVATAR_KEYS } from '../avatars';
import { Residency } from './residency';
import { pageOf } from './page';

export const Me = z.object({
  id: z.number().int(),
  role: z.enum(ROLES),
  nickname: z.string(),
  phoneMasked: z.string().nullable(),
  elderMode: z.boolean(),
  elderModeOffered: z.boolean(),
  isVolunteer: z.boolean(),
  pointsBalance: z.number().int(),
  age: z.number().int().nullable(),
  /** YYYY-MM-DD, as the user gave it */
  birthDate: z.string().nullable(),
  address: z.string().nullable(),
  avatar: z.enum(AVATAR_KEYS).nullable(),
  privacyConsentVersion: z.string().nullable(),
  complexIds: z.array(z.number().int()),
  branchId: z.number().int().nullable(),
  /** the 镇街 of a street admin (null for everyone else) */
  streetId: z.number().int().nullable(),
  residency: Residency,
  /** when a pending 注销账号 will run (null when none) */
  deletionScheduledFor: z.string().nullable().optional(),
});

export const PrivacyConsentAccepted = z.object({ version: z.string(), acceptedAt: z.string() });

export const Notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export const Notifications = pageOf(Notification).extend({ unreadCount: z.number().int() });
export const NotificationsMarked = z.object({ marked: z.number().int() });

export const Subscriptions = z.object({ items: z.array(z.object({ templateId: z.string(), topic: z.string(), remaining: z.number().int() })) });
