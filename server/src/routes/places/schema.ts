import { z } from 'zod';
import { COMPLEX_MODES, SPACE_TYPES } from '../../../../shared/constants';
import { Occupancy } from '../../../../shared/api/devices';

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
  distanceM: z.number().int().optional(),
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

const zLat = z.coerce.number().min(-90).max(90);
const zLng = z.coerce.number().min(-180).max(180);

export const ComplexQuery = z
  .object({
    streetId: z.coerce.number().int().positive().optional(),
    lat: zLat.optional(),
    lng: zLng.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100, '每页最多 100 条').optional(),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: 'lat 和 lng 需要同时提供', path: ['lat'] });

/** A worker of a complex as other staff see them when assigning: name and masked phone only. */
export const ComplexWorker = z.object({ id: z.number().int(), name: z.string(), phoneMasked: z.string().nullable() });
