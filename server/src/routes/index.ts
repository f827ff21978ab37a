import type { RouteSpec } from '../http/route';
import auth from './auth';
import branches from './branches';
import catalog from './catalog';
import evaluations from './evaluations';
import me from './me';
import meetings from './meetings';
import places from './places';
import opinions from './opinions';
import points from './points';
import subscriptions from './subscriptions';
import votes from './votes';

/** Every API route, by resource. A new resource adds its module here; the API reference follows. */
export const allRoutes: RouteSpec[] = [...auth, ...me, ...places, ...catalog, ...branches, ...points, ...opinions, ...subscriptions, ...meetings, ...votes, ...evaluations];
