/**
 * Our own sensitive-word list, checked before WeChat's msg_sec_check and whatever it says: words
 * that have no place in a neighbourhood suggestion box (gambling, drugs, weapons, fraud, porn).
 * A hit rejects the text (422 content_rejected) and nothing is stored. Matching ignores spaces,
 * punctuation, width and case so "赌 博" and "ＱＱ裸聊" are caught too. Keep entries lowercase.
 */
export const SENSITIVE_WORDS: readonly string[] = [
  '六合彩',
  '私彩',
  '网赌',
  '赌博',
  '赌场',
  '博彩',
  '冰毒',
  '海洛因',
  '大麻',
  '摇头丸',
  '卖淫',
  '嫖娼',
  '裸聊',
  '色情',
  '枪支',
  '仿真枪',
  '炸药',
  '代开发票',
  '办假证',
  '套现',
  '高利贷',
  '裸贷',
  '刷单',
  '传销',
  '洗钱',
];

/** Full-width to half-width, lowercase, and only letters, digits and CJK kept. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The first listed word the text contains, or null. */
export function findSensitiveWord(text: string, words: readonly string[] = SENSITIVE_WORDS): string | null {
  const t = normalizeForMatch(text);
  return words.find((w) => t.includes(normalizeForMatch(w))) ?? null;
}
