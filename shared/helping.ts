// 邻里互助 (time bank): constants and labels both sides use (no zod, so the mini-program can import values).

export const HELP_CATEGORIES = ['escort', 'errand', 'company', 'phone_help', 'repair', 'other'] as const;
export type HelpCategory = (typeof HELP_CATEGORIES)[number];
export const HELP_CATEGORY_LABELS: Record<HelpCategory, string> = {
  escort: '陪诊',
  errand: '代买',
  company: '陪聊',
  phone_help: '手机教学',
  repair: '维修小活',
  other: '其他',
};

export const HELP_STATUSES = ['open', 'taken', 'matched', 'done', 'cancelled', 'expired', 'disputed'] as const;
export type HelpStatus = (typeof HELP_STATUSES)[number];
export const HELP_STATUS_LABELS: Record<HelpStatus, string> = {
  open: '等待帮手',
  taken: '有人接单，待确认',
  matched: '已确认帮手',
  done: '已完成',
  cancelled: '已取消',
  expired: '已过期',
  disputed: '有争议，工作人员处理中',
};

/** Points a request may offer (the cap), and the default the big-button flow offers. */
export const HELP_POINTS_MIN = 1;
export const HELP_POINTS_MAX = 50;
export const HELP_POINTS_DEFAULT = 10;
/** Points every verified resident gets once (reason `welcome`). */
export const WELCOME_POINTS = 20;
/** Points one person may transfer or donate per Asia/Shanghai day. */
export const TRANSFER_DAILY_CAP = 100;
/** At most this many points in one worker grant (孤寡老人 and the like). */
export const WORKER_GRANT_MAX = 100;
/** Helper no-shows within NO_SHOW_WINDOW_DAYS that suspend helping for SUSPENSION_DAYS after the last one. */
export const HELP_NO_SHOW_LIMIT = 2;
export const HELP_NO_SHOW_WINDOW_DAYS = 30;
export const HELP_SUSPENSION_DAYS = 14;
