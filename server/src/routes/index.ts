import type { RouteSpec } from '../http/route';
import activities from './activities';
import auth from './auth';
import bookings from './bookings';
import branches from './branches';
import care from './care';
import catalog from './catalog';
import district from './district';
import family from './family';
import me from './me';
import nearby from './nearby';
import offerings from './offerings';
import pairings from './pairings';
import places from './places';
import points from './points';
import rewards from './rewards';
import spaces from './spaces';
import volunteer from './volunteer';

/** Every API route, by resource. A new resource adds its module here; the API reference follows. */
export const allRoutes: RouteSpec[] = [
  ...auth, ...me, ...places, ...catalog, ...branches, ...pairings, ...offerings, ...district, ...points,
  ...activities, ...bookings, ...spaces,
  ...care, ...family, ...nearby,
  ...rewards, ...volunteer,
];
