// 数智平台 request/response schemas shared by the server (route specs) and the mini-program (types).
import { z } from 'zod';

export const DASHBOARD_SCOPES = ['district', 'street', 'complex'] as const;
export const INDEX_TERM_KEYS = ['checkIns', 'attendanceRate', 'volunteerHours', 'opinions', 'onTimeReplies', 'satisfaction', 'branchSessions'] as const;

const date = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

export const DashboardQuery = z.object({
  scope: z.enum(DASHBOARD_SCOPES, { error: 'scope 应为 district、street 或 complex' }).default('district'),
  id: z.coerce.number().int().positive().optional(),
  from: date.optional(),
  to: date.optional(),
});

export const IndexTerm = z.object({
  key: z.enum(INDEX_TERM_KEYS),
  label: z.string(),
  weight: z.number(),
  value: z.number().nullable(),
  score: z.number(),
});

const Rates = {
  acceptOnTimeRate: z.number().nullable(),
  replyOnTimeRate: z.number().nullable(),
  resolutionRate: z.number().nullable(),
  medianFirstResponseHours: z.number().nullable(),
};
export const Indicators = z.object({ satisfaction: z.object({ average: z.number().nullable(), count: z.number().int() }), ...Rates });

export const Counts = z.object({
  bookings: z.number().int(),
  checkIns: z.number().int(),
  volunteerHours: z.number(),
  opinions: z.number().int(),
  careRequests: z.number().int(),
  residentsServed: z.number().int(),
});

/** 民生项目 at the time of the request: projects planned or in progress, and their milestones past due. */
export const ProjectState = z.object({ open: z.number().int(), overdueMilestones: z.number().int() });

export const DashboardChild = z.object({
  scope: z.enum(DASHBOARD_SCOPES),
  id: z.number().int(),
  name: z.string(),
  activityIndex: z.number(),
  satisfaction: z.number().nullable(),
  terms: z.array(IndexTerm),
  counts: Counts,
  indicators: Indicators,
  projects: ProjectState,
});

export const DashboardResponse = z.object({
  scope: z.enum(DASHBOARD_SCOPES),
  id: z.number().int().nullable(),
  name: z.string(),
  from: z.string(),
  to: z.string(),
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  activityIndex: z.object({ value: z.number(), terms: z.array(IndexTerm), previous: z.number(), delta: z.number() }),
  indicators: Indicators.extend({
    previous: Indicators,
    delta: z.object({ satisfaction: z.object({ average: z.number().nullable(), count: z.number().int() }), ...Rates }),
  }),
  counts: Counts,
  previousCounts: Counts,
  projects: ProjectState,
  hotTopics: z.array(z.object({ term: z.string(), weight: z.number(), opinions: z.number().int(), trend: z.array(z.object({ date: z.string(), weight: z.number() })) })),
  opinionCount: z.number().int(),
  trend: z.array(z.object({ date: z.string(), bookings: z.number().int(), checkIns: z.number().int(), opinions: z.number().int() })),
  children: z.array(DashboardChild),
});
export type Dashboard = z.infer<typeof DashboardResponse>;

export const WeightsResponse = z.object({
  items: z.array(z.object({ key: z.enum(INDEX_TERM_KEYS), label: z.string(), weight: z.number(), defaultWeight: z.number(), normalisation: z.string() })),
});
export type WeightsList = z.infer<typeof WeightsResponse>;

export const WeightsBody = z.object({
  weights: z.record(z.enum(INDEX_TERM_KEYS), z.number({ error: '权重应为 0–1 的数' }).min(0, '权重不能小于 0').max(1, '权重不能大于 1')),
});

export const TodoResponse = z.object({
  opinionsToAccept: z.number().int(),
  opinionsOverdue: z.number().int(),
  careRequestsOpen: z.number().int(),
  volunteerHoursToApprove: z.number().int(),
  registrationsToReview: z.number().int(),
  alertsOpen: z.number().int(),
  /** milestones of 民生项目 past their due date (Shanghai day), in the complexes one runs */
  milestonesOverdue: z.number().int(),
});
export type Todo = z.infer<typeof TodoResponse>;
