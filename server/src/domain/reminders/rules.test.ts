import { dueReminder } from './rules';

const start = new Date('2028-05-10T09:00:00+08:00');
const at = (s: string) => new Date(s);
const early = at('2028-05-01T10:00:00+08:00');

describe('dueReminder (frozen clock)', () => {
  it('is the day-before reminder from 24 h ahead until the last hour', () => {
    expect(dueReminder(start, early, at('2028-05-09T08:59:00+08:00'))).toBeNull();
    expect(dueReminder(start, early, at('2028-05-09T09:00:00+08:00'))).toBe('day_before');
    expect(dueReminder(start, early, at('2028-05-10T07:59:00+08:00'))).toBe('day_before');
  });
  it('is the hour-before reminder in the last hour, nothing from the start on', () => {
    expect(dueReminder(start, early, at('2028-05-10T08:00:00+08:00'))).toBe('hour_before');
    expect(dueReminder(start, early, at('2028-05-10T08:59:59+08:00'))).toBe('hour_before');
    expect(dueReminder(start, early, at('2028-05-10T09:00:00+08:00'))).toBeNull();
  });
  it('skips a reminder the booking is too fresh for', () => {
    // booked this evening for tomorrow morning: no day-before notice, but the hour-before one
    const late = at('2028-05-09T20:00:00+08:00');
    expect(dueReminder(start, late, at('2028-05-09T21:00:00+08:00'))).toBeNull();
    expect(dueReminder(start, late, at('2028-05-10T08:10:00+08:00'))).toBe('hour_before');
    // booked 30 minutes before: nothing at all
    expect(dueReminder(start, at('2028-05-10T08:30:00+08:00'), at('2028-05-10T08:40:00+08:00'))).toBeNull();
  });
});
