import { familyLinks } from '../../src/db/schema';
import { buildResident } from './factories';
import type { TestServer } from './harness';

/** A resident who claimed `complexId` and was verified there by `workerToken` (so has the welcome balance). */
export async function verifiedResident(t: TestServer, workerToken: string, complexId = 1) {
  const u = await buildResident(t);
  const c = await t.api('PATCH', '/api/v1/me', { token: u.token, body: { homeComplexId: complexId } });
  if (c.status !== 200) throw new Error(`claim failed: ${c.status} ${JSON.stringify(c.body)}`);
  const v = await t.api('POST', `/api/v1/complexes/${complexId}/residents/${u.id}/verify`, { token: workerToken });
  if (v.status !== 200) throw new Error(`verify failed: ${v.status} ${JSON.stringify(v.body)}`);
  return u;
}

/** An active 亲情代办 link: `familyId` may act for `seniorId`. */
export async function linkFamily(t: TestServer, seniorId: number, familyId: number) {
  const now = t.clock.now();
  await t.deps.db.insert(familyLinks).values({ seniorId, familyId, status: 'active', requestedAt: now, confirmedAt: now });
}

/** A help request body at complex 1 within the next day (points 10 unless given). */
export function helpBody(t: TestServer, o: Record<string, unknown> = {}) {
  const now = t.clock.now().getTime();
  return {
    complexId: 1,
    category: 'escort',
    title: '陪我去医院复查',
    detail: '周三上午到浙大一院复查，需要有人陪同排队。',
    from: new Date(now + 2 * 3600_000).toISOString(),
    to: new Date(now + 6 * 3600_000).toISOString(),
    points: 10,
    ...o,
  };
}

export const points = async (t: TestServer, token: string) => (await t.api('GET', '/api/v1/me/points', { token })).body as { balance: number; held: number; available: number; items: any[] };
