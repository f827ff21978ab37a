import type { z } from 'zod';
import type {
  AccessLog,
  CHANGEABLE_CONSENTS,
  Consents as ConsentsSchema,
  DeletionCancelled,
  DeletionRequested,
  DeletionState as DeletionStateSchema,
} from '@shared/api/privacy';
import { request } from './request';

// Types are z.infer of shared/api/privacy.ts.

export type ConsentKind = (typeof CHANGEABLE_CONSENTS)[number];
export type Consents = z.infer<typeof ConsentsSchema>;
export type DeletionState = z.infer<typeof DeletionStateSchema>;
export type Blocker = DeletionState['blockers'][number];

/** 我的 → 设置: consents, 个人信息副本, 谁查看了我的信息, 注销账号. */
export const privacyApi = {
  consents: () => request<Consents>('/me/consents'),
  setConsent: (kind: ConsentKind, granted: boolean) => request<Consents>(`/me/consents/${kind}`, { method: 'PUT', data: { granted } }),
  accessLog: () => request<z.infer<typeof AccessLog>>('/me/access-log'),
  deletion: () => request<DeletionState>('/me/deletion'),
  requestDeletion: (opinions: 'anonymise' | 'remove') => request<z.infer<typeof DeletionRequested>>('/me/deletion', { method: 'POST', data: { opinions } }),
  cancelDeletion: () => request<z.infer<typeof DeletionCancelled>>('/me/deletion', { method: 'DELETE' }),
};
