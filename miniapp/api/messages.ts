import { request } from './request';

export interface Message {
  id: number;
  kind: string;
  title: string;
  body: string;
  /** the page it is about */
  link: string | null;
  read: boolean;
  createdAt: string;
}

export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
  unreadCount: number;
}

export interface Subscription {
  templateId: string;
  topic: string;
  remaining: number;
}

export const messagesApi = {
  list: (cursor?: string | null) => request<MessagePage>('/me/notifications', { query: { limit: 20, cursor: cursor ?? undefined } }),
  /** only the unread count (one row read): for the badges */
  unreadCount: () => request<MessagePage>('/me/notifications', { query: { limit: 1, unread: '1' }, silent: true }).then((r) => r.unreadCount),
  markAllRead: () => request<{ marked: number }>('/me/notifications/read-all', { method: 'POST' }),
  markRead: (id: number) => request<void>(`/me/notifications/${id}/read`, { method: 'POST', silent: true }),
  subscriptions: () => request<{ items: Subscription[] }>('/me/subscriptions').then((r) => r.items),
  subscribe: (templateIds: string[]) => request<void>('/me/subscriptions', { method: 'POST', data: { templateIds }, silent: true }),
};
