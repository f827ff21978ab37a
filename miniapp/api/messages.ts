import type { z } from 'zod';
import type { Notification, Notifications, NotificationsMarked, Subscriptions } from '@shared/api/me';
import { request } from './request';

// 消息中心 and subscribe messages. Types are z.infer of shared/api/me.ts.

export type Message = z.infer<typeof Notification>;
export type MessagePage = z.infer<typeof Notifications>;

export const messagesApi = {
  list: (cursor?: string | null) => request<MessagePage>('/me/notifications', { query: { limit: 20, cursor: cursor ?? undefined } }),
  /** only the unread count (one row read): for the badges */
  unreadCount: () => request<MessagePage>('/me/notifications', { query: { limit: 1, unread: '1' }, silent: true }).then((r) => r.unreadCount),
  markAllRead: () => request<z.infer<typeof NotificationsMarked>>('/me/notifications/read-all', { method: 'POST' }),
  markRead: (id: number) => request<void>(`/me/notifications/${id}/read`, { method: 'POST', silent: true }),
  subscriptions: () => request<z.infer<typeof Subscriptions>>('/me/subscriptions').then((r) => r.items),
  subscribe: (templateIds: string[]) => request<void>('/me/subscriptions', { method: 'POST', data: { templateIds }, silent: true }),
};
