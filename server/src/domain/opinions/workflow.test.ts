import { OPINION_RATINGS, OPINION_STATUSES, type OpinionStatus } from '../../../../shared/opinions';
import { OPINION_ACTIONS, actionsFrom, step, type OpinionAction } from './workflow';

/** The whole legal table, written out independently of TRANSITIONS so a change to either shows. */
const LEGAL: Record<OpinionAction, Partial<Record<OpinionStatus, OpinionStatus>>> = {
  release: { pending_review: 'submitted' },
  block: { pending_review: 'blocked' },
  accept: { submitted: 'accepted' },
  reject: { submitted: 'rejected' },
  assign: { accepted: 'assigned', assigned: 'assigned', in_progress: 'assigned' },
  start: { accepted: 'in_progress', assigned: 'in_progress' },
  reply: { accepted: 'replied', assigned: 'replied', in_progress: 'replied' },
  evaluate: { replied: 'closed' },
};

describe('opinion state machine', () => {
  for (const action of OPINION_ACTIONS) {
    const actor = action === 'evaluate' ? 'submitter' : 'staff';
    const other = actor === 'staff' ? 'submitter' : 'staff';
    for (const status of OPINION_STATUSES) {
      const to = LEGAL[action][status];
      it(`${action} from ${status} ${to ? `→ ${to}` : 'is refused'}`, () => {
        const r = step({ status, reopenCount: 1 }, action, actor, 'satisfied');
        if (to) expect(r).toEqual({ ok: true, to, reopened: false });
        else expect(r).toEqual({ ok: false, reason: 'invalid_transition' });
        // The wrong side never may, whatever the status.
        expect(step({ status, reopenCount: 0 }, action, other, 'satisfied')).toEqual({ ok: false, reason: 'wrong_actor' });
      });
    }
  }

  it('不满意 reopens a replied opinion once, then closes it', () => {
    expect(step({ status: 'replied', reopenCount: 0 }, 'evaluate', 'submitter', 'unsatisfied')).toEqual({ ok: true, to: 'in_progress', reopened: true });
    expect(step({ status: 'replied', reopenCount: 1 }, 'evaluate', 'submitter', 'unsatisfied')).toEqual({ ok: true, to: 'closed', reopened: false });
    for (const rating of OPINION_RATINGS.filter((r) => r !== 'unsatisfied')) {
      expect(step({ status: 'replied', reopenCount: 0 }, 'evaluate', 'submitter', rating)).toEqual({ ok: true, to: 'closed', reopened: false });
    }
  });

  it('offers each side only the steps it may take', () => {
    expect(actionsFrom('submitted', 'staff')).toEqual(['accept', 'reject']);
    expect(actionsFrom('pending_review', 'staff')).toEqual(['release', 'block']);
    expect(actionsFrom('replied', 'submitter')).toEqual(['evaluate']);
    expect(actionsFrom('replied', 'staff')).toEqual([]);
    for (const s of ['closed', 'rejected', 'blocked'] as const) {
      expect(actionsFrom(s, 'staff')).toEqual([]);
      expect(actionsFrom(s, 'submitter')).toEqual([]);
    }
  });
});
