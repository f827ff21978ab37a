import { request } from './request';

export type { Role } from '@shared/constants';
import type { Role } from '@shared/constants';

export interface Me {
  id: number;
  role: Role;
  nickname: string | null;
  phoneMasked: string | null;
  elderMode: boolean;
  elderModeOffered: boolean;
  isVolunteer: boolean;
  pointsBalance: number;
  age: number | null;
  privacyConsentVersion: string | null;
  /** complexes a worker serves */
  complexIds?: number[];
  /** the party branch a branch admin runs */
  branchId?: number | null;
}

export interface MePatch {
  elderMode?: boolean;
  elderModeOffered?: boolean;
  nickname?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
}

export const meApi = {
  get: () => request<Me>('/me'),
  update: (patch: MePatch, opts: { silent?: boolean } = {}) =>
    request<Me>('/me', { method: 'PATCH', data: patch as Record<string, unknown>, silent: opts.silent }),
  recordPrivacyConsent: (version: string) =>
    request<{ version: string; acceptedAt: string }>('/me/privacy-consent', {
      method: 'POST',
      data: { version },
      silent: true,
    }),
};
