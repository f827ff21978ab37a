// Constants both the server and the mini-program use. No Node, drizzle or Taro imports here.

export const ROLES = ['resident', 'worker', 'street_admin', 'branch_admin', 'district_admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  worker: '社区工作者',
  street_admin: '镇街管理员',
  branch_admin: '党支部管理员',
  district_admin: '区级管理员',
};

/** Minutes before an activity starts after which a booked seat can no longer be cancelled, by default. */
export const ACTIVITY_CANCEL_DEADLINE_MINUTES = 120;

export const COMPLEX_MODES = ['flagship', 'star_moon', 'pearl_chain'] as const;
export type ComplexMode = (typeof COMPLEX_MODES)[number];
export const COMPLEX_MODE_LABELS: Record<ComplexMode, string> = {
  flagship: '旗舰式',
  star_moon: '星月式',
  pearl_chain: '珠链式',
};
/** 星月式: a satellite no more than this far from the main site (the case study's rule). */
export const STAR_MOON_MAX_M = 500;
/** One line under the mode on a complex's page, saying what it means. */
export const COMPLEX_MODE_HINTS: Record<ComplexMode, string> = {
  flagship: '一栋楼里集中提供服务',
  star_moon: `一个主阵地加周边卫星点，彼此不超过 ${STAR_MOON_MAX_M} 米`,
  pearl_chain: '多个站点串成一条服务链',
};

/** The "7+X" service spaces. */
export const SPACE_TYPES = ['elderly', 'health', 'vitality', 'education', 'governance', 'life', 'charity', 'other'] as const;
export type SpaceType = (typeof SPACE_TYPES)[number];
export const SPACE_TYPE_LABELS: Record<SpaceType, string> = {
  elderly: '助老空间',
  health: '健康空间',
  vitality: '活力空间',
  education: '教育空间',
  governance: '治理空间',
  life: '生活空间',
  charity: '至善空间',
  other: '特色空间',
};

export const POINTS_REASONS = [
  'activity_checkin',
  'volunteer_hours',
  'opinion_adopted',
  'evaluation',
  'redemption',
  'redemption_refund',
  'admin_adjustment',
  'account_deleted',
  /** once per verified resident, so they can ask for help before earning anything */
  'welcome',
  /** 邻里互助: the requester pays the held points to the helper (two entries, one transaction) */
  'help_paid',
  'help_earned',
  /** to a linked family member (both sides) or a complex's 至善 pool */
  'transfer_out',
  'transfer_in',
  'pool_donation',
  /** a worker spends a complex's 至善 pool for a resident */
  'pool_grant',
  /** a worker gives points to someone who cannot earn them (孤寡老人), with a written reason */
  'worker_grant',
] as const;
export type PointsReason = (typeof POINTS_REASONS)[number];

/** What a deleted account (注销) is called wherever its records stay (public opinions, rosters). */
export const DELETED_USER_NICKNAME = '已注销用户';

/** What happens to a resident's public opinions when the account is deleted (注销). */
export const DELETION_OPINION_CHOICES = ['anonymise', 'remove'] as const;

/** Current version of the privacy notice users accept. Bump it when the text changes. */
export const PRIVACY_VERSION = '2026-11';

/** Walking speed used by the 10-minute service circle. */
export const WALK_METERS_PER_MINUTE = 80;

/** One-tap elderly care (一键养老): the six kinds, in the order of the big buttons. */
export const CARE_KINDS = ['meal', 'medical', 'cleaning', 'bathing', 'visit', 'emergency'] as const;
export type CareKind = (typeof CARE_KINDS)[number];
export const CARE_KIND_LABELS: Record<CareKind, string> = {
  meal: '助餐',
  medical: '助医',
  cleaning: '助洁',
  bathing: '助浴',
  visit: '上门探访',
  emergency: '紧急求助',
};

export const CARE_STATUSES = ['submitted', 'accepted', 'dispatched', 'in_service', 'completed', 'cancelled'] as const;
export type CareStatus = (typeof CARE_STATUSES)[number];
export const CARE_STATUS_LABELS: Record<CareStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  dispatched: '已派单',
  in_service: '服务中',
  completed: '已完成',
  cancelled: '已取消',
};

/** An emergency nobody accepted within this many minutes is flagged on the dispatch queue. */
export const CARE_EMERGENCY_ACCEPT_MINUTES = 5;
/** Points for rating a completed care service (reason `evaluation`, once per request). */
export const CARE_RATING_POINTS = 5;
/** Family-link consent codes: lifetime and attempt limits. */
export const FAMILY_CODE_TTL_MINUTES = 10;

/** What a family member may say they are to the senior (a fixed list: free text was used for phishing). */
export const FAMILY_RELATIONS = ['配偶', '子女', '儿子', '女儿', '儿媳', '女婿', '孙子', '孙女', '外孙', '外孙女', '兄弟姐妹', '侄子', '侄女', '外甥', '外甥女', '其他亲属'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

/** Residency (我的综合体): a home claimed by the resident, verified by staff of that complex. */
export const RESIDENCY_STATUSES = ['none', 'claimed', 'verified'] as const;
export type ResidencyStatusKey = (typeof RESIDENCY_STATUSES)[number];
export const RESIDENCY_STATUS_LABELS: Record<ResidencyStatusKey, string> = {
  none: '未认证',
  claimed: '待认证',
  verified: '已认证',
};

/** Staff roles a district (or street) admin can give by phone in 人员管理. */
export const MANAGED_STAFF_ROLES = ['worker', 'street_admin'] as const;

