import type { CareStatus } from '../../../../shared/constants';
import { CARE_EMERGENCY_ACCEPT_MINUTES } from '../../../../shared/constants';

/**
 * The care request state machine, as data: which step moves from which statuses to which.
 * submitted → accepted → dispatched → in_service → completed; cancelled from any open status
 * (the senior's side only before the service starts).
 */
export const CARE_STEPS = {
  accept: { from: ['submitted'], to: 'accepted' },
  // assigning again while dispatched hands the job to someone else
  assign: { from: ['accepted', 'dispatched'], to: 'dispatched' },
  start: { from: ['dispatched'], to: 'in_service' },
  complete: { from: ['in_service'], to: 'completed' },
  cancel: { from: ['submitted', 'accepted', 'dispatched', 'in_service'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly CareStatus[]; to: CareStatus }>;

export type CareStep = keyof typeof CARE_STEPS;

/** Statuses in which the senior or their family may still cancel (before anyone is at the door). */
export const SENIOR_CANCELLABLE: readonly CareStatus[] = ['submitted', 'accepted', 'dispatched'];

export const OPEN_STATUSES: readonly CareStatus[] = ['submitted', 'accepted', 'dispatched', 'in_service'];

export function canStep(step: CareStep, from: CareStatus): boolean {
  return (CARE_STEPS[step].from as readonly CareStatus[]).includes(from);
}

/** An emergency still waiting to be accepted CARE_EMERGENCY_ACCEPT_MINUTES after it was raised. */
export function isOverdueEmergency(r: { kind: string; status: string; createdAt: Date }, now: Date): boolean {
  return r.kind === 'emergency' && r.status === 'submitted' && now.getTime() - r.createdAt.getTime() >= CARE_EMERGENCY_ACCEPT_MINUTES * 60_000;
}
