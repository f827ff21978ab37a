import { z } from 'zod';

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
