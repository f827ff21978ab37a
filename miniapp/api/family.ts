import type { z } from 'zod';
import type {
  FamilyLink as FamilyLinkSchema,
  FamilyLinks,
  IssuedCode,
  LinkRequestAnswer as LinkRequestAnswerSchema,
  ProxyAction as ProxyActionSchema,
  SeniorPoints,
} from '@shared/api/family';
import type { Page } from '@shared/api/page';
import { request } from './request';

// 亲情代办. Types are z.infer of shared/api/family.ts.

export type FamilyLink = z.infer<typeof FamilyLinkSchema>;
export type ProxyAction = z.infer<typeof ProxyActionSchema>;
export type PointsPage = z.infer<typeof SeniorPoints>;
/** The same answer whether or not the phone is registered; `link` once a valid code linked it. */
export type LinkRequestAnswer = z.infer<typeof LinkRequestAnswerSchema>;

export { FAMILY_RELATIONS, type FamilyRelation } from '@shared/constants';

export const familyApi = {
  links: () => request<z.infer<typeof FamilyLinks>>('/family/links').then((r) => r.items),
  requestLink: (seniorPhone: string, relation: string, code?: string) =>
    request<LinkRequestAnswer>('/family/links', { method: 'POST', data: { seniorPhone, relation, ...(code ? { code } : {}) } }),
  confirm: (linkId: number, code: string) => request<FamilyLink>(`/family/links/${linkId}/confirm`, { method: 'POST', data: { code } }),
  issueCode: (linkId?: number) => request<z.infer<typeof IssuedCode>>('/family/link-codes', { method: 'POST', data: linkId ? { linkId } : {} }),
  unlink: (linkId: number) => request<FamilyLink>(`/family/links/${linkId}/unlink`, { method: 'POST', data: {} }),
  seniorPoints: (seniorId: number) => request<PointsPage>(`/family/${seniorId}/points`, { query: { limit: 20 } }),
  proxyActions: () => request<Page<ProxyAction>>('/me/proxy-actions', { query: { limit: 50 } }).then((r) => r.items),
};
