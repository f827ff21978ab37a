import { guessCategory, titleFrom } from './category';

describe('the opinion form presets', () => {
  it('guesses the category from words in the text, else 其他', () => {
    expect(guessCategory('3 号楼的楼道灯坏了一个月')).toBe('物业管理');
    expect(guessCategory('小区门口电动车乱停')).toBe('交通出行');
    expect(guessCategory('希望食堂给老人送餐')).toBe('助老服务');
    expect(guessCategory('谢谢大家')).toBe('其他');
  });

  it('takes the first sentence as the title, cut to the limit', () => {
    expect(titleFrom('楼道灯坏了。晚上很黑，老人容易摔倒', 50)).toBe('楼道灯坏了');
    expect(titleFrom('一二三四五六七八九十', 5)).toBe('一二三四…');
    expect(titleFrom('  只有一句话  ', 50)).toBe('只有一句话');
  });
});
