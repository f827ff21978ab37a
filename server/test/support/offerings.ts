import { buildResident } from './factories';
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
 * Books the offering for a new resident through the activity booking endpoint (an offering is an
 * activity); returns the booking id and the resident. Throws on anything but 201.
 */
export async function book(t: TestServer, offeringId: number, expect: 'booked' | 'waitlisted' = 'booked') {
  const resident = await buildResident(t);
  const r = await t.api('POST', `/api/v1/activities/${offeringId}/bookings`, { token: resident.token });
  if (r.status !== 201 || r.body.status !== expect) throw new Error(`booking failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { bookingId: r.body.id as number, resident };
}
