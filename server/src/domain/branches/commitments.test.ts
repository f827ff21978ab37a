import { isBehind, yearElapsed } from './commitments';

describe('commitment pace (frozen clock)', () => {
  it('measures the share of the Shanghai year gone by', () => {
    expect(yearElapsed(2026, new Date('2025-12-31T15:59:59Z'))).toBe(0);
    expect(yearElapsed(2026, new Date('2025-12-31T16:00:00Z'))).toBe(0); // 2026-01-01 00:00 Shanghai
    expect(yearElapsed(2026, new Date('2026-07-02T16:00:00Z'))).toBeCloseTo(0.5, 2);
    expect(yearElapsed(2026, new Date('2027-03-01T00:00:00Z'))).toBe(1);
  });
  it('is behind when delivered sessions fall short of the share due by now', () => {
    expect(isBehind(12, 5, 0.5)).toBe(true);
    expect(isBehind(12, 6, 0.5)).toBe(false);
    expect(isBehind(12, 0, 0.05)).toBe(false); // floor(0.6) = 0 due yet
    expect(isBehind(12, 11, 1)).toBe(true);
  });
});
