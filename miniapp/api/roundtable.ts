import type { AgendaDecision, EvaluationTarget, MeetingType, OpinionRating, OpinionStatus, VoteEligibility } from '@shared/opinions';
import { ApiError, apiUrl, request, uploadFile } from './request';

// 民意小圆桌: opinions, meetings, votes and evaluations (server: routes/opinions, meetings, votes,
// evaluations).

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface OpinionSummary {
  id: number;
  category: string;
  title: string;
  excerpt: string;
  visibility: 'public' | 'private';
  status: OpinionStatus;
  statusLabel: string;
  complexId: number;
  complexName: string | null;
  submitterName: string | null;
  cosignCount: number;
  cosignedByMe: boolean;
  mine: boolean;
  photoCount: number;
  submittedAt: string;
  acceptDueAt: string | null;
  replyDueAt: string | null;
  overdue: boolean;
  heldReason: string | null;
}

export interface TimelineEntry {
  id: number;
  action: string;
  label: string;
  note: string;
  actorName: string;
  at: string;
}

export interface OpinionDetail extends OpinionSummary {
  content: string;
  viewer: 'owner' | 'staff' | 'public';
  photos: { id: number; url: string }[];
  rejectReason: string | null;
  assignee: { type: string; label: string | null } | null;
  reply: string | null;
  rating: OpinionRating | null;
  ratingLabel: string | null;
  ratingComment: string | null;
  reopenCount: number;
  actions: string[];
  timeline: TimelineEntry[];
  /** the 民生项目 this opinion became, if any */
  project?: { id: number; title: string; status: string } | null;
}

export interface OpinionMeta {
  categories: string[];
  limits: Record<string, number>;
  subscribeTemplateIds: string[];
}

export interface Meeting {
  id: number;
  complexId: number;
  complexName: string | null;
  type: MeetingType;
  typeLabel: string;
  topic: string;
  description: string;
  place: string;
  startAt: string;
  endAt: string;
  capacity: number;
  signedCount: number;
  status: 'scheduled' | 'cancelled' | 'concluded';
  signupOpen: boolean;
  signedUp?: boolean;
}

export interface AgendaItem {
  id: number;
  seq: number;
  title: string;
  opinionId: number | null;
  cosignCount: number;
  decision: AgendaDecision | null;
  decisionLabel: string | null;
  decisionNote: string | null;
}

export interface MeetingDetail extends Meeting {
  checkedInCount: number;
  minutes: string | null;
  canManage: boolean;
  mySignup: { signedUpAt: string; checkedInAt: string | null } | null;
  agenda: AgendaItem[];
}

export interface VoteSummary {
  id: number;
  complexId: number;
  question: string;
  maxChoices: number;
  eligibility: { type: VoteEligibility; id: number; label: string };
  opensAt: string;
  closesAt: string;
  state: 'upcoming' | 'open' | 'closed';
}

export interface VoteDetail extends VoteSummary {
  description: string;
  resultsVisibility: 'live' | 'after_close';
  resultsVisible: boolean;
  canManage: boolean;
  eligible: boolean;
  myBallot: number[] | null;
  onlineBallots: number | null;
  options: { id: number; label: string; onlineCount?: number; paperCount?: number; total?: number }[];
}

