// The 十分钟服务圈 answer (GET /nearby), used by the server's route spec and, as z.infer types, by
// the mini-program. zod only.
import { z } from 'zod';
import { SPACE_TYPES, WALK_METERS_PER_MINUTE } from '../constants';

/** Where a thing in the circle is, and how far on foot. */
const Place = {
  facilityId: z.number().int(),
  facilityName: z.string(),
  complexId: z.number().int(),
  complexName: z.string(),
  lat: z.number(),
  lng: z.number(),
  distanceM: z.number().describe('great-circle distance in metres'),
  walkMinutes: z.number().int().describe(`at ${WALK_METERS_PER_MINUTE} m per minute, rounded up`),
};

export const NearbyFacility = z.object({ id: z.number().int(), name: z.string(), address: z.string(), isMain: z.boolean(), ...Place });
export const NearbySpace = z.object({ id: z.number().int(), name: z.string(), type: z.enum(SPACE_TYPES), typeLabel: z.string(), bookable: z.boolean(), capacity: z.number().int(), ...Place });
export const NearbyActivity = z.object({
  id: z.number().int(),
  title: z.string(),
  location: z.string(),
  startAt: z.string(),
  endAt: z.string(),
  capacity: z.number().int(),
  bookedCount: z.number().int(),
  elderFriendly: z.boolean(),
  ...Place,
});

export const ServiceCircle = z.object({
  center: z.object({ lat: z.number(), lng: z.number() }),
  minutes: z.number().int(),
  radiusM: z.number(),
  walkMetersPerMinute: z.number(),
  date: z.string(),
  facilities: z.array(NearbyFacility),
  spaces: z.array(NearbySpace),
  activities: z.array(NearbyActivity),
});
