import { acceptDueAt, addWorkingDays, isOverdue, replyDueAt } from './deadlines';

const at = (s: string) => new Date(s);

describe('opinion deadlines (Asia/Shanghai, Monday–Friday)', () => {
  it('counts two working days from a weekday', () => {
    // Tuesday 10:00 → Thursday 10:00
    expect(acceptDueAt(at('2026-12-01T10:00:00+08:00')).toISOString()).toBe(at('2026-12-03T10:00:00+08:00').toISOString());
  });

  it('skips the weekend from a Thursday or Friday', () => {
    expect(acceptDueAt(at('2026-12-03T16:30:00+08:00')).toISOString()).toBe(at('2026-12-07T16:30:00+08:00').toISOString());
    expect(acceptDueAt(at('2026-12-04T15:00:00+08:00')).toISOString()).toBe(at('2026-12-08T15:00:00+08:00').toISOString());
  });

  it('starts a weekend arrival on Monday 00:00', () => {
    expect(acceptDueAt(at('2026-12-05T10:00:00+08:00')).toISOString()).toBe(at('2026-12-09T00:00:00+08:00').toISOString());
    expect(acceptDueAt(at('2026-12-06T23:59:00+08:00')).toISOString()).toBe(at('2026-12-09T00:00:00+08:00').toISOString());
  });

  it('uses the Shanghai day, not the UTC one', () => {
    // Friday 23:30 UTC is Saturday 07:30 in Shanghai: a weekend arrival.
    expect(acceptDueAt(at('2026-12-04T23:30:00Z')).toISOString()).toBe(at('2026-12-09T00:00:00+08:00').toISOString());
    // Sunday 17:00 UTC is Monday 01:00 in Shanghai: a working day.
    expect(acceptDueAt(at('2026-12-06T17:00:00Z')).toISOString()).toBe(at('2026-12-09T01:00:00+08:00').toISOString());
  });

  it('adds zero working days as the next working moment', () => {
    expect(addWorkingDays(at('2026-12-05T10:00:00+08:00'), 0).toISOString()).toBe(at('2026-12-07T00:00:00+08:00').toISOString());
    expect(addWorkingDays(at('2026-12-02T10:00:00+08:00'), 0).toISOString()).toBe(at('2026-12-02T10:00:00+08:00').toISOString());
  });

  it('gives 15 calendar days to reply', () => {
    expect(replyDueAt(at('2026-12-04T15:00:00+08:00')).toISOString()).toBe(at('2026-12-19T15:00:00+08:00').toISOString());
  });

  it('is overdue only while the worker side owes a step', () => {
    const o = { acceptDueAt: at('2026-12-03T10:00:00+08:00'), replyDueAt: at('2026-12-20T10:00:00+08:00') };
    const before = at('2026-12-03T09:59:00+08:00');
    const after = at('2026-12-03T10:01:00+08:00');
    expect(isOverdue({ ...o, status: 'submitted' }, before)).toBe(false);
    expect(isOverdue({ ...o, status: 'submitted' }, after)).toBe(true);
    expect(isOverdue({ ...o, status: 'pending_review' }, after)).toBe(true);
    expect(isOverdue({ ...o, status: 'accepted' }, after)).toBe(false);
    expect(isOverdue({ ...o, status: 'in_progress' }, at('2026-12-21T00:00:00+08:00'))).toBe(true);
    expect(isOverdue({ ...o, status: 'replied' }, at('2026-12-21T00:00:00+08:00'))).toBe(false);
    expect(isOverdue({ ...o, status: 'rejected' }, at('2027-01-01T00:00:00+08:00'))).toBe(false);
  });

  it('says the same over ISO texts as over dates (the lists keep their times as text)', () => {
    const o = { acceptDueAt: at('2026-12-03T10:00:00+08:00'), replyDueAt: at('2026-12-20T10:00:00+08:00') };
    const texts = { acceptDueAt: o.acceptDueAt.toISOString(), replyDueAt: o.replyDueAt.toISOString() };
    const nows = ['2026-12-03T09:59:59.999+08:00', '2026-12-03T10:00:00+08:00', '2026-12-03T10:00:00.001+08:00', '2026-12-20T10:00:00.001+08:00'].map(at);
    let overdue = 0;
    for (const status of ['pending_review', 'submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'closed', 'rejected']) {
      for (const now of nows) {
        expect(isOverdue({ ...texts, status }, now.toISOString())).toBe(isOverdue({ ...o, status }, now));
        if (isOverdue({ ...o, status }, now)) overdue++;
      }
      expect(isOverdue({ acceptDueAt: null, replyDueAt: null, status }, nows[3].toISOString())).toBe(false);
    }
    expect(overdue).toBe(2 * 2 + 3);
  });
});
