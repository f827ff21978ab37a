// 智能物联: devices, alerts, occupancy and 亲情守护. Types are z.infer of the shared schemas.
import type {
  AlertItemT,
  AlertListT,
  AlertStatus,
  AlertSummaryT,
  DeviceItemT,
  DeviceKind,
  DeviceListT,
  LiveComplexT,
  OccupancyT,
  QuietHomeStatusT,
  RegisteredDeviceT,
} from '@shared/api/devices';
import { request } from './request';

export type { AlertItemT, DeviceItemT, OccupancyT, QuietHomeStatusT, RegisteredDeviceT };

export type LiveStatus = LiveComplexT;
export type AlertSummary = AlertSummaryT;

export const devicesApi = {
  register: (complexId: number, body: { kind: DeviceKind; name: string; spaceId?: number }) =>
    request<RegisteredDeviceT>(`/complexes/${complexId}/devices`, { method: 'POST', data: body }),
  list: (complexId: number) => request<DeviceListT>(`/complexes/${complexId}/devices`),
  live: (complexId: number) => request<LiveStatus>(`/complexes/${complexId}/iot-live`),
  alerts: (complexId: number, status?: AlertStatus) => request<AlertListT>(`/complexes/${complexId}/alerts`, { query: { status } }),
  summary: () => request<AlertSummary>('/me/iot-alerts/summary', { silent: true }),
  subscribe: (templateIds: string[]) => request<void>('/me/subscriptions', { method: 'POST', data: { templateIds }, silent: true }),
  ack: (id: number) => request<AlertItemT>(`/alerts/${id}/ack`, { method: 'POST' }),
  resolve: (id: number, note?: string) => request<AlertItemT>(`/alerts/${id}/resolve`, { method: 'POST', data: note ? { note } : {} }),
  occupancy: (spaceId: number) => request<OccupancyT>(`/spaces/${spaceId}/occupancy`, { silent: true }),
  quietHome: (seniorId: number) => request<QuietHomeStatusT>(`/family/${seniorId}/quiet-home`),
  setQuietHome: (seniorId: number, enabled: boolean) => request<QuietHomeStatusT>(`/family/${seniorId}/quiet-home`, { method: 'PUT', data: { enabled } }),
  consent: (granted: boolean) => request<QuietHomeStatusT>('/me/quiet-home/consent', { method: 'PUT', data: { granted } }),
};

/** "现在 12 人 / 容量 20" (and whether it is full), for space pages and lists. */
export function occupancyText(o: OccupancyT): string {
  return o.capacity > 0 ? `现在 ${o.count} 人 / 容量 ${o.capacity}` : `现在 ${o.count} 人`;
}
