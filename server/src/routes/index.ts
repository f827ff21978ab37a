import type { RouteSpec } from '../http/route';
import activities from './activities';
import auth from './auth';
import bookings from './bookings';
import branches from './branches';
import care from './care';
import catalog from './catalog';
import devices from './devices';
import dashboard from './dashboard';
import commitments from './commitments';
import district from './district';
import evaluations from './evaluations';
import family from './family';
import helping from './helping';
import me from './me';
import meetings from './meetings';
import nearby from './nearby';
import offerings from './offerings';
import opinions from './opinions';
import pairings from './pairings';
import places from './places';
import points from './points';
import privacy from './privacy';
import residency from './residency';
import projects from './projects';
import rewards from './rewards';
import search from './search';
import spaces from './spaces';
import staff from './staff';
import subscriptions from './subscriptions';
import volunteer from './volunteer';
import votes from './votes';

/** Every API route, by resource. A new resource adds its module here; the API reference follows. */
export const allRoutes: RouteSpec[] = [
  ...auth, ...me, ...privacy, ...places, ...catalog, ...branches, ...pairings, ...offerings, ...district, ...points,
  ...activities, ...bookings, ...spaces,
  ...care, ...family, ...nearby, ...devices,
  ...rewards, ...volunteer,
  ...opinions, ...subscriptions, ...meetings, ...votes, ...evaluations,
  ...residency, ...staff,
  ...dashboard,
  ...projects, ...commitments,
  ...search,
  ...helping,
];
