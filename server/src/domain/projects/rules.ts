import type { ProjectStatus } from '../../../../shared/projects';
import { shanghaiDay } from '../time/shanghai';

/**
 * The pure rules of a project's life: which status moves are allowed, what a milestone being
 * done does to the status, and when a milestone is overdue. No database, no clock of its own:
 * callers pass `now`, so the rules are tested with a frozen clock.
 */

export interface MilestoneFacts {
  dueDate: string;
  doneAt: Date | null;
}

export type StatusMove =
  | { ok: true; status: ProjectStatus; reason: string | null }
  | { ok: false; code: 'invalid_transition' | 'milestones_open' | 'reason_required'; message: string };

const MOVES: Record<ProjectStatus, ProjectStatus[]> = {
  planned: ['in_progress', 'shelved', 'done'],
  in_progress: ['shelved', 'done'],
  shelved: ['in_progress'],
  done: [],
};

/** Whether `from` may become `to`; done needs every milestone done, shelving needs a reason. */
export function moveStatus(from: ProjectStatus, to: ProjectStatus, milestones: MilestoneFacts[], reason?: string | null): StatusMove {
  if (from === to) return { ok: false, code: 'invalid_transition', message: '项目已经是这个状态' };
  if (!MOVES[from].includes(to)) return { ok: false, code: 'invalid_transition', message: from === 'done' ? '项目已完成，不能再改状态' : '不能这样改变项目状态' };
  if (to === 'done' && milestones.some((m) => !m.doneAt)) return { ok: false, code: 'milestones_open', message: '还有未完成的节点，全部完成后才能结项' };
  const why = reason?.trim() ?? '';
  if (to === 'shelved' && !why) return { ok: false, code: 'reason_required', message: '搁置项目须说明原因' };
  return { ok: true, status: to, reason: to === 'shelved' ? why : null };
}

/** Marking a milestone done starts a planned project; a shelved or done one takes no moves. */
export function statusAfterMilestone(status: ProjectStatus): ProjectStatus | 'refused' {
  if (status === 'planned' || status === 'in_progress') return 'in_progress';
  return 'refused';
}

/** Overdue: not done and its due date (a Shanghai day) has passed. */
export function isMilestoneOverdue(m: MilestoneFacts, now: Date): boolean {
  return !m.doneAt && m.dueDate < shanghaiDay(now);
}

/** Open projects first (推进中, then 计划中), then done, then shelved; newest first within. */
export const STATUS_ORDER: Record<ProjectStatus, number> = { in_progress: 0, planned: 1, done: 2, shelved: 3 };

/** Milestone dates must be in order and not after the project's due date. */
export function checkMilestoneDates(dueDate: string, milestones: Array<{ dueDate: string }>): Record<string, string> {
  const fields: Record<string, string> = {};
  milestones.forEach((m, i) => {
    if (m.dueDate > dueDate) fields[`milestones.${i}.dueDate`] = '节点日期不能晚于项目截止日期';
    else if (i > 0 && m.dueDate < milestones[i - 1].dueDate) fields[`milestones.${i}.dueDate`] = '节点日期须按先后顺序排列';
  });
  return fields;
}
