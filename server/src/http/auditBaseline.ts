/**
 * Staff writes that still audit inside their own handler or domain use case, from before route
 * specs declared `audit`. This list only shrinks: move each to `transaction: true` + an `audit`
 * describer (or `audit: { none: reason }`) and delete its line. A test fails when a listed route
 * already declares audit, and the mount refuses any other staff write without one.
 */
export const LEGACY_AUDIT_IN_HANDLER: ReadonlySet<string> = new Set([
  'POST /api/v1/pairings/import',
  'POST /api/v1/bookings/settle',
  'POST /api/v1/meetings',
  'POST /api/v1/meetings/:id/agenda',
  'DELETE /api/v1/meetings/:id/agenda/:itemId',
  'POST /api/v1/meetings/:id/minutes',
  'POST /api/v1/votes',
  'POST /api/v1/votes/:id/paper-tallies',
]);
