import { request } from './request';

export interface FamilyLink {
  id: number;
  /** the caller's side: `senior` (family who may act for me) or `family` (a senior I act for) */
  as: 'senior' | 'family';
  other: { id: number; nickname: string; phoneMasked: string | null };
  seniorId: number;
  familyId: number;
  relation: string;
  status: 'pending' | 'active' | 'declined' | 'revoked';
  requestedAt: string;
  confirmedAt: string | null;
}

export interface ProxyAction {
  id: number;
  action: string;
  summary: string;
  actor: { id: number; nickname: string };
  createdAt: string;
}

export interface PointsPage {
  balance: number;
  items: { id: number; delta: number; description: string; createdAt: string }[];
}

/** The same answer whether or not the phone is registered; `link` once a valid code linked it. */
export interface LinkRequestAnswer {
  status: 'sent' | 'linked';
  message: string;
  link: FamilyLink | null;
}

export { FAMILY_RELATIONS, type FamilyRelation } from '@shared/constants';

export const familyApi = {
  links: () => request<{ items: FamilyLink[] }>('/family/links').then((r) => r.items),
  requestLink: (seniorPhone: string, relation: string, code?: string) =>
    request<LinkRequestAnswer>('/family/links', { method: 'POST', data: { seniorPhone, relation, ...(code ? { code } : {}) } }),
  confirm: (linkId: number, code: string) => request<FamilyLink>(`/family/links/${linkId}/confirm`, { method: 'POST', data: { code } }),
  issueCode: (linkId?: number) => request<{ code: string; expiresAt: string }>('/family/link-codes', { method: 'POST', data: linkId ? { linkId } : {} }),
  unlink: (linkId: number) => request<FamilyLink>(`/family/links/${linkId}/unlink`, { method: 'POST', data: {} }),
  seniorPoints: (seniorId: number) => request<PointsPage>(`/family/${seniorId}/points`, { query: { limit: 20 } }),
  proxyActions: () => request<{ items: ProxyAction[] }>('/me/proxy-actions', { query: { limit: 50 } }).then((r) => r.items),
};
