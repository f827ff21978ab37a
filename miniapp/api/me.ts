import type { z } from 'zod';
import type { Me as MeSchema, PrivacyConsentAccepted } from '@shared/api/me';
import type { AvatarKey } from '@shared/avatars';
import { request } from './request';

export type { Role } from '@shared/constants';

/** The signed-in account (z.infer of shared/api/me.ts). */
export type Me = z.infer<typeof MeSchema>;

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
    request<z.infer<typeof PrivacyConsentAccepted>>('/me/privacy-consent', {
      method: 'POST',
      data: { version },
      silent: true,
    }),
};
