import type { z } from 'zod';
import type { ComplexWorker } from '@shared/api/places';
import type {
  AgendaAdded,
  BallotCast,
  Cosigned,
  Created,
  HotTopics,
  MeetingCheckedIn,
  MeetingDetail as MeetingDetailSchema,
  MeetingListItem,
  MeetingVenueCode,
  MinutesPublished,
  OpinionDetail as OpinionDetailSchema,
  OpinionMeta,
  OpinionSummary as OpinionSummarySchema,
  PendingEvaluations,
  Rated,
  SignedUp,
  StatusOut,
  VoteDetail as VoteDetailSchema,
  VoteSummary as VoteSummarySchema,
} from '@shared/api/roundtable';
import type { AgendaDecision, EvaluationTarget, MeetingType, OpinionRating, OpinionVisibility, VoteEligibility, VoteResultsVisibility } from '@shared/opinions';
import { ApiError, apiUrl, request, uploadFile } from './request';

// 民意小圆桌: opinions, meetings, votes and evaluations (server: routes/opinions, meetings, votes,
// evaluations). Types are z.infer of shared/api/roundtable.ts.

export type OpinionSummary = z.infer<typeof OpinionSummarySchema>;
export type OpinionDetail = z.infer<typeof OpinionDetailSchema>;
export type TimelineEntry = OpinionDetail['timeline'][number];
export type Meeting = z.infer<typeof MeetingListItem>;
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;
export type VoteSummary = z.infer<typeof VoteSummarySchema>;
export type VoteDetail = z.infer<typeof VoteDetailSchema>;
export type Rateable = z.infer<typeof PendingEvaluations>['items'][number];
export type AssignableWorker = z.infer<typeof ComplexWorker>;
type Status = z.infer<typeof StatusOut>;
type Id = z.infer<typeof Created>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type StaffStep =
  | { step: 'accept' | 'release' | 'start'; note?: string }
  | { step: 'reject' | 'block'; reason: string }
  | { step: 'assign'; to: { type: 'worker'; userId: number } | { type: 'department'; name: string } | { type: 'branch'; branchId: number }; note?: string }
  | { step: 'reply'; reply: string };

/** A fresh Idempotency-Key for one press of a button (retries of that press reuse it). */
export function pressKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
const once = (key?: string) => (key ? { header: { 'Idempotency-Key': key } } : {});

export const opinionsApi = {
  meta: () => request<z.infer<typeof OpinionMeta>>('/opinions/meta', { auth: false, silent: true }),
  submit: (body: { category: string; title: string; content: string; complexId: number; visibility: OpinionVisibility }, key?: string) =>
    request<Status>('/opinions', { method: 'POST', data: body, ...once(key) }),
  publicList: (q: { complexId?: number; cursor?: string | null; limit?: number } = {}) => request<Page<OpinionSummary>>('/opinions', { query: q }),
  mine: (q: { cursor?: string | null } = {}) => request<Page<OpinionSummary>>('/me/opinions', { query: q }),
  detail: (id: number) => request<OpinionDetail>(`/opinions/${id}`),
  cosign: (id: number) => request<z.infer<typeof Cosigned>>(`/opinions/${id}/cosign`, { method: 'POST', data: {} }),
  evaluate: (id: number, rating: OpinionRating, comment: string, key?: string) =>
    request<Status>(`/opinions/${id}/evaluate`, { method: 'POST', data: { rating, comment: comment || undefined }, ...once(key) }),
  staffStep: (id: number, s: StaffStep, key?: string) => {
    const { step, ...body } = s;
    return request<Status>(`/opinions/${id}/${step}`, { method: 'POST', data: body, ...once(key) });
  },
  inbox: (q: { status?: string; overdue?: string; complexId?: number; cursor?: string | null }) => request<Page<OpinionSummary>>('/workbench/opinions', { query: q }),
  hotTopics: (q: { complexId?: number; streetId?: number }) =>
    request<z.infer<typeof HotTopics>>('/opinions/hot-topics', { query: q, silent: true }),
  subscribe: (templateIds: string[]) => request<void>('/me/subscriptions', { method: 'POST', data: { templateIds }, silent: true }),
  /** whom an opinion of this complex can be assigned to: its workers, and the branches paired with it */
  complexWorkers: (complexId: number) => request<Page<AssignableWorker>>(`/complexes/${complexId}/workers`).then((r) => r.items),
  pairedBranches: (complexId: number) =>
    request<Page<{ id: number; name: string; department: string; complexIds: number[] }>>('/branches', { auth: false }).then((r) => r.items.filter((b) => b.complexIds.includes(complexId))),
};

