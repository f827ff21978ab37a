/**
 * The device ingest: every MQTT message goes through `handle()`, which checks it and updates an
 * in-memory state synchronously (microseconds, no I/O), so the broker can never hold up the HTTP
 * event loop. Accepted readings, roll-ups, states and rejection counts (per device, and per reason for messages
 * that name no registered device) are buffered and written in
 * one statement each per flush (every IOT_FLUSH_MS, or at FLUSH_AT messages). Alerts and the
 * quiet-home close run on a serial queue. The sweep (every 15 s) finds silent devices, doors left
 * open and quiet homes; the retention job prunes raw readings (7 days) and roll-ups (90 days).
 */
import type { Deps } from '../../deps';
import type { deviceReadings } from '../../db/schema';
import type { AlertKind, DeviceKind, RejectReason } from '../../../../shared/api/devices';
import { alertEvents, autoResolve, openAlert, openKeyOf } from './alerts';
import { allDevicesWithState, deleteOlderThan, deviceByKey, openAlertKeys } from './queries';
import { closeOnMotion, sweepQuietHomes } from './quietHome';
import { alertsDue, floodCheck, isSilent, minuteOf, MUTE_MS, parseTelemetry, verifyTelemetry, type FloodState } from './rules';
import { openSecret } from './secret';
import { RETENTION } from '../privacy/retention';

export const TOPIC_RE = /^xfh\/v1\/devices\/([A-Za-z0-9_-]{1,40})\/(telemetry|status)$/;
export const SUBSCRIPTIONS = ['xfh/v1/devices/+/telemetry', 'xfh/v1/devices/+/status'];
const FLUSH_AT = 500;
const SWEEP_MS = 15_000;
const RETENTION_MS = 3600_000;
// the periods live with every other retention period (domain/privacy/retention.ts)
export const RAW_KEEP_MS = RETENTION.deviceReadingsDays * 86_400_000;
export const ROLLUP_KEEP_MS = RETENTION.deviceRollupsDays * 86_400_000;
const NEGATIVE_TTL_MS = 5_000;

interface Live {
  id: number;
  complexId: number;
  kind: DeviceKind;
  name: string;
  seniorId: number | null;
  secret: string;
  openingHours: string;
  value: number | boolean | null;
  valueSince: Date | null;
  lastTs: Date | null;
  lastSeenAt: Date | null;
  status: 'online' | 'offline';
  statusChangedAt: Date | null;
  lastMotionAt: Date | null;
  mutedUntil: Date | null;
  floodFlaggedAt: Date | null;
  flood: FloodState;
}

type Rollup = { deviceId: number; minute: Date; count: number; sum: number; min: number; max: number; last: number };

export interface IngestStats {
  received: number;
  accepted: number;
  rejected: Partial<Record<RejectReason, number>>;
  flushes: number;
  lastFlushMs: number;
  alertsOpened: number;
}

type IngestDeps = Pick<Deps, 'db' | 'database' | 'logger' | 'clock' | 'config' | 'wechat'>;

const asValue = (kind: DeviceKind, v: number | null): number | boolean | null =>
  v === null ? null : kind === 'smoke' || kind === 'door' || kind === 'elder_motion' ? v !== 0 : v;
const num = (v: number | boolean) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

export class DeviceIngest {
  readonly stats: IngestStats = { received: 0, accepted: 0, rejected: {}, flushes: 0, lastFlushMs: 0, alertsOpened: 0 };
  private byKey = new Map<string, Live>();
  private byId = new Map<number, Live>();
  private unknown = new Map<string, number>();
  private loading = new Map<string, Array<[string, Buffer]>>();
  private openKeys = new Set<string>();
  private readings: Array<typeof deviceReadings.$inferInsert> = [];
  private rollups = new Map<string, Rollup>();
  private dirty = new Set<number>();
  private rejections = new Map<string, { deviceId: number; reason: RejectReason; count: number; lastAt: Date }>();
  /** rejections that name no registered device, by reason (written to device_unattributed_rejections) */
  private unattributed = new Map<RejectReason, { reason: RejectReason; count: number; lastAt: Date }>();
  private queue: Promise<unknown> = Promise.resolve();
  private flushing: Promise<void> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private onClosed = (key: string) => this.openKeys.delete(key);

  constructor(private deps: IngestDeps) {}

