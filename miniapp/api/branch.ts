import { request } from './request';

// Party-branch pairing and service offerings (结对 · 我为民生综合体送服务).

export type OfferingStatus = 'draft' | 'published' | 'cancelled' | 'finished';

export interface Offering {
  id: number;
  title: string;
  description: string;
  location: string;
  complexId: number;
  complexName: string;
  branchId: number;
  branchName: string;
  department: string;
  serviceItemId: number;
  serviceItemName: string;
  categoryId: number;
  categoryName: string;
  startAt: string;
  endAt: string;
  capacity: number;
  bookedCount: number;
  volunteersNeeded: number;
  pointsReward: number;
  status: OfferingStatus;
  distanceM?: number;
}

export interface OfferingRecord {
  peopleServed: number;
  notes: string;
  updatedAt: string;
}

export interface OfferingDetail extends Offering {
  myBooking: { id: number; status: string; waitlistPosition: number | null; canCancel: boolean } | null;
  canManage: boolean;
  checkedInCount?: number;
  record?: OfferingRecord | null;
}

export interface WorkbenchOffering extends Offering {
  checkedInCount: number;
  record: OfferingRecord | null;
}

export interface BranchDetail {
  id: number;
  name: string;
  department: string;
  secretary: string;
  contact: string;
  complexIds: number[];
  complexes: Array<{ id: number; name: string; address: string }>;
  members: Array<{ id: number; nickname: string; realName: string | null; phoneMasked: string | null }> | null;
  canManage: boolean;
}

export interface CatalogCategory {
  id: number;
  name: string;
  items: Array<{ id: number; name: string }>;
}

export interface RosterEntry {
  bookingId: number;
  userId: number;
  nickname: string;
  realName: string | null;
  phoneMasked: string | null;
  status: 'booked' | 'waitlisted' | 'cancelled' | 'checked_in' | 'no_show';
  checkedInAt: string | null;
}

export interface MonthRecord {
  month: string;
  sessionsHeld: number;
  residentsServed: number;
  peopleServedRecorded: number;
  sessionsRecorded: number;
  volunteerHours: number;
  /** average stars of residents' ratings of the month's held sessions; null when none */
  averageRating: number | null;
  ratingCount: number;
  sessions: Array<{
    offeringId: number;
    title: string;
    startAt: string;
    complexName: string;
    categoryName: string;
    checkedIn: number;
    recorded: boolean;
    peopleServed: number | null;
    averageRating: number | null;
    ratingCount: number;
  }>;
}

export interface Pairing {
  branchId: number;
  branchName: string;
  department: string;
  complexId: number;
  complexName: string;
  streetName: string;
}

export interface ImportResult {
  imported: number;
  removed: number;
  branches: number;
  complexes: number;
  unpairedBranches: number;
}

export interface Coverage {
  month: string;
  categories: Array<{ id: number; name: string }>;
  complexes: Array<{
    complexId: number;
    complexName: string;
    streetName: string;
    pairedBranches: Array<{ id: number; name: string }>;
    cells: number[];
    total: number;
    flagged: boolean;
    flagReason: string | null;
  }>;
  flaggedCount: number;
  ranking: Array<{
    rank: number;
    branchId: number;
    name: string;
    department: string;
    sessionsHeld: number;
    residentsServed: number;
    averageRating: number | null;
    ratingCount: number;
  }>;
}

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

interface List<T> {
  items: T[];
  nextCursor: string | null;
}

const idemKey = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const branchApi = {
  catalog: () => request<{ items: CatalogCategory[] }>('/service-catalog', { auth: false }).then((r) => r.items),
  offerings: (q: { category?: number; branchId?: number; lat?: number; lng?: number } = {}) =>
    request<List<Offering>>('/offerings', { query: { ...q, limit: 100 } }).then((r) => r.items),
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
    request<List<WorkbenchOffering>>(`/branches/${branchId}/offerings`, { query: { when, limit: 100 } }).then((r) => r.items),
  publish: (branchId: number, input: PublishInput, key: string) =>
    request<OfferingDetail>(`/branches/${branchId}/offerings`, {
      method: 'POST',
      data: input as unknown as Record<string, unknown>,
      header: { 'Idempotency-Key': key },
      silent: true,
    }),
  cancel: (id: number, reason: string) => request<OfferingDetail>(`/offerings/${id}/cancel`, { method: 'POST', data: { reason } }),
  roster: (id: number) => request<List<RosterEntry>>(`/offerings/${id}/roster`).then((r) => r.items),
  checkIn: (id: number, bookingId: number) =>
    request<{ bookingId: number; status: string }>(`/offerings/${id}/checkins`, { method: 'POST', data: { bookingId } }),
  saveRecord: (id: number, peopleServed: number, notes: string) =>
    request<{ record: OfferingRecord; checkedInCount: number }>(`/offerings/${id}/record`, { method: 'PUT', data: { peopleServed, notes } }),
  monthRecord: (branchId: number, month?: string) => request<MonthRecord>(`/branches/${branchId}/records`, { query: { month } }),

  updateBranch: (id: number, patch: { secretary?: string; contact?: string }) =>
    request<BranchDetail>(`/branches/${id}`, { method: 'PATCH', data: patch }),

  /** Opens a volunteer post (志愿岗位) for one of the branch's offerings. */
  openVolunteerPost: (o: Pick<Offering, 'id' | 'complexId' | 'title' | 'startAt' | 'endAt' | 'location'>, positions: number, key: string) =>
    request<{ id: number }>('/volunteer-posts', {
      method: 'POST',
      data: { complexId: o.complexId, activityId: o.id, title: `${o.title} · 志愿者`.slice(0, 60), location: o.location, startAt: o.startAt, endAt: o.endAt, positions },
      header: { 'Idempotency-Key': key },
    }),

  // district admins
  addMember: (branchId: number, phone: string) => request<unknown>(`/branches/${branchId}/members`, { method: 'POST', data: { phone } }),
  removeMember: (branchId: number, userId: number) => request<void>(`/branches/${branchId}/members/${userId}`, { method: 'DELETE' }),
  addPair: (branchId: number, complexId: number) => request<unknown>(`/branches/${branchId}/complexes`, { method: 'POST', data: { complexId } }),
  removePair: (branchId: number, complexId: number) => request<void>(`/branches/${branchId}/complexes/${complexId}`, { method: 'DELETE' }),
  pairings: () => request<List<Pairing>>('/pairings').then((r) => r.items),
  importPairings: (base64: string, filename: string) =>
    request<ImportResult>('/pairings/import', { method: 'POST', data: { file: base64, filename }, silent: true }),
  coverage: (month?: string) => request<Coverage>('/district/coverage', { query: { month } }),
};

export { idemKey };