/**
 * Uploads one photo of an opinion with Taro.uploadFile (multipart, field "file"), which both
 * WeChat and the browser build support; the server checks the bytes and the size.
 */
export const uploadOpinionPhoto = (opinionId: number, filePath: string): Promise<void> => uploadFile(`/opinions/${opinionId}/photos`, filePath);

/** Photo links from the server are paths on the API origin. */
export const photoSrc = apiUrl;

export const meetingsApi = {
  list: (q: { complexId?: number; past?: '1' } = {}) => request<Page<Meeting>>('/meetings', { query: { ...q, limit: 50 } }),
  detail: (id: number) => request<MeetingDetail>(`/meetings/${id}`),
  signUp: (id: number, key?: string) => request<z.infer<typeof SignedUp>>(`/meetings/${id}/signups`, { method: 'POST', data: {}, ...once(key) }),
  cancel: (id: number) => request<void>(`/meetings/${id}/signups/me`, { method: 'DELETE' }),
  checkIn: (id: number, code: string) => request<z.infer<typeof MeetingCheckedIn>>(`/meetings/${id}/checkin`, { method: 'POST', data: { code } }),
  schedule: (body: { complexId: number; type: MeetingType; topic: string; place: string; startAt: string; endAt: string; capacity: number; description?: string }, key?: string) =>
    request<Id>('/meetings', { method: 'POST', data: body, ...once(key) }),
  addAgenda: (id: number, body: { opinionId?: number; title?: string }) => request<z.infer<typeof AgendaAdded>>(`/meetings/${id}/agenda`, { method: 'POST', data: body }),
  removeAgenda: (id: number, itemId: number) => request<void>(`/meetings/${id}/agenda/${itemId}`, { method: 'DELETE' }),
  venueCode: (id: number) => request<z.infer<typeof MeetingVenueCode>>(`/meetings/${id}/venue-code`, { silent: true }),
  minutes: (id: number, body: { minutes: string; decisions: { itemId: number; decision: AgendaDecision; note?: string }[] }, key?: string) =>
    request<z.infer<typeof MinutesPublished>>(`/meetings/${id}/minutes`, { method: 'POST', data: body, ...once(key) }),
};

export const votesApi = {
  list: (q: { complexId?: number } = {}) => request<Page<VoteSummary>>('/votes', { query: { ...q, limit: 50 } }),
  detail: (id: number) => request<VoteDetail>(`/votes/${id}`),
  cast: (id: number, optionIds: number[], key?: string) => request<z.infer<typeof BallotCast>>(`/votes/${id}/ballots`, { method: 'POST', data: { optionIds }, ...once(key) }),
  open: (
    body: { complexId: number; question: string; options: string[]; maxChoices: number; eligibility: { type: VoteEligibility; id?: number }; opensAt: string; closesAt: string; resultsVisibility: VoteResultsVisibility; meetingId?: number },
    key?: string,
  ) => request<Id>('/votes', { method: 'POST', data: body, ...once(key) }),
  paperTally: (id: number, counts: { optionId: number; count: number }[], note: string, key?: string) =>
    request<VoteDetail>(`/votes/${id}/paper-tallies`, { method: 'POST', data: { counts, note }, ...once(key) }),
};

export const evaluationsApi = {
  pending: () => request<z.infer<typeof PendingEvaluations>>('/me/evaluations/pending'),
  rate: (body: { targetType: EvaluationTarget; targetId: number; stars: number; comment?: string }, key?: string) =>
    request<z.infer<typeof Rated>>('/evaluations', { method: 'POST', data: body, ...once(key) }),
};

export { ApiError };