export interface Rateable {
  targetType: EvaluationTarget;
  targetId: number;
  name: string;
  complexId: number;
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
  meta: () => request<OpinionMeta>('/opinions/meta', { auth: false, silent: true }),
  submit: (body: { category: string; title: string; content: string; complexId: number; visibility: 'public' | 'private' }, key?: string) =>
    request<{ id: number; status: OpinionStatus }>('/opinions', { method: 'POST', data: body, ...once(key) }),
  publicList: (q: { complexId?: number; cursor?: string | null; limit?: number } = {}) => request<Page<OpinionSummary>>('/opinions', { query: q }),
  mine: (q: { cursor?: string | null } = {}) => request<Page<OpinionSummary>>('/me/opinions', { query: q }),
  detail: (id: number) => request<OpinionDetail>(`/opinions/${id}`),
  cosign: (id: number) => request<{ cosignCount: number }>(`/opinions/${id}/cosign`, { method: 'POST', data: {} }),
  evaluate: (id: number, rating: OpinionRating, comment: string, key?: string) =>
    request<{ status: OpinionStatus }>(`/opinions/${id}/evaluate`, { method: 'POST', data: { rating, comment: comment || undefined }, ...once(key) }),
  staffStep: (id: number, s: StaffStep, key?: string) => {
    const { step, ...body } = s;
    return request<{ status: OpinionStatus }>(`/opinions/${id}/${step}`, { method: 'POST', data: body, ...once(key) });
  },
  inbox: (q: { status?: string; overdue?: string; complexId?: number; cursor?: string | null }) => request<Page<OpinionSummary>>('/workbench/opinions', { query: q }),
  hotTopics: (q: { complexId?: number; streetId?: number }) =>
    request<{ from: string; to: string; opinionCount: number; items: { term: string; weight: number; opinions: number }[] }>('/opinions/hot-topics', { query: q, silent: true }),
  subscribe: (templateIds: string[]) => request<void>('/me/subscriptions', { method: 'POST', data: { templateIds }, silent: true }),
  /** whom an opinion of this complex can be assigned to: its workers, and the branches paired with it */
  complexWorkers: (complexId: number) => request<Page<AssignableWorker>>(`/complexes/${complexId}/workers`).then((r) => r.items),
  pairedBranches: (complexId: number) =>
    request<Page<{ id: number; name: string; department: string; complexIds: number[] }>>('/branches', { auth: false }).then((r) => r.items.filter((b) => b.complexIds.includes(complexId))),
};

export interface AssignableWorker {
  id: number;
  name: string;
  phoneMasked: string | null;
}

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
  signUp: (id: number, key?: string) => request<{ signedCount: number }>(`/meetings/${id}/signups`, { method: 'POST', data: {}, ...once(key) }),
  cancel: (id: number) => request<void>(`/meetings/${id}/signups/me`, { method: 'DELETE' }),
  checkIn: (id: number, code: string) => request<{ checkedInAt: string }>(`/meetings/${id}/checkin`, { method: 'POST', data: { code } }),
  schedule: (body: { complexId: number; type: MeetingType; topic: string; place: string; startAt: string; endAt: string; capacity: number; description?: string }, key?: string) =>
    request<{ id: number }>('/meetings', { method: 'POST', data: body, ...once(key) }),
  addAgenda: (id: number, body: { opinionId?: number; title?: string }) => request<{ id: number }>(`/meetings/${id}/agenda`, { method: 'POST', data: body }),
  removeAgenda: (id: number, itemId: number) => request<void>(`/meetings/${id}/agenda/${itemId}`, { method: 'DELETE' }),
  venueCode: (id: number) => request<{ code: string; expiresAt: string }>(`/meetings/${id}/venue-code`, { silent: true }),
  minutes: (id: number, body: { minutes: string; decisions: { itemId: number; decision: AgendaDecision; note?: string }[] }, key?: string) =>
    request<{ status: string; credited: number }>(`/meetings/${id}/minutes`, { method: 'POST', data: body, ...once(key) }),
};

export const votesApi = {
  list: (q: { complexId?: number } = {}) => request<Page<VoteSummary>>('/votes', { query: { ...q, limit: 50 } }),
  detail: (id: number) => request<VoteDetail>(`/votes/${id}`),
  cast: (id: number, optionIds: number[], key?: string) => request<{ id: number }>(`/votes/${id}/ballots`, { method: 'POST', data: { optionIds }, ...once(key) }),
  open: (
    body: { complexId: number; question: string; options: string[]; maxChoices: number; eligibility: { type: VoteEligibility; id?: number }; opensAt: string; closesAt: string; resultsVisibility: 'live' | 'after_close'; meetingId?: number },
    key?: string,
  ) => request<{ id: number }>('/votes', { method: 'POST', data: body, ...once(key) }),
  paperTally: (id: number, counts: { optionId: number; count: number }[], note: string, key?: string) =>
    request<VoteDetail>(`/votes/${id}/paper-tallies`, { method: 'POST', data: { counts, note }, ...once(key) }),
};

export const evaluationsApi = {
  pending: () => request<{ items: Rateable[] }>('/me/evaluations/pending'),
  rate: (body: { targetType: EvaluationTarget; targetId: number; stars: number; comment?: string }, key?: string) =>
    request<{ id: number; pointsAwarded: number }>('/evaluations', { method: 'POST', data: body, ...once(key) }),
};

export { ApiError };
