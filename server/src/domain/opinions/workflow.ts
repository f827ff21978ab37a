import type { OpinionRating, OpinionStatus } from '../../../../shared/opinions';

/**
 * The opinion state machine, pure: which action may move an opinion from which status, who may
 * take it, and where it lands. The route layer maps a refusal to 409 invalid_transition.
 *
 *   pending_review ─release→ submitted ─accept→ accepted ─assign→ assigned ─start→ in_progress ─reply→ replied ─evaluate→ closed
 *        └─block→ blocked      └─reject→ rejected   (reply is also allowed straight from accepted or assigned;
 *                                                     an 不满意 evaluation reopens it once: replied → in_progress)
 */
export const OPINION_ACTIONS = ['release', 'block', 'accept', 'reject', 'assign', 'start', 'reply', 'evaluate'] as const;
export type OpinionAction = (typeof OPINION_ACTIONS)[number];

/** staff: a worker of the opinion's complex or a district admin; submitter: whoever wrote it. */
export type OpinionActor = 'staff' | 'submitter';

interface Rule {
  by: OpinionActor;
  from: readonly OpinionStatus[];
  to: OpinionStatus;
}

export const TRANSITIONS: Record<OpinionAction, Rule> = {
  release: { by: 'staff', from: ['pending_review'], to: 'submitted' },
  block: { by: 'staff', from: ['pending_review'], to: 'blocked' },
  accept: { by: 'staff', from: ['submitted'], to: 'accepted' },
  reject: { by: 'staff', from: ['submitted'], to: 'rejected' },
  assign: { by: 'staff', from: ['accepted', 'assigned', 'in_progress'], to: 'assigned' },
  start: { by: 'staff', from: ['accepted', 'assigned'], to: 'in_progress' },
  reply: { by: 'staff', from: ['accepted', 'assigned', 'in_progress'], to: 'replied' },
  evaluate: { by: 'submitter', from: ['replied'], to: 'closed' },
};

/** How many times an 不满意 evaluation may send an answer back. */
export const MAX_REOPENS = 1;

export interface OpinionState {
  status: OpinionStatus;
  reopenCount: number;
}

export type Step =
  | { ok: true; to: OpinionStatus; reopened: boolean }
  | { ok: false; reason: 'invalid_transition' | 'wrong_actor' };

export function actorFor(action: OpinionAction): OpinionActor {
  return TRANSITIONS[action].by;
}

/** Where `action` by `actor` takes an opinion in `state`, or why it may not. */
export function step(state: OpinionState, action: OpinionAction, actor: OpinionActor, rating?: OpinionRating): Step {
  const rule = TRANSITIONS[action];
  if (rule.by !== actor) return { ok: false, reason: 'wrong_actor' };
  if (!rule.from.includes(state.status)) return { ok: false, reason: 'invalid_transition' };
  if (action === 'evaluate' && rating === 'unsatisfied' && state.reopenCount < MAX_REOPENS) {
    return { ok: true, to: 'in_progress', reopened: true };
  }
  return { ok: true, to: rule.to, reopened: false };
}

/** Actions that could follow from a status, for the screens' buttons. */
export function actionsFrom(status: OpinionStatus, actor: OpinionActor): OpinionAction[] {
  return OPINION_ACTIONS.filter((a) => TRANSITIONS[a].by === actor && TRANSITIONS[a].from.includes(status));
}

/** Statuses a worker still owes an answer on (the reply clock runs). */
export const AWAITING_REPLY: readonly OpinionStatus[] = ['accepted', 'assigned', 'in_progress'];
/** Statuses others may read when the opinion is public. */
export const HIDDEN_FROM_PUBLIC: readonly OpinionStatus[] = ['pending_review', 'blocked'];
