import {
  formatDateTime,
  formatDay,
  formatMonth,
  formatRange,
  formatSlot,
  formatStart,
  formatTime,
  shanghaiDayOf,
  shanghaiInput,
  shanghaiInstant,
  shanghaiToday,
  shanghaiWallTime,
  shanghaiYear,
  shiftMonth,
  soonestSlot,
} from './time';

// 16:30Z on 30 November is 00:30 on 1 December in Shanghai; 15:59Z is still 23:59 the day before.
const AFTER_MIDNIGHT = '2026-11-30T16:30:00Z';
const BEFORE_MIDNIGHT = '2026-11-30T15:59:00Z';

describe('Asia/Shanghai time, whatever the device zone', () => {
  it('labels an instant just after midnight in Shanghai with the Shanghai day', () => {
    expect(formatDateTime(AFTER_MIDNIGHT)).toBe('12月1日 00:30');
    expect(formatTime(AFTER_MIDNIGHT)).toBe('00:30');
    expect(formatStart(AFTER_MIDNIGHT)).toBe('12月1日 周二 00:30');
    expect(shanghaiDayOf(AFTER_MIDNIGHT)).toBe('2026-12-01');
    expect(shanghaiDayOf(BEFORE_MIDNIGHT)).toBe('2026-11-30');
    expect(formatDateTime(null)).toBe('');
  });

  it('knows today, this year and shifts days across midnight UTC and the new year', () => {
    expect(shanghaiToday(0, new Date(AFTER_MIDNIGHT))).toBe('2026-12-01');
    expect(shanghaiToday(0, new Date(BEFORE_MIDNIGHT))).toBe('2026-11-30');
    expect(shanghaiToday(1, new Date(BEFORE_MIDNIGHT))).toBe('2026-12-01');
    expect(shanghaiToday(-1, new Date(AFTER_MIDNIGHT))).toBe('2026-11-30');
    expect(shanghaiYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(shanghaiYear(new Date('2026-12-31T15:59:00Z'))).toBe(2026);
  });

  it('repeats the date of a range only when it changes in Shanghai', () => {
    expect(formatRange('2026-12-01T01:00:00Z', '2026-12-01T03:30:00Z')).toBe('12月1日 09:00–11:30');
    expect(formatRange('2026-11-30T15:00:00Z', AFTER_MIDNIGHT)).toBe('11月30日 23:00 至 12月1日 00:30');
    expect(formatSlot('2026-12-01T01:00:00Z', '2026-12-01T03:30:00Z')).toBe('12月1日 周二 09:00–11:30');
  });

  it('labels days and months', () => {
    expect(formatDay('2026-12-08')).toBe('12月8日 周二');
    expect(formatMonth('2026-12')).toBe('2026年12月');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });

  it('defaults a picker to the next quarter hour in Shanghai, across midnight', () => {
    expect(shanghaiWallTime(0, new Date('2026-12-01T01:10:00Z'))).toBe('2026-12-01 09:15');
    expect(shanghaiWallTime(0, new Date('2026-12-01T01:15:00Z'))).toBe('2026-12-01 09:15');
    expect(shanghaiWallTime(30, new Date('2026-12-01T15:40:00Z'))).toBe('2026-12-02 00:15');
  });

  it('offers the next quarter hour, one hour long, never past midnight', () => {
    expect(soonestSlot(new Date('2026-12-01T02:10:00Z'))).toEqual({ date: '2026-12-01', start: '10:15', end: '11:15' });
    expect(soonestSlot(new Date('2026-12-01T01:14:30Z'))).toEqual({ date: '2026-12-01', start: '09:30', end: '10:30' });
    expect(soonestSlot(new Date('2026-12-01T15:40:00Z'))).toEqual({ date: '2026-12-01', start: '23:45', end: '23:59' });
    expect(soonestSlot(new Date('2026-12-01T15:50:00Z'))).toEqual({ date: '2026-12-02', start: '00:00', end: '01:00' });
  });

  it('reads a picked date and time as a Shanghai instant', () => {
    expect(shanghaiInstant('2026-12-01', '09:00')).toBe('2026-12-01T09:00:00+08:00');
    expect(shanghaiInput('2026-12-01 14:00')).toBe('2026-12-01T14:00:00+08:00');
    expect(shanghaiInput('2026-12-01 ')).toBeNull();
  });
});
