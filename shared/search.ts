// 搜索: the kinds of things one search finds, and their Chinese names (no zod: the mini-program
// imports this at run time).
export const SEARCH_TYPES = ['activity', 'service', 'space', 'complex', 'reward'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  activity: '活动',
  service: '党员服务',
  space: '场地',
  complex: '综合体',
  reward: '积分兑换',
};
