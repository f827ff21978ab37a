import type { NearbySpace } from '../../../../api/nearby';
import { ROUTES } from '../../../../routes';

/** Where a place on the map leads: a bookable space to its booking, anything else to its complex. */
export const placeRoute = (s: Pick<NearbySpace, 'bookable' | 'id' | 'complexId'>) => (s.bookable ? ROUTES.space(s.id) : ROUTES.complex(s.complexId));
