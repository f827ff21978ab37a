import { formatRating, formatSlot, formatStart, shanghaiInstant, shiftMonth, soonestSlot, todayShanghai } from './format';

describe('branch time formatting (Asia/Shanghai whatever the device zone)', () => {
  it('formats a session slot and its start', () => {
    expect(formatSlot('2026-12-01T01:00:00Z', '2026-12-01T03:30:00Z')).toBe('12月1日 周二 09:00–11:30');
    expect(formatStart('2026-11-30T16:30:00Z')).toBe('12月1日 周二 00:30');
  });

  it('knows the Shanghai day and shifts months across years', () => {
    expect(todayShanghai(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shanghaiInstant('2026-12-01', '09:00')).toBe('2026-12-01T09:00:00+08:00');
  });

  it('offers the next quarter hour, one hour long, never past midnight', () => {
    expect(soonestSlot(new Date('2026-12-01T02:10:00Z'))).toEqual({ date: '2026-12-01', start: '10:15', end: '11:15' });
    expect(soonestSlot(new Date('2026-12-01T01:14:30Z'))).toEqual({ date: '2026-12-01', start: '09:30', end: '10:30' });
    expect(soonestSlot(new Date('2026-12-01T15:40:00Z'))).toEqual({ date: '2026-12-01', start: '23:45', end: '23:59' });
    expect(soonestSlot(new Date('2026-12-01T15:50:00Z'))).toEqual({ date: '2026-12-02', start: '00:00', end: '01:00' });
  });

  it('shows the average rating with how many ratings, or that there are none', () => {
    expect(formatRating(4.3, 12)).toBe('平均评分 4.3（12 人次评价）');
    expect(formatRating(4, 1)).toBe('平均评分 4.0（1 人次评价）');
    expect(formatRating(null, 0)).toBe('暂无评价');
  });
});
