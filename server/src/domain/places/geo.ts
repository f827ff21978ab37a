import { sql, type SQL, type AnyColumn, type Placeholder } from 'drizzle-orm';

const R = 6371008.8; // mean Earth radius, metres

/** Great-circle distance in metres. */
export function haversineM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The same distance as a SQL expression over lat/lng columns (MariaDB and MySQL). */
export function distanceSql(latCol: AnyColumn, lngCol: AnyColumn, lat: number | Placeholder, lng: number | Placeholder): SQL<number> {
  return sql<number>`(2 * ${R} * ASIN(LEAST(1, SQRT(POW(SIN(RADIANS(${latCol} - ${lat}) / 2), 2) + COS(RADIANS(${lat})) * COS(RADIANS(${latCol})) * POW(SIN(RADIANS(${lngCol} - ${lng}) / 2), 2)))))`;
}

/** A lat/lng box that contains every point within `radiusM` of the centre (for an indexed pre-filter). */
export function boundingBox(lat: number, lng: number, radiusM: number) {
  const dLat = (radiusM / R) * (180 / Math.PI);
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/**
 * Xihu district's extent with a margin (the seeded complexes span 30.159–30.325 N and
 * 120.054–120.144 E; the district runs from 转塘/双浦 in the south-west to 三墩 in the north).
 * A managed place outside it is a typo, not a new complex.
 */
export const XIHU_BOUNDS = { minLat: 30.05, maxLat: 30.38, minLng: 119.95, maxLng: 120.2 } as const;

export function insideXihu(lat: number, lng: number): boolean {
  return lat >= XIHU_BOUNDS.minLat && lat <= XIHU_BOUNDS.maxLat && lng >= XIHU_BOUNDS.minLng && lng <= XIHU_BOUNDS.maxLng;
}
