// 智能物联 constants shared by the server and the mini-program (no zod here, so the mini-program
// can import labels without pulling zod into its bundle; shapes are in shared/api/devices.ts).

export const DEVICE_KINDS = ['people_counter', 'smoke', 'door', 'temperature', 'elder_motion'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_KIND_LABELS: Record<DeviceKind, string> = {
  people_counter: '人流计数器',
  smoke: '烟感',
  door: '门磁',
  temperature: '温度传感器',
  elder_motion: '居家活动感应（亲情守护）',
};

export const ALERT_KINDS = ['smoke', 'door_open', 'temperature', 'offline'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  smoke: '烟雾报警',
  door_open: '非开放时间门未关',
  temperature: '温度异常',
  offline: '设备离线',
};
export const ALERT_STATUSES = ['open', 'acked', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Why a message was dropped (counted per device, never stored). */
export const REJECT_REASONS = ['bad_signature', 'stale_ts', 'replayed', 'malformed', 'muted', 'unknown_device'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  bad_signature: '签名错误',
  stale_ts: '时间戳超出 5 分钟',
  replayed: '重放',
  malformed: '格式错误',
  muted: '刷屏被静音',
  unknown_device: '未知设备',
};
