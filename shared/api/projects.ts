// Request and response schemas of projects (推动/评议) and branch commitments, used by the server's
// route specs and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { PROJECT_LIMITS, PROJECT_OWNER_TYPES, PROJECT_SOURCE_TYPES, PROJECT_STATUSES } from '../projects';

const zDay = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const zPositive = z.coerce.number({ error: '必须是正整数' }).int('必须是正整数').positive('必须是正整数');

export const ProjectCreate = z.object({
  complexId: zPositive,
  title: z.string().trim().min(2, '至少 2 个字').max(PROJECT_LIMITS.title),
  source: z.object({ type: z.enum(PROJECT_SOURCE_TYPES), id: zPositive }),
  owner: z.object({ type: z.enum(PROJECT_OWNER_TYPES), id: zPositive.optional(), name: z.string().max(64).optional() }),
  dueDate: zDay,
  milestones: z.array(z.object({ title: z.string().trim().min(1).max(60), dueDate: zDay })).max(PROJECT_LIMITS.milestones).default([]),
  visibility: z.enum(['public', 'private']).optional(),
});

export const ProjectListQuery = z.object({
  complexId: zPositive.optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ProjectSummary = z.object({
  id: z.number().int(),
  complexId: z.number().int(),
  complexName: z.string().nullable(),
  title: z.string(),
  status: z.enum(PROJECT_STATUSES),
  statusLabel: z.string(),
  shelvedReason: z.string().nullable(),
  visibility: z.enum(['public', 'private']),
  dueDate: z.string(),
  milestonesTotal: z.number().int(),
  milestonesDone: z.number().int(),
  overdueMilestones: z.number().int(),
  followerCount: z.number().int(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ProjectMilestone = z.object({ id: z.number().int(), title: z.string(), dueDate: z.string(), doneAt: z.string().nullable(), overdue: z.boolean() });
export const ProjectUpdate = z.object({
  id: z.number().int(),
  text: z.string(),
  createdAt: z.string(),
  author: z.object({ id: z.number().int(), name: z.string(), role: z.string() }),
  photos: z.array(z.object({ id: z.number().int(), url: z.string() })),
});

export const ProjectDetail = ProjectSummary.extend({
  hotline: z.string(),
  owner: z.object({ type: z.string(), id: z.number().int().nullable(), name: z.string() }),
  milestones: z.array(ProjectMilestone),
  updates: z.array(ProjectUpdate),
  sources: z.array(z.object({ type: z.enum(PROJECT_SOURCE_TYPES), id: z.number().int(), title: z.string() })),
  following: z.boolean(),
  viewer: z.enum(['staff', 'owner', 'follower', 'public']),
  canManage: z.boolean(),
  canRate: z.boolean(),
  myRating: z.object({ stars: z.number().int(), comment: z.string(), createdAt: z.string() }).nullable(),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  /** WeChat subscribe-message template for project news (ask with wx.requestSubscribeMessage), or null */
  subscribeTemplateId: z.string().nullable(),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const UpdateCreate = z.object({
  text: z.string().trim().min(1, '请填写进展内容').max(PROJECT_LIMITS.updateText),
  /** up to 3 JPEG/PNG photos, base64 (data: URLs accepted), within the body size limit */
  photos: z.array(z.string().max(1_500_000)).max(PROJECT_LIMITS.photos, `最多 ${PROJECT_LIMITS.photos} 张照片`).optional(),
  /** photos staged with POST /projects/:id/photos (wx.uploadFile), in the order shown */
  photoIds: z.array(zPositive).max(PROJECT_LIMITS.photos, `最多 ${PROJECT_LIMITS.photos} 张照片`).optional(),
});
export const PhotoStaged = z.object({ id: z.number().int(), bytes: z.number().int() });
export const ProjectBySource = z.object({ type: z.enum(PROJECT_SOURCE_TYPES), id: zPositive });
export const ProjectOfSource = z.object({ project: z.object({ id: z.number().int(), title: z.string(), status: z.enum(PROJECT_STATUSES), statusLabel: z.string() }).nullable() });
export const UpdateCreated = z.object({ id: z.number().int(), projectId: z.number().int(), text: z.string(), createdAt: z.string(), photoCount: z.number().int(), notified: z.number().int() });

export const MilestoneDone = z.object({
  milestone: z.object({ id: z.number().int(), title: z.string(), dueDate: z.string(), doneAt: z.string() }),
  status: z.enum(PROJECT_STATUSES),
  notified: z.number().int(),
});

export const StatusPatch = z.object({ status: z.enum(PROJECT_STATUSES), reason: z.string().trim().max(PROJECT_LIMITS.shelveReason).optional() });
export const StatusChanged = z.object({ id: z.number().int(), status: z.enum(PROJECT_STATUSES), statusLabel: z.string(), notified: z.number().int() });

export const FollowState = z.object({ following: z.boolean(), followerCount: z.number().int() });

export const RatingCreate = z.object({
  stars: z.coerce.number().int('请选择 1–5 星').min(1, '请选择 1–5 星').max(5, '请选择 1–5 星'),
  comment: z.string().max(PROJECT_LIMITS.comment).optional(),
});
export const RatingCreated = z.object({ id: z.number().int(), projectId: z.number().int(), stars: z.number().int(), comment: z.string(), pointsAwarded: z.number().int() });

export const OverdueCounts = z.object({ items: z.array(z.object({ complexId: z.number().int(), complexName: z.string(), overdue: z.number().int() })) });

export const Department = z.object({ id: z.number().int(), name: z.string() });
export const Departments = z.object({ items: z.array(Department) });

// ---- branch commitments (承诺清单) ----

export const CommitmentItemIn = z.object({
  catalogItemId: zPositive,
  complexId: zPositive,
  target: z.object({ sessions: z.coerce.number().int().min(1, '至少 1 场').max(1000), residents: z.coerce.number().int().min(0).max(100000).optional() }),
});
export const CommitmentFile = z.object({
  year: z.coerce.number().int().min(2024).max(2100),
  items: z.array(CommitmentItemIn).min(1, '至少承诺 1 项').max(100),
});
export const CommitmentYearQuery = z.object({ year: z.coerce.number().int().min(2024).max(2100).optional() });
export const CommitmentApprove = z.object({ year: z.coerce.number().int().min(2024).max(2100) });

export const CommitmentItem = z.object({
  catalogItemId: z.number().int(),
  catalogItemName: z.string(),
  complexId: z.number().int(),
  complexName: z.string(),
  target: z.object({ sessions: z.number().int(), residents: z.number().int() }),
  delivered: z.object({ sessions: z.number().int(), residents: z.number().int() }),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  behind: z.boolean(),
});
export const CommitmentReport = z.object({
  branchId: z.number().int(),
  year: z.number().int(),
  status: z.enum(['submitted', 'approved']).nullable(),
  approvedAt: z.string().nullable(),
  items: z.array(CommitmentItem),
  totals: z.object({
    target: z.object({ sessions: z.number().int(), residents: z.number().int() }),
    delivered: z.object({ sessions: z.number().int(), residents: z.number().int() }),
    rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  }),
  behind: z.boolean(),
});
export type CommitmentReport = z.infer<typeof CommitmentReport>;

export const CommitmentRanking = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({
      branchId: z.number().int(),
      name: z.string(),
      department: z.string(),
      status: z.enum(['submitted', 'approved']),
      promisedSessions: z.number().int(),
      deliveredSessions: z.number().int(),
      promisedResidents: z.number().int(),
      deliveredResidents: z.number().int(),
      averageRating: z.number().nullable(),
      ratingCount: z.number().int(),
      behind: z.boolean(),
      behindItems: z.array(z.string()),
    }),
  ),
});
