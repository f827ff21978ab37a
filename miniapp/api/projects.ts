import type { z } from 'zod';
import type {
  CommitmentFile,
  CommitmentRanking,
  CommitmentReport,
  Department,
  Departments,
  FollowState,
  MilestoneDone,
  PhotoStaged,
  ProjectCreate,
  ProjectDetail,
  ProjectOfSource as ProjectOfSourceSchema,
  ProjectSummary,
  RatingCreated,
  StatusChanged,
  UpdateCreated,
} from '@shared/api/projects';
import type { ProjectSourceType, ProjectStatus } from '@shared/projects';
import { request, uploadFile } from './request';
import type { Page } from '@shared/api/page';

// 民生项目 (推动/评议) and branch promises (承诺清单). Types are z.infer of shared/api/projects.ts.

export type Project = z.infer<typeof ProjectSummary>;
export type ProjectFull = z.infer<typeof ProjectDetail>;
export type ProjectCreateBody = z.input<typeof ProjectCreate>;
export type Commitments = z.infer<typeof CommitmentReport>;
export type CommitmentBody = z.input<typeof CommitmentFile>;
export type CommitmentRankingOut = z.infer<typeof CommitmentRanking>;
export type DepartmentItem = z.infer<typeof Department>;
export type ProjectOfSource = z.infer<typeof ProjectOfSourceSchema>;

export const projectsApi = {
  list: (q: { complexId?: number | null; status?: ProjectStatus; cursor?: string | null }) =>
    request<Page<Project>>('/projects', { query: { complexId: q.complexId ?? undefined, status: q.status, cursor: q.cursor ?? undefined, limit: 20 } }),
  detail: (id: number) => request<ProjectFull>(`/projects/${id}`),
  create: (b: ProjectCreateBody) => request<ProjectFull>('/projects', { method: 'POST', data: b as unknown as Record<string, unknown> }),
  postUpdate: (id: number, text: string, photoIds: number[] = []) =>
    request<z.infer<typeof UpdateCreated>>(`/projects/${id}/updates`, { method: 'POST', data: { text, ...(photoIds.length ? { photoIds } : {}) } }),
  bySource: (type: ProjectSourceType, id: number) => request<ProjectOfSource>('/projects/by-source', { query: { type, id }, silent: true }),
  milestoneDone: (id: number, mid: number) => request<z.infer<typeof MilestoneDone>>(`/projects/${id}/milestones/${mid}/done`, { method: 'POST', data: {} }),
  setStatus: (id: number, status: ProjectStatus, reason?: string) => request<z.infer<typeof StatusChanged>>(`/projects/${id}`, { method: 'PATCH', data: { status, ...(reason ? { reason } : {}) } }),
  follow: (id: number) => request<z.infer<typeof FollowState>>(`/projects/${id}/follow`, { method: 'POST', data: {} }),
  unfollow: (id: number) => request<z.infer<typeof FollowState>>(`/projects/${id}/follow`, { method: 'DELETE' }),
  rate: (id: number, stars: number, comment: string) =>
    request<z.infer<typeof RatingCreated>>(`/projects/${id}/rating`, { method: 'POST', data: { stars, ...(comment ? { comment } : {}) } }),
  subscribe: (templateIds: string[]) => request<void>('/me/subscriptions', { method: 'POST', data: { templateIds }, silent: true }),
  departments: () => request<z.infer<typeof Departments>>('/departments'),
  addDepartment: (name: string) => request<DepartmentItem>('/departments', { method: 'POST', data: { name } }),
};

export const commitmentsApi = {
  get: (branchId: number, year?: number) => request<Commitments>(`/branches/${branchId}/commitments`, { query: { year } }),
  file: (branchId: number, b: CommitmentBody) => request<Commitments>(`/branches/${branchId}/commitments`, { method: 'POST', data: b as unknown as Record<string, unknown> }),
  approve: (branchId: number, year: number) => request<Commitments>(`/branches/${branchId}/commitments/approve`, { method: 'POST', data: { year } }),
  ranking: (year?: number) => request<CommitmentRankingOut>('/district/commitments', { query: { year } }),
};

/**
 * Stages one photo for the update being written (wx.uploadFile, multipart field "file"); the
 * server re-encodes it and answers its id, which postUpdate publishes.
 */
export const uploadProjectPhoto = (projectId: number, filePath: string) => uploadFile<z.infer<typeof PhotoStaged>>(`/projects/${projectId}/photos`, filePath);
