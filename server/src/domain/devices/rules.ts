/**
 * 智能物联 rules as pure functions of (state, now): no database, no clock of their own, so each
 * is unit-tested with a frozen instant (rules.test.ts). The ingest and the sweep call them.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AlertKind, DeviceKind, RejectReason } from '../../../../shared/api/devices';
import { parseHm, shanghaiDayStart } from '../time/shanghai';

export const TS_WINDOW_MS = 5 * 60_000;
export const OFFLINE_AFTER_MS = 5 * 60_000;
export const DOOR_OPEN_LIMIT_MS = 10 * 60_000;
export const TEMP_MIN = 5;
export const TEMP_MAX = 35;

/** hex HMAC-SHA256 of `ts + '|' + JSON.stringify(value)`, keyed with the device secret (UTF-8). */
export function signTelemetry(secret: string, ts: string, value: number | boolean): string {
  return createHmac('sha256', secret).update(`${ts}|${JSON.stringify(value)}`).digest('hex');
}

export interface Telemetry {
  ts: string;
  value: number | boolean;
  sig: string;
}

/** Parses a telemetry payload; null when it is not `{ts, value, sig}` of the right types. */
export function parseTelemetry(payload: Buffer | string): Telemetry | null {
  if (payload.length > 1024) return null;
  let v: unknown;
  try {
    v = JSON.parse(payload.toString());
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const { ts, value, sig } = v as Record<string, unknown>;
  if (typeof ts !== 'string' || ts.length > 40 || typeof sig !== 'string' || !/^[0-9a-f]{64}$/i.test(sig)) return null;
  if (typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) return null;
  return { ts, value, sig: sig.toLowerCase() };
}

/** Whether a value is the right type for the device kind. */
export function valueFits(kind: DeviceKind, value: number | boolean): boolean {
  if (kind === 'smoke' || kind === 'door' || kind === 'elder_motion') return typeof value === 'boolean';
  if (kind === 'people_counter') return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 100_000;
  return typeof value === 'number' && value > -100 && value < 200;
}

/**
 * Checks one message against the device's secret, the ±5 min window and the last accepted ts
 * (a ts not after it is a replay). Returns the reason to drop it, or the parsed instant.
 */
export function verifyTelemetry(
  m: Telemetry,
  o: { secret: string; kind: DeviceKind; now: Date; lastTs: Date | null },
): { ok: true; ts: Date } | { ok: false; reason: RejectReason } {
  const expected = Buffer.from(signTelemetry(o.secret, m.ts, m.value), 'hex');
  const given = Buffer.from(m.sig, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  const ts = new Date(m.ts);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(m.ts) || Number.isNaN(ts.getTime())) return { ok: false, reason: 'malformed' };
  if (Math.abs(ts.getTime() - o.now.getTime()) > TS_WINDOW_MS) return { ok: false, reason: 'stale_ts' };
  if (o.lastTs && ts.getTime() <= o.lastTs.getTime()) return { ok: false, reason: 'replayed' };
  if (!valueFits(o.kind, m.value)) return { ok: false, reason: 'malformed' };
  return { ok: true, ts };
}

/**
 * Whether `now` is inside opening hours like '08:30-20:30' or '周一至周日 08:30-20:30'
 * (Asia/Shanghai; the first time range is used). Unparseable → open all day (no door alerts).
 */
export function withinOpeningHours(openingHours: string, now: Date): boolean {
  const m = /(\d{1,2}:\d{2})\s*[-–~至]\s*(\d{1,2}:\d{2})/.exec(openingHours);
  if (!m) return true;
  const minute = Math.floor((now.getTime() - shanghaiDayStart(now).getTime()) / 60_000);
  const open = parseHm(m[1]);
  const close = parseHm(m[2]);
  return open <= close ? minute >= open && minute < close : minute >= open || minute < close;
}

export interface RuleState {
  kind: DeviceKind;
  /** last accepted value (booleans as booleans) */
  value: number | boolean | null;
  /** when the current boolean value began */
  valueSince: Date | null;
  status: 'online' | 'offline';
  statusChangedAt: Date | null;
  lastSeenAt: Date | null;
}

export interface AlertDue {
  kind: AlertKind;
  message: string;
}

/**
 * The alerts a device's state calls for at `now` (the caller opens each unless one is already open
 * for that device and kind): smoke at once; a door open > 10 min outside opening hours; a
 * temperature outside 5–35 °C; offline for more than 5 minutes (by last will or silence).
 */
export function alertsDue(s: RuleState, now: Date, openingHours: string): AlertDue[] {
  const out: AlertDue[] = [];
  if (s.kind === 'smoke' && s.value === true) out.push({ kind: 'smoke', message: '烟感报警，请立即到场查看' });
  if (s.kind === 'door' && s.value === true && s.valueSince && now.getTime() - s.valueSince.getTime() > DOOR_OPEN_LIMIT_MS && !withinOpeningHours(openingHours, now)) {
    out.push({ kind: 'door_open', message: `非开放时间门已打开超过 10 分钟（开放时间 ${openingHours}）` });
  }
  if (s.kind === 'temperature' && typeof s.value === 'number' && (s.value < TEMP_MIN || s.value > TEMP_MAX)) {
    out.push({ kind: 'temperature', message: `温度 ${s.value.toFixed(1)} °C，超出 ${TEMP_MIN}–${TEMP_MAX} °C` });
  }
  if (isOfflineTooLong(s, now)) out.push({ kind: 'offline', message: '设备离线超过 5 分钟' });
  return out;
}

/** Offline by its last will for more than 5 minutes, or no message at all for more than 5 minutes. */
export function isOfflineTooLong(s: Pick<RuleState, 'status' | 'statusChangedAt' | 'lastSeenAt'>, now: Date): boolean {
  const t = now.getTime();
  if (s.status === 'offline') return !!s.statusChangedAt && t - s.statusChangedAt.getTime() > OFFLINE_AFTER_MS;
  return !!s.lastSeenAt && t - s.lastSeenAt.getTime() > OFFLINE_AFTER_MS;
}

/** A device gone silent: online, but nothing heard for more than 5 minutes. */
export const isSilent = (s: Pick<RuleState, 'status' | 'lastSeenAt'>, now: Date) =>
  s.status === 'online' && !!s.lastSeenAt && now.getTime() - s.lastSeenAt.getTime() > OFFLINE_AFTER_MS;

/** Fixed-window flood limit: over `limit` messages in one minute mutes the device for 10 minutes. */
export const MUTE_MS = 10 * 60_000;
export interface FloodState {
  windowStart: number;
  count: number;
}
export function floodCheck(f: FloodState, now: Date, limit: number): { flood: boolean; next: FloodState } {
  const t = now.getTime();
  const next = t - f.windowStart >= 60_000 ? { windowStart: t, count: 1 } : { windowStart: f.windowStart, count: f.count + 1 };
  return { flood: next.count > limit, next };
}

/** The minute an instant falls in (roll-up bucket). */
export const minuteOf = (t: Date) => new Date(Math.floor(t.getTime() / 60_000) * 60_000);

// ---- 亲情守护 (quiet home) -----------------------------------------------------------------

export interface QuietWindow {
  start: string;
  end: string;
}

/**
 * Minutes of the daytime window (Shanghai, e.g. 07:00–22:00 each day) between `from` and `to`:
 * night-time quiet is sleep, not a worry, so only daytime minutes count towards the limit.
 */
export function daytimeMinutesBetween(from: Date, to: Date, w: QuietWindow): number {
  if (to <= from) return 0;
  const ws = parseHm(w.start);
  const we = parseHm(w.end);
  let total = 0;
  let dayStart = shanghaiDayStart(from);
  while (dayStart < to) {
    const a = Math.max(from.getTime(), dayStart.getTime() + ws * 60_000);
    const b = Math.min(to.getTime(), dayStart.getTime() + we * 60_000);
    if (b > a) total += b - a;
    dayStart = new Date(dayStart.getTime() + 86_400_000);
  }
  return Math.floor(total / 60_000);
}

/**
 * Whether a senior's home has been quiet too long: no motion for `quietHours` of daytime since the
 * last motion (or since the watch began, when no motion was ever seen).
 */
export function quietHomeDue(o: { lastMotionAt: Date | null; since: Date; now: Date; quietHours: number; window: QuietWindow }): boolean {
  const from = o.lastMotionAt && o.lastMotionAt > o.since ? o.lastMotionAt : o.since;
  return daytimeMinutesBetween(from, o.now, o.window) >= o.quietHours * 60;
}

