import type { NearbySpace } from '../../../../api/nearby';

export interface CircleViewProps {
  center: { lat: number; lng: number };
  radiusM: number;
  spaces: NearbySpace[];
}
