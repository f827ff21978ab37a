import { request } from './request';

export type ComplexMode = 'flagship' | 'star_moon' | 'pearl_chain';
export type SpaceType = 'elderly' | 'health' | 'vitality' | 'education' | 'governance' | 'life' | 'charity' | 'other';

export interface Street {
  id: number;
  name: string;
}

export interface ComplexSummary {
  id: number;
  name: string;
  mode: ComplexMode;
  streetId: number;
  streetName?: string;
  address: string;
  lat: number;
  lng: number;
  /** metres from the caller, when a position was sent */
  distanceM?: number;
  /** the first photo staff uploaded, for the list */
  coverPhotoUrl?: string | null;
}

export interface Facility {
  id: number;
  name: string;
  address: string;
  lat: number;
  lng: number;
  isMain: boolean;
  /** metres from the complex's main site */
  distanceM: number;
}

export interface Space {
  id: number;
  name: string;
  type: SpaceType;
  bookable: boolean;
  capacity: number | null;
  facilityId: number | null;
  /** from the space's people counter (智能物联); null without one */
  occupancy?: { count: number; capacity: number; full: boolean; updatedAt: string | null } | null;
}

export interface ComplexDetail extends ComplexSummary {
  communityName?: string | null;
  openingHours?: string | null;
  hotline?: string | null;
  description?: string | null;
  facilities: Facility[];
  spaces: Space[];
  photos?: { id: number; url: string; width: number; height: number }[];
}

interface List<T> {
  items: T[];
  nextCursor?: string | null;
}

export const placesApi = {
  streets: () => request<List<Street>>('/streets').then((r) => r.items),
  complexes: (q: { streetId?: number; lat?: number; lng?: number } = {}) =>
    request<List<ComplexSummary>>('/complexes', { query: { ...q, limit: 100 } }).then((r) => r.items),
  complex: (id: number) => request<ComplexDetail>(`/complexes/${id}`),
};
