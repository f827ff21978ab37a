import { request } from './request';

export type ConsentKind = 'location' | 'subscribe' | 'quiet_home';

export interface Consents {
  privacy: { currentVersion: string; acceptedVersion: string | null; acceptedAt: string | null; upToDate: boolean };
  items: Array<{ kind: ConsentKind; label: string; granted: boolean; changedAt: string | null; pending?: boolean }>;
  history: Array<{ kind: string; label: string; granted: boolean; version: string | null; at: string }>;
}

export interface Blocker {
  kind: string;
  id: number;
  title: string;
  message: string;
  link: string;
}

export interface DeletionState {
  status: 'none' | 'pending';
  requestedAt: string | null;
  scheduledFor: string | null;
  opinions: 'anonymise' | 'remove' | null;
  coolingOffDays: number;
  blockers: Blocker[];
  removed: string[];
  kept: string[];
}

export interface AccessEntry {
  at: string;
  staffRole: string;
  staffRoleLabel: string;
  complexName: string | null;
  fields: string[];
  fieldLabels: string[];
  purpose: string;
  purposeLabel: string;
}

/** 我的 → 设置: consents, 个人信息副本, 谁查看了我的信息, 注销账号. */
export const privacyApi = {
  consents: () => request<Consents>('/me/consents'),
  setConsent: (kind: ConsentKind, granted: boolean) => request<Consents>(`/me/consents/${kind}`, { method: 'PUT', data: { granted } }),
  accessLog: () => request<{ items: AccessEntry[] }>('/me/access-log'),
  deletion: () => request<DeletionState>('/me/deletion'),
  requestDeletion: (opinions: 'anonymise' | 'remove') => request<{ status: 'pending'; scheduledFor: string }>('/me/deletion', { method: 'POST', data: { opinions } }),
  cancelDeletion: () => request<{ cancelled: boolean }>('/me/deletion', { method: 'DELETE' }),
};
