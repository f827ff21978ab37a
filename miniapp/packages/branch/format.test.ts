import { formatRating } from './format';

describe('branch workbench formatting', () => {
  it('shows the average rating with how many ratings, or that there are none', () => {
    expect(formatRating(4.3, 12)).toBe('平均评分 4.3（12 人次评价）');
    expect(formatRating(4, 1)).toBe('平均评分 4.0（1 人次评价）');
    expect(formatRating(null, 0)).toBe('暂无评价');
  });
});
