// Volunteering and points vocabulary shared by the server and the mini-program.
// No Node, drizzle or Taro imports here.
import type { PointsReason } from './constants';

/** The fixed list of skills a volunteer may offer (志愿者技能). Keys are stored; labels are shown. */
export const VOLUNTEER_SKILLS = [
  'elder_care',
  'medical',
  'tutoring',
  'digital_help',
  'cooking',
  'repair',
  'culture_arts',
  'order_keeping',
  'cleaning',
  'photography',
  'legal',
  'psychology',
] as const;
export type VolunteerSkill = (typeof VOLUNTEER_SKILLS)[number];
export const VOLUNTEER_SKILL_LABELS: Record<VolunteerSkill, string> = {
  elder_care: '助老陪伴',
  medical: '医疗健康',
  tutoring: '课业辅导',
  digital_help: '智能手机教学',
  cooking: '助餐烹饪',
  repair: '家电维修',
  culture_arts: '文艺表演',
  order_keeping: '秩序维护',
  cleaning: '环境清洁',
  photography: '摄影宣传',
  legal: '法律咨询',
  psychology: '心理疏导',
};

/** Version of the volunteer agreement (志愿者服务协议) a registration consents to. */
export const VOLUNTEER_AGREEMENT_VERSION = '2026-11';

export const VOLUNTEER_APPLICATION_STATUSES = ['pending', 'approved', 'declined'] as const;
export type VolunteerApplicationStatus = (typeof VOLUNTEER_APPLICATION_STATUSES)[number];
export const VOLUNTEER_APPLICATION_LABELS: Record<VolunteerApplicationStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  declined: '未通过',
};

/** A sign-up's life: signed_up → checked_in → checked_out → approved (hours credited); or cancelled. */
export const SIGNUP_STATUSES = ['signed_up', 'cancelled', 'checked_in', 'checked_out', 'approved'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  signed_up: '已报名',
  cancelled: '已取消',
  checked_in: '服务中',
  checked_out: '待审核时长',
  approved: '时长已确认',
};

/** Default points per approved hour of volunteering. */
export const DEFAULT_POINTS_PER_HOUR = 10;
/** Sign-ups can be cancelled until this long before the post starts. */
export const SIGNUP_CANCEL_DEADLINE_MINUTES = 120;
/** The rule as residents read it (the server's refusal and the mini-program's notice). */
export const SIGNUP_CANCEL_RULE = `开始前 ${SIGNUP_CANCEL_DEADLINE_MINUTES / 60} 小时内不能取消`;

export const REWARD_KINDS = ['service', 'goods'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];
export const REWARD_KIND_LABELS: Record<RewardKind, string> = { service: '服务', goods: '物品' };

export const REDEMPTION_STATUSES = ['pending', 'fulfilled', 'cancelled'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  pending: '待核销',
  fulfilled: '已核销',
  cancelled: '已取消',
};

/** What each ledger reason means to a person reading their points history. */
export const POINTS_REASON_LABELS: Record<PointsReason, string> = {
  activity_checkin: '活动签到',
  volunteer_hours: '志愿服务',
  opinion_adopted: '意见被采纳',
  evaluation: '评价',
  redemption: '积分兑换',
  redemption_refund: '兑换退回',
  account_deleted: '注销账号清零',
  admin_adjustment: '管理员调整',
  welcome: '新人积分',
  help_paid: '邻里互助支出',
  help_earned: '邻里互助收入',
  transfer_out: '转出',
  transfer_in: '转入',
  pool_donation: '捐入至善池',
  pool_grant: '至善池资助',
  worker_grant: '工作人员赠送',
};
