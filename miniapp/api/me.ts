import type { Residency } from '@shared/api/residency';
import type { AvatarKey } from '@shared/avatars';
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
  /** YYYY-MM-DD */
  birthDate?: string | null;
  address?: string | null;
  /** a preset avatar (shared/avatars.ts) */
  avatar?: AvatarKey | null;
  privacyConsentVersion: string | null;
  /** complexes a worker serves */
  complexIds?: number[];
  /** the party branch a branch admin runs */
  branchId?: number | null;
  /** the 镇街 a street admin runs */
  streetId?: number | null;
  /** 我的综合体: the home claimed and whether staff verified it */
  residency?: Residency;
  /** when a pending 注销账号 runs (null: none) */
  deletionScheduledFor?: string | null;
}

export interface MePatch {
  elderMode?: boolean;
  elderModeOffered?: boolean;
  nickname?: string;
  /** YYYY-MM-DD */
  birthDate?: string;
  address?: string;
  avatar?: AvatarKey | null;
  /** claims a home complex (status 待认证 until staff verify it) */
  homeComplexId?: number | null;
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
