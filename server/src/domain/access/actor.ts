import type { Role } from '../../../../shared/constants';

/** Who is calling, once the bearer token checked out. The domain's view of the signed-in user. */
export interface AuthUser {
  id: number;
  role: Role;
  sessionId: number;
}

/** Facts about the request that every audit entry carries (no Koa types in the domain). */
export interface RequestFacts {
  ip: string | null;
  requestId: string | null;
}

/** For writes no request stands behind (scheduled jobs, device rules). */
export const NO_REQUEST: RequestFacts = { ip: null, requestId: null };
