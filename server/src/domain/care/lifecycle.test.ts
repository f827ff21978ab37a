import { CARE_STATUSES } from '../../../../shared/constants';
import { CARE_STEPS, SENIOR_CANCELLABLE, canStep, isOverdueEmergency } from './lifecycle';

describe('care lifecycle', () => {
  it('allows exactly the documented moves', () => {
    const legal = Object.entries(CARE_STEPS).flatMap(([step]) => CARE_STATUSES.filter((from) => canStep(step as keyof typeof CARE_STEPS, from)).map((from) => `${step}:${from}`));
    expect(legal.sort()).toEqual(
      [
        'accept:submitted',
        'assign:accepted',
        'assign:dispatched',
        'start:dispatched',
        'complete:in_service',
        'cancel:submitted',
        'cancel:accepted',
        'cancel:dispatched',
        'cancel:in_service',
      ].sort(),
    );
    // nothing leaves a final status
    for (const step of Object.keys(CARE_STEPS)) {
      expect(canStep(step as keyof typeof CARE_STEPS, 'completed')).toBe(false);
      expect(canStep(step as keyof typeof CARE_STEPS, 'cancelled')).toBe(false);
    }
    expect(SENIOR_CANCELLABLE).not.toContain('in_service');
  });

  it('flags an emergency still unaccepted after exactly 5 minutes, and nothing else', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    const plus = (ms: number) => new Date(at.getTime() + ms);
    const sos = { kind: 'emergency', status: 'submitted', createdAt: at };
    expect(isOverdueEmergency(sos, plus(5 * 60_000 - 1))).toBe(false);
    expect(isOverdueEmergency(sos, plus(5 * 60_000))).toBe(true);
    expect(isOverdueEmergency({ ...sos, status: 'accepted' }, plus(60 * 60_000))).toBe(false);
    expect(isOverdueEmergency({ ...sos, kind: 'meal' }, plus(60 * 60_000))).toBe(false);
  });
});