  /** Loads every device and open alert, then starts the flush, sweep and retention timers. */
  async start(opts: { timers?: boolean } = {}) {
    for (const r of await allDevicesWithState(this.deps.db)) this.remember(r);
    for (const k of await openAlertKeys(this.deps.db)) this.openKeys.add(k);
    alertEvents.on('closed', this.onClosed);
    const every = (ms: number, fn: () => Promise<unknown>, what: string) => {
      const t = setInterval(() => fn().catch((e) => this.deps.logger.error({ err: String(e) }, `${what} failed`)), ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.deps.config.IOT_FLUSH_MS, () => this.flush(), 'iot flush');
    if (opts.timers !== false) {
      every(SWEEP_MS, () => this.sweep(), 'iot sweep');
      every(RETENTION_MS, () => this.retention(), 'iot retention');
    }
  }

  async stop() {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    alertEvents.off('closed', this.onClosed);
    await this.drain();
  }

  private remember(r: NonNullable<Awaited<ReturnType<typeof deviceByKey>>>): Live {
    const s = r.state;
    const live: Live = {
      id: r.device.id,
      complexId: r.device.complexId,
      kind: r.device.kind,
      name: r.device.name,
      seniorId: r.device.seniorId,
      secret: openSecret(r.device.secretEnc, this.deps.config.PII_KEY),
      openingHours: r.openingHours,
      value: asValue(r.device.kind, s?.lastValue ?? null),
      valueSince: s?.valueSince ?? null,
      lastTs: s?.lastTs ?? null,
      lastSeenAt: s?.lastSeenAt ?? null,
      status: s?.status ?? 'offline',
      statusChangedAt: s?.statusChangedAt ?? null,
      lastMotionAt: s?.lastMotionAt ?? null,
      mutedUntil: s?.mutedUntil ?? null,
      floodFlaggedAt: s?.floodFlaggedAt ?? null,
      flood: { windowStart: 0, count: 0 },
    };
    this.byKey.set(r.device.deviceKey, live);
    this.byId.set(live.id, live);
    this.unknown.delete(r.device.deviceKey);
    return live;
  }

  /** One MQTT message. Never throws, never awaits: the work that needs I/O is buffered or queued. */
  handle(topic: string, payload: Buffer) {
    this.stats.received++;
    const m = TOPIC_RE.exec(topic);
    if (!m) return this.reject(null, 'malformed');
    const key = m[1];
    const live = this.byKey.get(key);
    if (live) return this.process(live, m[2], payload);
    const pending = this.loading.get(key);
    if (pending) {
      if (pending.length < 100) pending.push([m[2], payload]);
      return;
    }
    const until = this.unknown.get(key);
    if (until && until > Date.now()) return this.reject(null, 'unknown_device');
    this.loading.set(key, [[m[2], payload]]);
    deviceByKey(this.deps.db, key)
      .then((row) => {
        const waiting = this.loading.get(key) ?? [];
        this.loading.delete(key);
        if (!row) {
          if (this.unknown.size > 10_000) this.unknown.clear();
          this.unknown.set(key, Date.now() + NEGATIVE_TTL_MS);
          for (let i = 0; i < waiting.length; i++) this.reject(null, 'unknown_device');
          return;
        }
        const l = this.remember(row);
        for (const [kind, p] of waiting) this.process(l, kind, p);
      })
      .catch((e) => {
        this.loading.delete(key);
        this.deps.logger.error({ err: String(e) }, 'device lookup failed');
      });
  }

  private process(d: Live, kind: string, payload: Buffer) {
    const now = this.deps.clock.now();
    // an empty retained message only clears the broker's copy
    if (kind === 'status' && payload.length === 0) return;
    if (d.mutedUntil && d.mutedUntil > now) return this.reject(d, 'muted', now);
    const f = floodCheck(d.flood, now, this.deps.config.DEVICE_RATE_LIMIT);
    d.flood = f.next;
    if (f.flood) {
      d.mutedUntil = new Date(now.getTime() + MUTE_MS);
      d.floodFlaggedAt = now;
      this.dirty.add(d.id);
      this.deps.logger.warn({ deviceId: d.id }, 'device flooding: muted for 10 minutes');
      return this.reject(d, 'muted', now);
    }
    if (kind === 'status') return this.onStatus(d, payload.toString().trim().replace(/^"|"$/g, ''), now);
    const t = parseTelemetry(payload);
    if (!t) return this.reject(d, 'malformed', now);
    const v = verifyTelemetry(t, { secret: d.secret, kind: d.kind, now, lastTs: d.lastTs });
    if (!v.ok) return this.reject(d, v.reason, now);
    this.accept(d, v.ts, t.value, now);
  }

  private accept(d: Live, ts: Date, value: number | boolean, now: Date) {
    this.stats.accepted++;
    if (d.value !== value) d.valueSince = ts;
    d.value = value;
    d.lastTs = ts;
    d.lastSeenAt = now;
    if (d.kind === 'elder_motion' && value === true) {
      d.lastMotionAt = ts;
      if (d.seniorId) this.enqueue(() => closeOnMotion(this.deps, d.seniorId!, now));
    }
    if (d.status !== 'online') this.setStatus(d, 'online', now);
    this.dirty.add(d.id);
    const n = num(value);
    this.readings.push({ deviceId: d.id, ts, value: n, receivedAt: now });
    const minute = minuteOf(ts);
    const rk = `${d.id}:${minute.getTime()}`;
    const r = this.rollups.get(rk);
    if (r) {
      r.count++;
      r.sum += n;
      r.min = Math.min(r.min, n);
      r.max = Math.max(r.max, n);
      r.last = n;
    } else this.rollups.set(rk, { deviceId: d.id, minute, count: 1, sum: n, min: n, max: n, last: n });
    this.evaluate(d, now);
    if (this.readings.length >= FLUSH_AT) void this.flush().catch((e) => this.deps.logger.error({ err: String(e) }, 'iot flush failed'));
  }

  private onStatus(d: Live, s: string, now: Date) {
    if (s !== 'online' && s !== 'offline') return this.reject(d, 'malformed', now);
    if (s === d.status) return;
    this.setStatus(d, s, now);
    this.dirty.add(d.id);
  }

  private setStatus(d: Live, s: 'online' | 'offline', at: Date) {
    d.status = s;
    d.statusChangedAt = at;
    if (s === 'online') {
      const key = openKeyOf(d.id, 'offline');
      if (this.openKeys.has(key)) {
        this.openKeys.delete(key);
        this.enqueue(() => autoResolve(this.deps.db, d.id, 'offline', at, '设备已恢复在线，自动关闭'));
      }
    }
  }

  private reject(d: Live | null, reason: RejectReason, now = this.deps.clock.now()) {
    this.stats.rejected[reason] = (this.stats.rejected[reason] ?? 0) + 1;
    if (!d) {
      const u = this.unattributed.get(reason);
      if (u) {
        u.count++;
        u.lastAt = now;
      } else this.unattributed.set(reason, { reason, count: 1, lastAt: now });
      return;
    }
    const k = `${d.id}:${reason}`;
    const r = this.rejections.get(k);
    if (r) {
      r.count++;
      r.lastAt = now;
    } else this.rejections.set(k, { deviceId: d.id, reason, count: 1, lastAt: now });
  }

  private evaluate(d: Live, now: Date) {
    for (const due of alertsDue(d, now, d.openingHours)) this.raise(d, due.kind, due.message, now);
  }

  private raise(d: Live, kind: AlertKind, message: string, now: Date) {
    const key = openKeyOf(d.id, kind);
    if (this.openKeys.has(key)) return;
    this.openKeys.add(key);
    this.enqueue(async () => {
      // the state (e.g. the smoke reading) lands first, so the alert never points at nothing
      await this.flush();
      const r = await openAlert(this.deps, { complexId: d.complexId, deviceId: d.id, deviceName: d.name, kind, message, now });
      if (r) this.stats.alertsOpened++;
    });
  }

  private enqueue(fn: () => Promise<unknown>) {
    this.queue = this.queue.then(fn).catch((e) => this.deps.logger.error({ err: String(e) }, 'iot task failed'));
  }

  /** Writes everything buffered: raw readings, roll-ups, states, rejection counts (one statement each). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.hasWork() ? this.flush() : undefined));
    if (!this.hasWork()) return Promise.resolve();
    this.flushing = this.write().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private hasWork() {
    return this.readings.length > 0 || this.dirty.size > 0 || this.rejections.size > 0 || this.unattributed.size > 0;
  }

  private async write() {
    const started = Date.now();
    const readings = this.readings;
    const rollups = [...this.rollups.values()];
    const states = [...this.dirty].map((id) => this.byId.get(id)!).filter(Boolean);
    const rejections = [...this.rejections.values()];
    const unattributed = [...this.unattributed.values()];
    this.readings = [];
    this.rollups = new Map();
    this.dirty = new Set();
    this.rejections = new Map();
    this.unattributed = new Map();
    // Fixed SQL on the pool (one multi-row statement per table): building these with drizzle cost
    // more CPU than the database did, and CPU here is the HTTP loop's (see bench/iot.ts).
    const pool = this.deps.database.pool;
    try {
      if (states.length) {
        await pool.query(
          `INSERT INTO device_states (device_id, status, last_value, last_ts, last_seen_at, status_changed_at, value_since, last_motion_at, muted_until, flood_flagged_at) VALUES ?
           ON DUPLICATE KEY UPDATE status = VALUES(status), last_value = VALUES(last_value), last_ts = VALUES(last_ts), last_seen_at = VALUES(last_seen_at),
             status_changed_at = VALUES(status_changed_at), value_since = VALUES(value_since), last_motion_at = VALUES(last_motion_at),
             muted_until = VALUES(muted_until), flood_flagged_at = VALUES(flood_flagged_at)`,
          [states.map((d) => [d.id, d.status, d.value === null ? null : num(d.value), d.lastTs, d.lastSeenAt, d.statusChangedAt, d.valueSince, d.lastMotionAt, d.mutedUntil, d.floodFlaggedAt])],
        );
      }
      if (readings.length) {
        await pool.query('INSERT INTO device_readings (device_id, ts, value, received_at) VALUES ?', [readings.map((r) => [r.deviceId, r.ts, r.value, r.receivedAt])]);
      }
      if (rollups.length) {
        await pool.query(
          'INSERT INTO device_rollups (device_id, minute, `count`, `sum`, `min`, `max`, `last`) VALUES ? ON DUPLICATE KEY UPDATE `count` = `count` + VALUES(`count`), `sum` = `sum` + VALUES(`sum`), `min` = LEAST(`min`, VALUES(`min`)), `max` = GREATEST(`max`, VALUES(`max`)), `last` = VALUES(`last`)',
          [rollups.map((r) => [r.deviceId, r.minute, r.count, r.sum, r.min, r.max, r.last])],
        );
      }
      if (rejections.length) {
        await pool.query('INSERT INTO device_rejections (device_id, reason, `count`, last_at) VALUES ? ON DUPLICATE KEY UPDATE `count` = `count` + VALUES(`count`), last_at = VALUES(last_at)', [
          rejections.map((r) => [r.deviceId, r.reason, r.count, r.lastAt]),
        ]);
      }
      if (unattributed.length) {
        await pool.query('INSERT INTO device_unattributed_rejections (reason, `count`, last_at) VALUES ? ON DUPLICATE KEY UPDATE `count` = `count` + VALUES(`count`), last_at = VALUES(last_at)', [
          unattributed.map((r) => [r.reason, r.count, r.lastAt]),
        ]);
      }
      this.stats.flushes++;
      this.stats.lastFlushMs = Date.now() - started;
    } catch (e) {
      // put the batch back so nothing accepted is lost; the next flush retries it
      this.readings = readings.concat(this.readings);
      for (const r of rollups) {
        const k = `${r.deviceId}:${r.minute.getTime()}`;
        const cur = this.rollups.get(k);
        if (!cur) this.rollups.set(k, r);
        else Object.assign(cur, { count: cur.count + r.count, sum: cur.sum + r.sum, min: Math.min(cur.min, r.min), max: Math.max(cur.max, r.max) });
      }
      for (const d of states) this.dirty.add(d.id);
      for (const r of rejections) {
        const k = `${r.deviceId}:${r.reason}`;
        const cur = this.rejections.get(k);
        if (!cur) this.rejections.set(k, r);
        else cur.count += r.count;
      }
      for (const r of unattributed) {
        const cur = this.unattributed.get(r.reason);
        if (!cur) this.unattributed.set(r.reason, r);
        else cur.count += r.count;
      }
      throw e;
    }
  }

  /** Silent devices go offline; offline, door and quiet-home rules are checked against the clock. */
  async sweep() {
    // the database decides which episodes are open: an alert resolved through another server
    // (an API-only replica) ends its episode here too, so the same condition can open a new one
    this.openKeys = new Set(await openAlertKeys(this.deps.db));
    const now = this.deps.clock.now();
    for (const d of this.byId.values()) {
      if (isSilent(d, now)) {
        this.setStatus(d, 'offline', d.lastSeenAt!);
        this.dirty.add(d.id);
      }
      this.evaluate(d, now);
    }
    await this.drain();
    await sweepQuietHomes(this.deps, now);
  }

  /** Deletes raw readings older than 7 days and roll-ups older than 90 days, 5,000 rows at a time. */
  async retention(batch = 5000) {
    const now = this.deps.clock.now().getTime();
    let n = 0;
    for (const [table, keep] of [['device_readings', RAW_KEEP_MS], ['device_rollups', ROLLUP_KEEP_MS]] as const) {
      for (;;) {
        const gone = await deleteOlderThan(this.deps.db, table, new Date(now - keep), batch);
        n += gone;
        if (gone < batch) break;
        await new Promise((r) => setImmediate(r));
      }
    }
    return n;
  }

  /** Waits until everything received so far is written and every queued alert is handled. */
  async drain() {
    for (let i = 0; i < 5; i++) {
      await this.flush();
      await this.queue;
      if (!this.hasWork()) return;
    }
  }
}
