import { shanghaiInput, shanghaiWallTime } from './format';

describe('picked times (Asia/Shanghai)', () => {
  it('defaults to the next quarter hour in Shanghai, across midnight', () => {
    expect(shanghaiWallTime(0, new Date('2026-12-01T01:10:00Z'))).toBe('2026-12-01 09:15');
    expect(shanghaiWallTime(0, new Date('2026-12-01T01:15:00Z'))).toBe('2026-12-01 09:15');
    expect(shanghaiWallTime(30, new Date('2026-12-01T15:40:00Z'))).toBe('2026-12-02 00:15');
  });

  it('reads a picked date and time as a Shanghai instant', () => {
    expect(shanghaiInput('2026-12-01 14:00')).toBe('2026-12-01T14:00:00+08:00');
    expect(shanghaiInput('2026-12-01 ')).toBeNull();
  });
});
