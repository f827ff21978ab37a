// 民意小圆桌 constants shared by the server and the mini-program. No Node, drizzle or Taro imports.

export const OPINION_CATEGORIES = [
  '助老服务',
  '医疗健康',
  '文体活动',
  '教育培训',
  '环境卫生',
  '交通出行',
  '物业管理',
  '公共安全',
  '便民服务',
  '其他',
] as const;
export type OpinionCategory = (typeof OPINION_CATEGORIES)[number];

export const OPINION_VISIBILITIES = ['public', 'private'] as const;
export type OpinionVisibility = (typeof OPINION_VISIBILITIES)[number];

/**
 * pending_review: held by the content check for a worker; blocked: the worker refused it;
 * closed: the submitter evaluated the answer (final).
 */
export const OPINION_STATUSES = [
  'pending_review',
  'blocked',
  'submitted',
  'accepted',
  'rejected',
  'assigned',
  'in_progress',
  'replied',
  'closed',
] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

export const OPINION_STATUS_LABELS: Record<OpinionStatus, string> = {
  pending_review: '内容审核中',
  blocked: '审核未通过',
  submitted: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  assigned: '已交办',
  in_progress: '办理中',
  replied: '已答复',
  closed: '已评价',
};

export const OPINION_RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type OpinionRating = (typeof OPINION_RATINGS)[number];
export const OPINION_RATING_LABELS: Record<OpinionRating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export const OPINION_ACTION_LABELS: Record<string, string> = {
  submit: '提交意见',
  hold: '提交意见（内容待审核）',
  release: '审核通过',
  block: '审核未通过',
  accept: '受理',
  reject: '不予受理',
  assign: '交办',
  start: '开始办理',
  reply: '答复',
  evaluate: '评价',
  reopen: '不满意，重新办理',
  adopted: '在议事会上被采纳',
  not_adopted: '议事会未采纳',
  to_vote: '议事会决定付诸票决',
  project: '已立项',
};

export const OPINION_LIMITS = { title: 50, content: 1000, photos: 3, photoBytes: 5 * 1024 * 1024 } as const;

export const MEETING_TYPES = ['roundtable', 'livelihood', 'council'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  roundtable: '民意小圆桌',
  livelihood: '民生圆桌会',
  council: '居民议事会',
};

export const MEETING_STATUSES = ['scheduled', 'cancelled', 'concluded'] as const;

export const AGENDA_DECISIONS = ['adopted', 'not_adopted', 'to_vote'] as const;
export type AgendaDecision = (typeof AGENDA_DECISIONS)[number];
export const AGENDA_DECISION_LABELS: Record<AgendaDecision, string> = {
  adopted: '采纳',
  not_adopted: '不予采纳',
  to_vote: '付诸票决',
};

export const VOTE_ELIGIBILITY = ['community', 'street', 'meeting'] as const;
export type VoteEligibility = (typeof VOTE_ELIGIBILITY)[number];
export const VOTE_ELIGIBILITY_LABELS: Record<VoteEligibility, string> = {
  community: '本社区居民',
  street: '本街道居民',
  meeting: '会议到场居民',
};

/** A vote's state is derived from its open and close times. */
export const VOTE_STATES = ['upcoming', 'open', 'closed'] as const;
/** Results shown while the vote runs, or only after it closed (staff always see them). */
export const VOTE_RESULTS_VISIBILITIES = ['live', 'after_close'] as const;
export type VoteResultsVisibility = (typeof VOTE_RESULTS_VISIBILITIES)[number];

export const EVALUATION_TARGETS = ['activity', 'branch_service', 'complex'] as const;
export type EvaluationTarget = (typeof EVALUATION_TARGETS)[number];

/** Points paid by the ledger for the loop's good deeds. */
export const OPINION_POINTS = { adopted: 20, evaluation: 5 } as const;
