import { ACTIVITY_CANCEL_DEADLINE_MINUTES } from '../../../../shared/constants';
import { activities } from '../../db/schema';
import { DEFAULT_CANCEL_DEADLINE_MINUTES, canCancel, canCancelSlot, cancelBlock, cancelDeadlineOf, seatsLeft, selectAs } from './rules';
import { getTableColumns } from 'drizzle-orm';

// A frozen clock: every instant below is relative to one fixed start (as Cal.com tests
// isWithinMinimumCancellationNotice), so nothing depends on when the suite runs.
const START = new Date('2026-12-05T02:00:00.000Z'); // Saturday 10:00 in Shanghai
const MIN = 60_000;
const at = (minutesBeforeStart: number) => new Date(START.getTime() - minutesBeforeStart * MIN);
const activity = (over: Partial<{ status: 'draft' | 'published' | 'cancelled' | 'finished'; cancelDeadlineMinutes: number }> = {}) => ({
  status: 'published' as const,
  startAt: START,
  cancelDeadlineMinutes: DEFAULT_CANCEL_DEADLINE_MINUTES,
  ...over,
});

describe('the cancellation deadline', () => {
  it('defaults to 120 minutes, one constant for the schema, the domain and the mini-program', () => {
    expect(DEFAULT_CANCEL_DEADLINE_MINUTES).toBe(120);
    expect(DEFAULT_CANCEL_DEADLINE_MINUTES).toBe(ACTIVITY_CANCEL_DEADLINE_MINUTES);
    expect(getTableColumns(activities).cancelDeadlineMinutes.default).toBe(DEFAULT_CANCEL_DEADLINE_MINUTES);
  });

  it('is the start minus the activity\'s own minutes', () => {
    expect(cancelDeadlineOf(activity())).toEqual(at(120));
    expect(cancelDeadlineOf(activity({ cancelDeadlineMinutes: 30 }))).toEqual(at(30));
    expect(cancelDeadlineOf(activity({ cancelDeadlineMinutes: 0 }))).toEqual(START);
  });
});

describe('cancelBlock (what cancelBooking enforces)', () => {
  it('a seat: allowed before the deadline, refused at and after it', () => {
    expect(cancelBlock(activity(), { status: 'booked' }, at(121))).toBeNull();
    expect(cancelBlock(activity(), { status: 'booked' }, at(120))).toBe('deadline_passed');
    expect(cancelBlock(activity(), { status: 'booked' }, at(119))).toBe('deadline_passed');
  });

  it('a waitlist place: allowed until the start (the deadline does not apply), refused from it', () => {
    expect(cancelBlock(activity(), { status: 'waitlisted' }, at(1))).toBeNull();
    expect(cancelBlock(activity(), { status: 'waitlisted' }, at(0))).toBe('started');
    expect(cancelBlock(activity(), { status: 'waitlisted' }, at(-5))).toBe('started');
  });

  it('anything no longer active is refused, however early', () => {
    for (const status of ['cancelled', 'checked_in', 'no_show'] as const) {
      expect(cancelBlock(activity(), { status }, at(10_000))).toBe('not_active');
    }
  });
});

describe('canCancel (what the detail and the list show)', () => {
  it('true before the deadline, false after it, for a seat', () => {
    expect(canCancel(activity(), { status: 'booked' }, at(121))).toBe(true);
    expect(canCancel(activity(), { status: 'booked' }, at(119))).toBe(false);
  });

  it('true until the start, false from it, for a waitlist place', () => {
    expect(canCancel(activity(), { status: 'waitlisted' }, at(60))).toBe(true);
    expect(canCancel(activity(), { status: 'waitlisted' }, at(0))).toBe(false);
  });

  it('false once the activity is no longer published, even early', () => {
    expect(canCancel(activity({ status: 'cancelled' }), { status: 'booked' }, at(10_000))).toBe(false);
    expect(canCancel(activity({ status: 'finished' }), { status: 'waitlisted' }, at(10_000))).toBe(false);
  });

  it('false for a booking that is no longer active', () => {
    expect(canCancel(activity(), { status: 'checked_in' }, at(10_000))).toBe(false);
  });
});

describe('seatsLeft', () => {
  it('never goes below zero', () => {
    expect(seatsLeft({ capacity: 10, bookedCount: 3 })).toBe(7);
    expect(seatsLeft({ capacity: 10, bookedCount: 10 })).toBe(0);
    expect(seatsLeft({ capacity: 5, bookedCount: 7 })).toBe(0);
  });
});

describe('fixed SQL takes its column names from the schema', () => {
  it('aliases the real column names', () => {
    expect(selectAs(getTableColumns(activities), 'a', ['startAt', 'bookedCount'])).toBe('a.start_at AS startAt, a.booked_count AS bookedCount');
  });
});

describe('canCancelSlot (space slots: the list and cancelSlotBooking)', () => {
  const slot = { startsAt: START };
  it('true before the space\'s deadline, false at and after it', () => {
    expect(canCancelSlot({ ...slot, status: 'booked' }, 30, at(31))).toBe(true);
    expect(canCancelSlot({ ...slot, status: 'booked' }, 30, at(30))).toBe(false);
    expect(canCancelSlot({ ...slot, status: 'booked' }, 30, at(10))).toBe(false);
  });
  it('false for a booking no longer active', () => {
    expect(canCancelSlot({ ...slot, status: 'cancelled' }, 30, at(1000))).toBe(false);
  });
});
