import type { z } from 'zod';
import type { NearbySpace as NearbySpaceSchema, ServiceCircle as ServiceCircleSchema } from '@shared/api/nearby';
import { request } from './request';

// 十分钟服务圈. Types are z.infer of shared/api/nearby.ts.

export type NearbySpace = z.infer<typeof NearbySpaceSchema>;
export type ServiceCircle = z.infer<typeof ServiceCircleSchema>;

export const nearbyApi = {
  circle: (lat: number, lng: number, minutes = 10) => request<ServiceCircle>('/nearby', { auth: false, query: { lat, lng, minutes, limit: 100 } }),
};
