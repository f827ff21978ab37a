import type { z } from 'zod';
import type {
  BranchDetail as BranchDetailSchema,
  BranchMembers,
  BranchPairs,
  Catalog,
  Coverage as CoverageSchema,
  MonthRecord as MonthRecordSchema,
  Offering as OfferingSchema,
  OfferingCheckIn,
  OfferingDetail as OfferingDetailSchema,
  Pairing as PairingSchema,
  PairingImport,
  RosterEntry as RosterEntrySchema,
  SessionRecord,
  WorkbenchOffering as WorkbenchOfferingSchema,
} from '@shared/api/branches';
import type { Page } from '@shared/api/page';
import type { Post } from './volunteer';
import { request } from './request';

// Party-branch pairing and service offerings (结对 · 我为民生综合体送服务). Types are z.infer of
// shared/api/branches.ts.

export type Offering = z.infer<typeof OfferingSchema>;
export type OfferingDetail = z.infer<typeof OfferingDetailSchema>;
export type WorkbenchOffering = z.infer<typeof WorkbenchOfferingSchema>;
export type BranchDetail = z.infer<typeof BranchDetailSchema>;
export type CatalogCategory = z.infer<typeof Catalog>['items'][number];
export type RosterEntry = z.infer<typeof RosterEntrySchema>;
export type MonthRecord = z.infer<typeof MonthRecordSchema>;
export type Pairing = z.infer<typeof PairingSchema>;
export type ImportResult = z.infer<typeof PairingImport>;
export type Coverage = z.infer<typeof CoverageSchema>;

export interface PublishInput {
  complexId: number;
  serviceItemId: number;
  title?: string;
  description: string;
  location?: string;
  startAt: string;
  endAt: string;
  capacity: number;
  volunteersNeeded: number;
}

const idemKey = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const branchApi = {
  catalog: () => request<z.infer<typeof Catalog>>('/service-catalog', { auth: false }).then((r) => r.items),
  offerings: (q: { category?: number; branchId?: number; lat?: number; lng?: number } = {}) =>
    request<Page<Offering>>('/offerings', { query: { ...q, limit: 100 } }).then((r) => r.items),
  offering: (id: number) => request<OfferingDetail>(`/offerings/${id}`),
  branch: (id: number) => request<BranchDetail>(`/branches/${id}`),
  /** Books a seat through the activity booking endpoint (an offering is an activity). */
  book: (offeringId: number) =>
    request<{ id: number; activityId: number; status: string }>(`/activities/${offeringId}/bookings`, {
      method: 'POST',
      header: { 'Idempotency-Key': idemKey() },
    }),

  cancelBooking: (bookingId: number) => request<unknown>(`/bookings/${bookingId}/cancel`, { method: 'POST' }),

  // the branch's workbench
  branchOfferings: (branchId: number, when: 'upcoming' | 'past') =>
    request<Page<WorkbenchOffering>>(`/branches/${branchId}/offerings`, { query: { when, limit: 100 } }).then((r) => r.items),
  publish: (branchId: number, input: PublishInput, key: string) =>
    request<OfferingDetail>(`/branches/${branchId}/offerings`, {
      method: 'POST',
      data: input as unknown as Record<string, unknown>,
      header: { 'Idempotency-Key': key },
      silent: true,
    }),
  cancel: (id: number, reason: string) => request<OfferingDetail>(`/offerings/${id}/cancel`, { method: 'POST', data: { reason } }),
  roster: (id: number) => request<Page<RosterEntry>>(`/offerings/${id}/roster`).then((r) => r.items),
  checkIn: (id: number, bookingId: number) =>
    request<z.infer<typeof OfferingCheckIn>>(`/offerings/${id}/checkins`, { method: 'POST', data: { bookingId } }),
  saveRecord: (id: number, peopleServed: number, notes: string) =>
    request<z.infer<typeof SessionRecord>>(`/offerings/${id}/record`, { method: 'PUT', data: { peopleServed, notes } }),
  monthRecord: (branchId: number, month?: string) => request<MonthRecord>(`/branches/${branchId}/records`, { query: { month } }),

  updateBranch: (id: number, patch: { secretary?: string; contact?: string }) =>
    request<BranchDetail>(`/branches/${id}`, { method: 'PATCH', data: patch }),

  /** Opens a volunteer post (志愿岗位) for one of the branch's offerings. */
  openVolunteerPost: (o: Pick<Offering, 'id' | 'complexId' | 'title' | 'startAt' | 'endAt' | 'location'>, positions: number, key: string) =>
    request<Post>('/volunteer-posts', {
      method: 'POST',
      data: { complexId: o.complexId, activityId: o.id, title: `${o.title} · 志愿者`.slice(0, 60), location: o.location, startAt: o.startAt, endAt: o.endAt, positions },
      header: { 'Idempotency-Key': key },
    }),

  // district admins
  addMember: (branchId: number, phone: string) => request<z.infer<typeof BranchMembers>>(`/branches/${branchId}/members`, { method: 'POST', data: { phone } }),
  removeMember: (branchId: number, userId: number) => request<void>(`/branches/${branchId}/members/${userId}`, { method: 'DELETE' }),
  addPair: (branchId: number, complexId: number) => request<z.infer<typeof BranchPairs>>(`/branches/${branchId}/complexes`, { method: 'POST', data: { complexId } }),
  removePair: (branchId: number, complexId: number) => request<void>(`/branches/${branchId}/complexes/${complexId}`, { method: 'DELETE' }),
  pairings: () => request<Page<Pairing>>('/pairings').then((r) => r.items),
  importPairings: (base64: string, filename: string) =>
    request<ImportResult>('/pairings/import', { method: 'POST', data: { file: base64, filename }, silent: true }),
  coverage: (month?: string) => request<Coverage>('/district/coverage', { query: { month } }),
};

export { idemKey };
