import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { slotBookings, spaceRules, spaces } from '../../db/schema';
import { defaultRules } from './spaces';

/**
 * One page (newest first, keyset on id) of the user's slot bookings with the space's name and its
 * cancellation minutes (the default rules' when the space has none); one row more than `limit`
 * says there is a next page.
 */
export async function slotBookingsPage(db: DbOrTx, userId: number, before: number | undefined, limit: number) {
  const rows = await db
    .select({ b: slotBookings, spaceName: spaces.name, cancelDeadlineMinutes: spaceRules.cancelDeadlineMinutes })
    .from(slotBookings)
    .innerJoin(spaces, eq(spaces.id, slotBookings.spaceId))
    .leftJoin(spaceRules, eq(spaceRules.spaceId, slotBookings.spaceId))
    .where(and(eq(slotBookings.userId, userId), before ? lt(slotBookings.id, before) : undefined))
    .orderBy(desc(slotBookings.id))
    .limit(limit + 1);
  const fallback = defaultRules(0, 0).cancelDeadlineMinutes;
  return rows.map((r) => ({ ...r, cancelDeadlineMinutes: r.cancelDeadlineMinutes ?? fallback }));
}
