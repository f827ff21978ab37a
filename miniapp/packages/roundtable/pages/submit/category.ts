import type { OpinionCategory } from '@shared/opinions';

// Words that say which desk an opinion belongs to: the category preset while the resident types
// (they can still pick another). The first category with a matching word wins.
const KEYWORDS: [OpinionCategory, string[]][] = [
  ['助老服务', ['老人', '老年', '助餐', '食堂', '养老', '长辈', '独居', '助浴']],
  ['医疗健康', ['医生', '看病', '体检', '药', '健康', '血压', '诊']],
  ['文体活动', ['活动', '跳舞', '广场舞', '健身', '球', '唱', '书法', '文艺']],
  ['教育培训', ['孩子', '学生', '作业', '课', '培训', '托管', '学校']],
  ['环境卫生', ['垃圾', '卫生', '脏', '臭', '绿化', '噪音', '污水', '狗']],
  ['交通出行', ['停车', '车位', '公交', '电动车', '充电', '红绿灯', '道路', '堵']],
  ['物业管理', ['物业', '电梯', '楼道', '路灯', '灯', '门禁', '漏水', '维修']],
  ['公共安全', ['安全', '消防', '监控', '小偷', '隐患', '井盖']],
  ['便民服务', ['快递', '理发', '修鞋', '菜', '超市', '办事', '缴费']],
];

/** The category an opinion's text suggests, or 其他. */
export function guessCategory(text: string): OpinionCategory {
  for (const [category, words] of KEYWORDS) if (words.some((w) => text.includes(w))) return category;
  return '其他';
}

/** A title from the first sentence of the text, for a resident who only wrote what happened. */
export function titleFrom(content: string, max: number): string {
  const first = content.trim().split(/[。！？!?\n]/)[0].trim() || content.trim();
  const chars = Array.from(first);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : first;
}
