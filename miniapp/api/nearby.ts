import type { SpaceType } from './places';
import { request } from './request';

interface Place {
  facilityId: number;
  facilityName: string;
  complexId: number;
  complexName: string;
  lat: number;
  lng: number;
  distanceM: number;
  walkMinutes: number;
}

export interface NearbyFacility extends Place {
  id: number;
  name: string;
  address: string;
  isMain: boolean;
}

export interface NearbySpace extends Place {
  id: number;
  name: string;
  type: SpaceType;
  typeLabel: string;
  bookable: boolean;
}

export interface NearbyActivity extends Place {
  id: number;
  title: string;
  location: string;
  startAt: string;
  endAt: string;
}

export interface ServiceCircle {
  radiusM: number;
  minutes: number;
  date: string;
  facilities: NearbyFacility[];
  spaces: NearbySpace[];
  activities: NearbyActivity[];
}

export const nearbyApi = {
  circle: (lat: number, lng: number, minutes = 10) => request<ServiceCircle>('/nearby', { auth: false, query: { lat, lng, minutes, limit: 100 } }),
};
