import { findSensitiveWord } from './sensitiveWords';
import { rankHotTerms, termsOf } from './hotTopics';

describe('hot topics (pure)', () => {
  it('drops stop words, punctuation, numbers and single characters', () => {
    const t = termsOf('希望小区门口的路灯尽快修好，我们晚上出行 3 次都很不方便！');
    expect(t).toContain('路灯');
    expect(t).toContain('小区');
    for (const w of ['希望', '我们', '的', '，', '3', '尽快', '很']) expect(t.has(w)).toBe(false);
  });

  it('weights by co-signs and counts each opinion once', () => {
    const r = rankHotTerms([
      { text: '电梯 电梯 电梯 加装电梯', cosigns: 0 },
      { text: '路灯坏了', cosigns: 4 },
      { text: '电梯经常故障', cosigns: 0 },
    ]);
    expect(r[0]).toEqual({ term: '路灯', weight: 5, opinions: 1 });
    expect(r.find((x) => x.term === '电梯')).toEqual({ term: '电梯', weight: 2, opinions: 2 });
  });
});

describe('sensitive words', () => {
  it('matches through spaces, punctuation and full width', () => {
    expect(findSensitiveWord('小区里有人 六 合-彩')).toBe('六合彩');
    expect(findSensitiveWord('ＱＱ裸聊')).toBe('裸聊');
    expect(findSensitiveWord('希望增加老年食堂')).toBeNull();
  });
});
