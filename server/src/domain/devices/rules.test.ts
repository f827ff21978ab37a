import { alertsDue, daytimeMinutesBetween, floodCheck, isOfflineTooLong, quietHomeDue, signTelemetry, verifyTelemetry, withinOpeningHours, type RuleState } from './rules';

// Frozen instants (Shanghai = UTC+8)
const at = (s: string) => new Date(s);
const NOON = at('2026-12-01T12:00:00+08:00');
const NIGHT = at('2026-12-01T23:00:00+08:00');

describe('signature and ts window', () => {
  const secret = 's3cret';
  const msg = (ts: string, value: number | boolean, sig = signTelemetry(secret, ts, value)) => ({ ts, value, sig });
  it('accepts a signed message inside ±5 min and drops forged, stale and replayed ones', () => {
    const ts = '2026-12-01T04:00:00.000Z';
    const now = at(ts);
    expect(verifyTelemetry(msg(ts, 12), { secret, kind: 'people_counter', now, lastTs: null })).toEqual({ ok: true, ts: at(ts) });
    expect(verifyTelemetry(msg(ts, 12, signTelemetry('other', ts, 12)), { secret, kind: 'people_counter', now, lastTs: null })).toEqual({ ok: false, reason: 'bad_signature' });
    // the value is inside the signature: changing it breaks it
    expect(verifyTelemetry({ ...msg(ts, 12), value: 13 }, { secret, kind: 'people_counter', now, lastTs: null })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyTelemetry(msg(ts, 12), { secret, kind: 'people_counter', now: new Date(now.getTime() + 5 * 60_000 + 1), lastTs: null })).toEqual({ ok: false, reason: 'stale_ts' });
    expect(verifyTelemetry(msg(ts, 12), { secret, kind: 'people_counter', now: new Date(now.getTime() - 4 * 60_000), lastTs: null }).ok).toBe(true);
    expect(verifyTelemetry(msg(ts, 12), { secret, kind: 'people_counter', now, lastTs: at(ts) })).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyTelemetry(msg(ts, true), { secret, kind: 'people_counter', now, lastTs: null })).toEqual({ ok: false, reason: 'malformed' });
  });
  it('signs ts|JSON(value) with HMAC-SHA256 hex', () => {
    const { createHmac } = jest.requireActual('node:crypto');
    expect(signTelemetry('k', 'T', true)).toBe(createHmac('sha256', 'k').update('T|true').digest('hex'));
    expect(signTelemetry('k', 'T', 21.5)).toBe(createHmac('sha256', 'k').update('T|21.5').digest('hex'));
  });
});

