import type { RouteSpec } from '../http/route';
import auth from './auth';
import branches from './branches';
import care from './care';
import catalog from './catalog';
import family from './family';
import me from './me';
import nearby from './nearby';
import places from './places';
import points from './points';
import rewards from './rewards';
import volunteer from './volunteer';

/** Every API route, by resource. A new resource adds its module here; the API reference follows. */
export const allRoutes: RouteSpec[] = [
  ...auth,
  ...me,
  ...places,
  ...catalog,
  ...branches,
  ...points,
  ...care,
  ...family,
  ...nearby,
  ...rewards,
  ...volunteer,
];
