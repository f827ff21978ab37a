import { eq, sql } from 'drizzle-orm';
import { activities, bookings } from '../../src/db/schema';
import type { TestServer } from './harness';

/** Seeded: branch 1 (区委办公室机关第一党支部) is paired with complexes 1 and 6, not with 2. */
export const BRANCH_1 = 1;
export const PAIRED_COMPLEX = 1;
export const UNPAIRED_COMPLEX = 2;

/** A valid offering body starting `inHours` from the server clock. */
export function offeringBody(t: TestServer, o: Record<string, unknown> = {}, inHours = 48) {
  const start = new Date(t.clock.now().getTime() + inHours * 3600_000);
  return {
    complexId: PAIRED_COMPLEX,
    serviceItemId: 1,
    description: '为社区老人免费测量血压、讲解用药。',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    capacity: 10,
    volunteersNeeded: 2,
    ...o,
  };
}

/** Publishes through the API and returns the offering; throws on anything but 201. */
export async function publish(t: TestServer, token: string, branchId = BRANCH_1, o: Record<string, unknown> = {}, inHours = 48) {
  const r = await t.api('POST', `/api/v1/branches/${branchId}/offerings`, { token, body: offeringBody(t, o, inHours) });
  if (r.status !== 201) throw new Error(`publish failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Fixture data: gives the user a seat directly in the database (what the booking endpoint does),
 * for tests of rosters, check-ins and records that are not about booking itself.
 */
export async function seat(t: TestServer, offeringId: number, userId: number, status: 'booked' | 'waitlisted' | 'cancelled' = 'booked') {
  const [{ id }] = await t.deps.db
    .insert(bookings)
    .values({ activityId: offeringId, userId, status, activeFlag: status === 'cancelled' ? null : 1, cancelledAt: status === 'cancelled' ? t.clock.now() : null })
    .$returningId();
  if (status === 'booked') await t.deps.db.update(activities).set({ bookedCount: sql`${activities.bookedCount} + 1` }).where(eq(activities.id, offeringId));
  return id;
}