describe('alert rules', () => {
  const base: RuleState = { kind: 'smoke', value: null, valueSince: null, status: 'online', statusChangedAt: null, lastSeenAt: NOON };
  it('smoke at once', () => {
    expect(alertsDue({ ...base, value: true, valueSince: NOON }, NOON, '08:30-20:30').map((a) => a.kind)).toEqual(['smoke']);
    expect(alertsDue({ ...base, value: false }, NOON, '08:30-20:30')).toEqual([]);
  });
  it('a door open more than 10 minutes, only outside opening hours', () => {
    const door = { ...base, kind: 'door' as const, value: true, lastSeenAt: NIGHT };
    const opened = new Date(NIGHT.getTime() - 11 * 60_000);
    expect(alertsDue({ ...door, valueSince: opened }, NIGHT, '08:30-20:30').map((a) => a.kind)).toEqual(['door_open']);
    expect(alertsDue({ ...door, valueSince: new Date(NIGHT.getTime() - 9 * 60_000) }, NIGHT, '08:30-20:30')).toEqual([]);
    expect(alertsDue({ ...door, valueSince: new Date(NOON.getTime() - 60 * 60_000), lastSeenAt: NOON }, NOON, '08:30-20:30')).toEqual([]);
  });
  it('temperature outside 5–35 °C', () => {
    const t = { ...base, kind: 'temperature' as const };
    expect(alertsDue({ ...t, value: 35.1 }, NOON, '').map((a) => a.kind)).toEqual(['temperature']);
    expect(alertsDue({ ...t, value: 4.9 }, NOON, '').map((a) => a.kind)).toEqual(['temperature']);
    expect(alertsDue({ ...t, value: 20 }, NOON, '')).toEqual([]);
  });
  it('offline more than 5 minutes, by last will or by silence', () => {
    expect(isOfflineTooLong({ status: 'offline', statusChangedAt: new Date(NOON.getTime() - 5 * 60_000 - 1), lastSeenAt: null }, NOON)).toBe(true);
    expect(isOfflineTooLong({ status: 'offline', statusChangedAt: new Date(NOON.getTime() - 4 * 60_000), lastSeenAt: null }, NOON)).toBe(false);
    expect(isOfflineTooLong({ status: 'online', statusChangedAt: null, lastSeenAt: new Date(NOON.getTime() - 6 * 60_000) }, NOON)).toBe(true);
    expect(isOfflineTooLong({ status: 'online', statusChangedAt: null, lastSeenAt: new Date(NOON.getTime() - 60_000) }, NOON)).toBe(false);
  });
  it('opening hours in Shanghai time, also across midnight', () => {
    expect(withinOpeningHours('08:30-20:30', at('2026-12-01T08:30:00+08:00'))).toBe(true);
    expect(withinOpeningHours('08:30-20:30', at('2026-12-01T20:30:00+08:00'))).toBe(false);
    expect(withinOpeningHours('08:30-20:30', at('2026-12-01T08:29:00+08:00'))).toBe(false);
    expect(withinOpeningHours('周一至周日 08:30-20:30', at('2026-12-01T22:00:00+08:00'))).toBe(false);
    expect(withinOpeningHours('周一至周日 08:30-20:30', at('2026-12-01T12:00:00+08:00'))).toBe(true);
    expect(withinOpeningHours('20:00-02:00', at('2026-12-02T01:00:00+08:00'))).toBe(true);
  });
  it('flood limit: over the limit within a minute', () => {
    let f = { windowStart: 0, count: 0 };
    const flags: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const r = floodCheck(f, new Date(NOON.getTime() + i), 3);
      f = r.next;
      flags.push(r.flood);
    }
    expect(flags).toEqual([false, false, false, true]);
    expect(floodCheck(f, new Date(NOON.getTime() + 60_001), 3).flood).toBe(false);
  });
});

describe('quiet home (frozen clock)', () => {
  const w = { start: '07:00', end: '22:00' };
  it('counts only daytime minutes', () => {
    expect(daytimeMinutesBetween(at('2026-12-01T21:00:00+08:00'), at('2026-12-02T08:00:00+08:00'), w)).toBe(120);
    expect(daytimeMinutesBetween(at('2026-12-01T07:00:00+08:00'), at('2026-12-01T19:00:00+08:00'), w)).toBe(720);
  });
  it('is due after 12 daytime hours without motion, not before, and not for night-time quiet', () => {
    const since = at('2026-12-01T00:00:00+08:00');
    const last = at('2026-12-01T07:00:00+08:00');
    expect(quietHomeDue({ lastMotionAt: last, since, now: at('2026-12-01T18:59:00+08:00'), quietHours: 12, window: w })).toBe(false);
    expect(quietHomeDue({ lastMotionAt: last, since, now: at('2026-12-01T19:00:00+08:00'), quietHours: 12, window: w })).toBe(true);
    // motion at 21:00, quiet night: at 09:00 the next day only 3 daytime hours have passed
    expect(quietHomeDue({ lastMotionAt: at('2026-12-01T21:00:00+08:00'), since, now: at('2026-12-02T09:00:00+08:00'), quietHours: 12, window: w })).toBe(false);
    // never any motion: counted from when the watch began
    expect(quietHomeDue({ lastMotionAt: null, since: last, now: at('2026-12-01T19:00:00+08:00'), quietHours: 12, window: w })).toBe(true);
  });
});
