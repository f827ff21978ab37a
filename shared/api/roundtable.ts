// Response schemas of 民意小圆桌: opinions, meetings, votes and evaluations, used by the server's
// route specs and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import {
  AGENDA_DECISIONS,
  EVALUATION_TARGETS,
  MEETING_STATUSES,
  MEETING_TYPES,
  OPINION_RATINGS,
  OPINION_STATUSES,
  OPINION_VISIBILITIES,
  VOTE_ELIGIBILITY,
  VOTE_RESULTS_VISIBILITIES,
  VOTE_STATES,
} from '../opinions';

const int = () => z.number().int();
/** Something just created, answered with its id. */
export const Created = z.object({ id: int() });

// Opinions

export const OpinionSummary = z.object({
  id: int(),
  category: z.string(),
  title: z.string(),
  excerpt: z.string(),
  visibility: z.enum(OPINION_VISIBILITIES),
  status: z.enum(OPINION_STATUSES),
  statusLabel: z.string(),
  complexId: int(),
  complexName: z.string().nullable(),
  submitterName: z.string().nullable(),
  cosignCount: int(),
  cosignedByMe: z.boolean(),
  /** the caller wrote it */
  mine: z.boolean(),
  photoCount: int(),
  submittedAt: z.string(),
  acceptDueAt: z.string().nullable(),
  replyDueAt: z.string().nullable(),
  overdue: z.boolean(),
  heldReason: z.string().nullable(),
});

export const TimelineEntry = z.object({
  id: int(),
  action: z.string(),
  label: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string(),
  actorName: z.string(),
  at: z.string(),
});

export const OpinionDetail = OpinionSummary.extend({
  content: z.string(),
  viewer: z.enum(['owner', 'staff', 'public']),
  photos: z.array(z.object({ id: int(), url: z.string() })),
  rejectReason: z.string().nullable(),
  assignee: z.object({ type: z.string(), label: z.string().nullable() }).nullable(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  rating: z.enum(OPINION_RATINGS).nullable(),
  ratingLabel: z.string().nullable(),
  ratingComment: z.string().nullable(),
  reopenCount: int(),
  /** the 民生项目 this opinion became, if any */
  project: z.object({ id: int(), title: z.string(), status: z.string() }).nullable(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  actions: z.array(z.string()),
  timeline: z.array(TimelineEntry),
});

/** The opinion's status after a submission or a workflow step. */
export const StatusOut = z.object({ id: int(), status: z.enum(OPINION_STATUSES) });
export const OpinionMeta = z.object({ categories: z.array(z.string()), limits: z.record(z.string(), z.number()), subscribeTemplateIds: z.array(z.string()) });
export const HotTopics = z.object({ from: z.string(), to: z.string(), opinionCount: int(), items: z.array(z.object({ term: z.string(), weight: z.number(), opinions: int() })) });
export const OpinionPhoto = z.object({ id: int(), url: z.string() });
export const Cosigned = z.object({ cosignCount: int() });
export const OpinionStats = z.object({
  items: z.array(
    z.object({
      complexId: int(),
      complexName: z.string(),
      total: int(),
      open: int(),
      overdueNow: int(),
      acceptedLate: int(),
      repliedLate: int(),
      ratings: z.object({ satisfied: int(), basically_satisfied: int(), unsatisfied: int() }),
    }),
  ),
});

// Meetings (议事会)

export const Meeting = z.object({
  id: int(),
  complexId: int(),
  complexName: z.string().nullable(),
  type: z.enum(MEETING_TYPES),
  typeLabel: z.string(),
  topic: z.string(),
  description: z.string(),
  place: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  capacity: int(),
  signedCount: int(),
  status: z.enum(MEETING_STATUSES),
  signupOpen: z.boolean(),
});
export const MeetingListItem = Meeting.extend({ signedUp: z.boolean() });
export const AgendaItem = z.object({
  id: int(),
  seq: int(),
  title: z.string(),
  opinionId: int().nullable(),
  cosignCount: int(),
  decision: z.enum(AGENDA_DECISIONS).nullable(),
  decisionLabel: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export const MeetingDetail = Meeting.extend({
  checkedInCount: int(),
  minutes: z.string().nullable(),
  minutesAt: z.string().nullable(),
  canManage: z.boolean(),
  mySignup: z.object({ signedUpAt: z.string(), checkedInAt: z.string().nullable() }).nullable(),
  agenda: z.array(AgendaItem),
});
export const AgendaAdded = z.object({ id: int(), seq: int(), title: z.string() });
export const SignedUp = z.object({ signedCount: int() });
export const MeetingVenueCode = z.object({ code: z.string(), expiresAt: z.string() });
export const MeetingCheckedIn = z.object({ checkedInAt: z.string() });
export const MinutesPublished = z.object({ status: z.literal('concluded'), credited: int() });

// Votes (票决)

const Eligibility = z.object({ type: z.enum(VOTE_ELIGIBILITY), id: int(), label: z.string() });
export const VoteSummary = z.object({
  id: int(),
  complexId: int(),
  question: z.string(),
  maxChoices: int(),
  eligibility: Eligibility,
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(VOTE_STATES),
});
export const VoteDetail = VoteSummary.extend({
  meetingId: int().nullable(),
  agendaItemId: int().nullable(),
  description: z.string(),
  resultsVisibility: z.enum(VOTE_RESULTS_VISIBILITIES),
  resultsVisible: z.boolean(),
  canManage: z.boolean(),
  eligible: z.boolean(),
  myBallot: z.array(int()).nullable(),
  onlineBallots: int().nullable(),
  /** counts are absent until the results are visible */
  options: z.array(z.object({ id: int(), label: z.string(), onlineCount: int().optional(), paperCount: int().optional(), total: int().optional() })),
});
export const BallotCast = z.object({ id: int(), optionIds: z.array(int()) });

// Evaluations (评议)

const Target = z.enum(EVALUATION_TARGETS);
export const Rated = z.object({ id: int(), pointsAwarded: int() });
export const RatingSummary = z.object({ targetType: Target, targetId: int(), count: int(), average: z.number().nullable(), distribution: z.record(z.string(), int()) });
export const MyEvaluations = z.object({ items: z.array(z.object({ id: int(), targetType: Target, targetId: int(), stars: int(), comment: z.string(), createdAt: z.string() })) });
export const Rateable = z.object({ targetType: Target, targetId: int(), name: z.string(), complexId: int() });
export const PendingEvaluations = z.object({ items: z.array(Rateable) });
