import { DEVICE_KIND_LABELS, REJECT_REASON_LABELS, type RejectReason } from '@shared/devices';
import type { DeviceItemT } from '../../api/devices';

/** A device's last value as people read it. */
export function valueText(d: Pick<DeviceItemT, 'kind' | 'lastValue'>): string {
  const v = d.lastValue;
  if (v === null) return '暂无数据';
  switch (d.kind) {
    case 'people_counter':
      return `${v} 人`;
    case 'temperature':
      return `${v} °C`;
    case 'smoke':
      return v ? '报警' : '正常';
    case 'door':
      return v ? '开' : '关';
    case 'elder_motion':
      return v ? '有活动' : '无活动';
  }
}

export const kindLabel = (k: DeviceItemT['kind']) => DEVICE_KIND_LABELS[k];

export function rejectedText(r: Record<string, number>): string {
  const parts = Object.entries(r)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${REJECT_REASON_LABELS[k as RejectReason] ?? k} ${n}`);
  return parts.length ? parts.join('，') : '无';
}
