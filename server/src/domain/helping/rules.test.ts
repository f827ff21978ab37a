import { canSeeAddress, canSeeContact, roughDistance, suspendedUntil } from './rules';

const at = (s: string) => new Date(s);

describe('邻里互助 rules', () => {
  it('the exact address: the requester and staff always, the matched helper only while it runs, nobody else', () => {
    expect(canSeeAddress('requester', 'open', false)).toBe(true);
    expect(canSeeAddress('staff', 'done', false)).toBe(true);
    expect(canSeeAddress('helper', 'taken', true)).toBe(false);
    expect(canSeeAddress('helper', 'matched', true)).toBe(true);
    expect(canSeeAddress('helper', 'disputed', true)).toBe(true);
    expect(canSeeAddress('helper', 'done', true)).toBe(false);
    expect(canSeeAddress('helper', 'cancelled', true)).toBe(false);
    expect(canSeeAddress('other', 'matched', false)).toBe(false);
  });
  it('contacts only after the match, between the sides', () => {
    expect(canSeeContact('requester', 'taken')).toBe(false);
    expect(canSeeContact('helper', 'matched')).toBe(true);
    expect(canSeeContact('other', 'matched')).toBe(false);
  });
  it('distances are rounded to 100 m, at least 100', () => {
    expect(roughDistance(12)).toBe(100);
    expect(roughDistance(349)).toBe(300);
    expect(roughDistance(351)).toBe(400);
  });
  it('two no-shows within 30 days suspend for 14 days after the latest (frozen clock)', () => {
    const now = at('2027-05-10T00:00:00Z');
    expect(suspendedUntil([at('2027-05-01T00:00:00Z')], now)).toBeNull();
    expect(suspendedUntil([at('2027-05-01T00:00:00Z'), at('2027-05-05T00:00:00Z')], now)).toEqual(at('2027-05-19T00:00:00Z'));
    // the older one fell out of the window
    expect(suspendedUntil([at('2027-03-01T00:00:00Z'), at('2027-05-05T00:00:00Z')], now)).toBeNull();
    // served: the suspension ran out
    expect(suspendedUntil([at('2027-04-20T00:00:00Z'), at('2027-04-22T00:00:00Z')], now)).toBeNull();
  });
});
