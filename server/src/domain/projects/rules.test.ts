import { checkMilestoneDates, isMilestoneOverdue, moveStatus, statusAfterMilestone } from './rules';

describe('project rules', () => {
  const now = new Date('2026-12-10T02:00:00Z'); // 2026-12-10 10:00 Shanghai

  it('moves planned → in_progress → done only when every milestone is done', () => {
    const open = [{ dueDate: '2026-12-20', doneAt: null }];
    const done = [{ dueDate: '2026-12-20', doneAt: now }];
    expect(moveStatus('planned', 'in_progress', open)).toEqual({ ok: true, status: 'in_progress', reason: null });
    expect(moveStatus('in_progress', 'done', open)).toMatchObject({ ok: false, code: 'milestones_open' });
    expect(moveStatus('in_progress', 'done', done)).toEqual({ ok: true, status: 'done', reason: null });
    expect(moveStatus('done', 'in_progress', done)).toMatchObject({ ok: false, code: 'invalid_transition' });
    expect(moveStatus('in_progress', 'in_progress', done)).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('shelving needs a reason and can be resumed', () => {
    expect(moveStatus('in_progress', 'shelved', [], '  ')).toMatchObject({ ok: false, code: 'reason_required' });
    expect(moveStatus('in_progress', 'shelved', [], ' 经费未落实 ')).toEqual({ ok: true, status: 'shelved', reason: '经费未落实' });
    expect(moveStatus('shelved', 'in_progress', [])).toEqual({ ok: true, status: 'in_progress', reason: null });
    expect(moveStatus('shelved', 'done', [])).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('a milestone starts a planned project and is refused on shelved/done ones', () => {
    expect(statusAfterMilestone('planned')).toBe('in_progress');
    expect(statusAfterMilestone('in_progress')).toBe('in_progress');
    expect(statusAfterMilestone('shelved')).toBe('refused');
    expect(statusAfterMilestone('done')).toBe('refused');
  });

  it('a milestone is overdue from the Shanghai day after its due date (frozen clock)', () => {
    expect(isMilestoneOverdue({ dueDate: '2026-12-10', doneAt: null }, now)).toBe(false);
    expect(isMilestoneOverdue({ dueDate: '2026-12-09', doneAt: null }, now)).toBe(true);
    expect(isMilestoneOverdue({ dueDate: '2026-12-09', doneAt: now }, now)).toBe(false);
    // 2026-12-09 23:30 Shanghai is still the due day
    expect(isMilestoneOverdue({ dueDate: '2026-12-09', doneAt: null }, new Date('2026-12-09T15:30:00Z'))).toBe(false);
    expect(isMilestoneOverdue({ dueDate: '2026-12-09', doneAt: null }, new Date('2026-12-09T16:00:00Z'))).toBe(true);
  });

  it('milestone dates must be in order and before the due date', () => {
    expect(checkMilestoneDates('2026-12-31', [{ dueDate: '2026-12-15' }, { dueDate: '2026-12-20' }])).toEqual({});
    expect(checkMilestoneDates('2026-12-31', [{ dueDate: '2026-12-20' }, { dueDate: '2026-12-15' }])).toHaveProperty(['milestones.1.dueDate']);
    expect(checkMilestoneDates('2026-12-31', [{ dueDate: '2027-01-02' }])).toHaveProperty(['milestones.0.dueDate']);
  });
});
