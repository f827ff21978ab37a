// 智能物联: request/response shapes both the server and the mini-program use (zod only).
import { z } from 'zod';

import { ALERT_KINDS, ALERT_STATUSES, DEVICE_KINDS } from '../devices';

export * from '../devices';

export const RegisterDeviceBody = z
  .object({
    kind: z.enum(DEVICE_KINDS, { error: '设备类型无效' }),
    name: z.string().trim().min(1, '请填写设备名称').max(64, '最多 64 个字'),
    spaceId: z.number().int().positive().optional(),
    /** elder_motion only: the senior at whose home it is installed */
    seniorId: z.number().int().positive().optional(),
  })
  .strict();

export const RegisteredDevice = z.object({
  id: z.number().int(),
  deviceKey: z.string(),
  secret: z.string(),
  topics: z.object({ telemetry: z.string(), status: z.string() }),
  /** data-URL PNG of {deviceKey, secret, telemetry, status} for the installer (shown once) */
  qr: z.string(),
});
export type RegisteredDeviceT = z.infer<typeof RegisteredDevice>;

export const DeviceItem = z.object({
  id: z.number().int(),
  kind: z.enum(DEVICE_KINDS),
  name: z.string(),
  spaceId: z.number().int().nullable(),
  deviceKey: z.string(),
  status: z.enum(['online', 'offline']),
  lastSeenAt: z.string().nullable(),
  lastValue: z.union([z.number(), z.boolean()]).nullable(),
  muted: z.boolean(),
  floodFlaggedAt: z.string().nullable(),
  rejected: z.record(z.string(), z.number().int()),
  openAlerts: z.number().int(),
});
export type DeviceItemT = z.infer<typeof DeviceItem>;

/** GET /complexes/:id/devices */
export const DeviceList = z.object({
  items: z.array(DeviceItem),
  /** dropped messages that named no registered device (unknown key, foreign topic), server-wide, by reason */
  unregistered: z.record(z.string(), z.number().int()),
});
export type DeviceListT = z.infer<typeof DeviceList>;

export const AlertItem = z.object({
  id: z.number().int(),
  deviceId: z.number().int(),
  deviceName: z.string(),
  kind: z.enum(ALERT_KINDS),
  status: z.enum(ALERT_STATUSES),
  openedAt: z.string(),
  message: z.string(),
  ackedAt: z.string().nullable(),
  ackedBy: z.number().int().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.number().int().nullable(),
  resolveNote: z.string().nullable(),
});
export type AlertItemT = z.infer<typeof AlertItem>;

export const AlertQuery = z.object({ status: z.enum(ALERT_STATUSES).optional() });
export const ResolveBody = z.object({ note: z.string().trim().max(200, '最多 200 个字').optional() }).strict();

export const Occupancy = z.object({
  count: z.number().int(),
  capacity: z.number().int(),
  full: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type OccupancyT = z.infer<typeof Occupancy>;

export const QuietHomeStatus = z.object({
  seniorId: z.number().int(),
  status: z.enum(['off', 'pending_consent', 'active']),
  quietHours: z.number().int(),
  window: z.object({ start: z.string(), end: z.string() }),
  requestedBy: z.number().int().nullable(),
  consentedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  device: z.object({ id: z.number().int(), name: z.string(), status: z.enum(['online', 'offline']), lastSeenAt: z.string().nullable() }).nullable(),
  lastMotionAt: z.string().nullable(),
  alert: z.object({ careRequestId: z.number().int(), raisedAt: z.string() }).nullable(),
});
export type QuietHomeStatusT = z.infer<typeof QuietHomeStatus>;

const Hm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm');
export const QuietHomeBody = z
  .object({
    enabled: z.boolean(),
    quietHours: z.number().int().min(2, '至少 2 小时').max(48, '最多 48 小时').optional(),
    windowStart: Hm.optional(),
    windowEnd: Hm.optional(),
  })
  .strict();
export const ConsentBody = z.object({ granted: z.boolean() }).strict();

/** 工作台角标: open and acknowledged alerts of the complexes the caller runs. */
export const AlertSummary = z.object({
  open: z.number().int(),
  acked: z.number().int(),
  complexes: z.array(z.object({ complexId: z.number().int(), open: z.number().int(), acked: z.number().int() })),
  /** the WeChat template of alert messages, null when the server has none */
  subscribeTemplateId: z.string().nullable(),
});
export type AlertSummaryT = z.infer<typeof AlertSummary>;

export const AlertList = z.object({ items: z.array(AlertItem) });
export type AlertListT = z.infer<typeof AlertList>;

export const LiveComplex = z.object({
  complexId: z.number().int(),
  online: z.number().int(),
  offline: z.number().int(),
  devices: z.array(DeviceItem),
  alerts: z.array(AlertItem),
});
export type LiveComplexT = z.infer<typeof LiveComplex>;
