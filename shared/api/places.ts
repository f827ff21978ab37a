// Response schemas of the places reference data (streets, 民生综合体, facilities, "7+X" spaces),
// used by the server's route specs and, as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { COMPLEX_MODES, SPACE_TYPES } from '../constants';
import { Occupancy } from './devices';

export const Street = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(['street', 'town']) });

export const ComplexSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  mode: z.enum(COMPLEX_MODES),
  streetId: z.number().int(),
  streetName: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  /** metres from the caller, when a position was sent */
  distanceM: z.number().int().optional(),
  /** the first photo staff uploaded, for the list */
  coverPhotoUrl: z.string().nullable(),
});

export const Space = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(SPACE_TYPES),
  bookable: z.boolean(),
  capacity: z.number().int(),
  facilityId: z.number().int().nullable(),
  description: z.string(),
  /** from the space's people counter (智能物联); null when it has none */
  occupancy: Occupancy.nullable(),
});

export const Facility = z.object({
  id: z.number().int(),
  name: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  isMain: z.boolean(),
  /** metres from the complex's main site */
  distanceM: z.number().int(),
});

export const ComplexDetail = ComplexSummary.extend({
  communityName: z.string().nullable(),
  openingHours: z.string(),
  hotline: z.string(),
  description: z.string(),
  archived: z.boolean(),
  photos: z.array(z.object({ id: z.number().int(), url: z.string(), width: z.number().int(), height: z.number().int() })),
  facilities: z.array(Facility),
  spaces: z.array(Space),
});

/** A worker of a complex as other staff see them when assigning: name and masked phone only. */
export const ComplexWorker = z.object({ id: z.number().int(), name: z.string(), phoneMasked: z.string().nullable() });
