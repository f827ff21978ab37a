// Projects (民生项目, 推动/评议) and branch promises (承诺–践诺–评诺): constants both sides use.

export const PROJECT_STATUSES = ['planned', 'in_progress', 'done', 'shelved'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  planned: '计划中',
  in_progress: '推进中',
  done: '已完成',
  shelved: '已搁置',
};

export const PROJECT_SOURCE_TYPES = ['opinion', 'agenda_item', 'vote'] as const;
export type ProjectSourceType = (typeof PROJECT_SOURCE_TYPES)[number];

export const PROJECT_OWNER_TYPES = ['worker', 'branch', 'department'] as const;
export type ProjectOwnerType = (typeof PROJECT_OWNER_TYPES)[number];

export const PROJECT_LIMITS = { title: 60, updateText: 1000, milestones: 20, photos: 3, photoBytes: 5 * 1024 * 1024, comment: 500, shelveReason: 200 } as const;

/** Points for rating a completed project (reason `evaluation`, once per follower per project). */
export const PROJECT_RATING_POINTS = 5;

export const COMMITMENT_STATUSES = ['submitted', 'approved'] as const;
