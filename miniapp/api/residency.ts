import type { z } from 'zod';
import type { Community as CommunitySchema, ComplexCreate, ComplexPatch, FacilityCreate, ResidencyCode, ResidencyDecision, ResidentClaim, SpaceCreate, StaffAdd, StaffMember, StaffRemoved } from '@shared/api/residency';
import type { SpaceType } from '@shared/constants';
import { apiUrl, request, uploadFile } from './request';
import type { Page } from '@shared/api/page';

// 我的综合体 (residency), 居民认证, 人员管理 and 场所管理: one file for the residency and the
// three-level staff domain. Types are z.infer of the shared schemas.

export type { ResidencyCode, ResidentClaim, StaffMember };

export const residencyApi = {
  code: () => request<ResidencyCode>('/me/residency/code', { silent: true }),
  claims: (complexId: number, q: { status?: 'claimed' | 'verified'; q?: string } = {}) =>
    request<Page<ResidentClaim>>(`/complexes/${complexId}/residents`, { query: { ...q, limit: 50 } }),
  verify: (complexId: number, userId: number) => request<ResidencyDecision>(`/complexes/${complexId}/residents/${userId}/verify`, { method: 'POST', data: {} }),
  revoke: (complexId: number, userId: number, reason?: string) =>
    request<ResidencyDecision>(`/complexes/${complexId}/residents/${userId}/revoke`, { method: 'POST', data: reason ? { reason } : {} }),
  scan: (code: string) => request<ResidencyDecision>('/residency/scan', { method: 'POST', data: { code } }),
};

export const staffApi = {
  ofComplex: (complexId: number) => request<Page<StaffMember>>(`/complexes/${complexId}/staff`),
  add: (body: StaffAdd) => request<StaffMember>('/staff', { method: 'POST', data: body as unknown as Record<string, unknown> }),
  change: (userId: number, body: { complexIds?: number[]; streetId?: number }) => request<StaffMember>(`/staff/${userId}`, { method: 'PATCH', data: body }),
  remove: (userId: number) => request<StaffRemoved>(`/staff/${userId}`, { method: 'DELETE' }),
};

export type Community = z.infer<typeof CommunitySchema>;

export const placesAdminApi = {
  communities: (streetId?: number) => request<Page<Community>>('/communities', { query: { streetId } }).then((r) => r.items),
  createComplex: (body: ComplexCreate) => request<{ id: number }>('/complexes', { method: 'POST', data: body as unknown as Record<string, unknown> }),
  updateComplex: (id: number, body: ComplexPatch) => request<{ id: number }>(`/complexes/${id}`, { method: 'PATCH', data: body as unknown as Record<string, unknown> }),
  addFacility: (complexId: number, body: FacilityCreate) => request<{ id: number }>(`/complexes/${complexId}/facilities`, { method: 'POST', data: body as unknown as Record<string, unknown> }),
  removeFacility: (id: number) => request<{ id: number; archived: boolean }>(`/facilities/${id}`, { method: 'DELETE' }),
  addSpace: (facilityId: number, body: Omit<SpaceCreate, 'type'> & { type: SpaceType }) =>
    request<{ id: number }>(`/facilities/${facilityId}/spaces`, { method: 'POST', data: body as unknown as Record<string, unknown> }),
  updateSpace: (id: number, body: Partial<SpaceCreate>) => request<{ id: number }>(`/spaces/${id}`, { method: 'PATCH', data: body as unknown as Record<string, unknown> }),
  removeSpace: (id: number) => request<{ id: number; archived: boolean }>(`/spaces/${id}`, { method: 'DELETE' }),
};

/** Uploads a complex photo (multipart, field "file"); the server resizes it and strips EXIF. */
export const uploadComplexPhoto = (complexId: number, filePath: string): Promise<void> => uploadFile(`/complexes/${complexId}/photos`, filePath);

/** Photo links from the server are paths on the API origin. */
export const complexPhotoSrc = apiUrl;
