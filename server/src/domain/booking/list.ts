import { and, asc, eq, gt, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { activities } from '../../db/schema';
import type { AuthUser } from '../access/actor';
import { branchIdOf, complexScope } from '../access/scope';
import { presentSummary, summaryColumns } from './present';

export interface ActivityListInput {
  limit: number;
  /** keyset: after this (startAt, id) */
  after?: { s: string; i: number };
  complexId?: number;
  from?: Date;
  to?: Date;
  category?: string;
  elderFriendly?: boolean;
  branchId?: number;
  manage?: boolean;
}

/**
 * 活动列表: published activities, soonest first (by default those not yet ended); staff with
 * `manage` see the ones they run, drafts and cancelled ones included. Keyset pages on
 * (start_at, id): `activities_status_start_idx` for the public list, so past activities (finished
 * once settled) are never walked however many there are.
 */
export async function listActivities(db: Db, user: AuthUser, q: ActivityListInput, now: Date) {
  const conds: SQL[] = [];
  if (q.manage && user.role !== 'resident') {
    if (user.role === 'worker' || user.role === 'street_admin') conds.push(inArray(activities.complexId, [0, ...((await complexScope(db, user)) ?? [])]));
    if (user.role === 'branch_admin') conds.push(eq(activities.organizerBranchId, (await branchIdOf(db, user)) ?? 0));
  } else {
    conds.push(q.from ? inArray(activities.status, ['published', 'finished']) : eq(activities.status, 'published'));
  }
  if (q.from) conds.push(gte(activities.startAt, q.from));
  else if (!q.manage) conds.push(gt(activities.endAt, now));
  if (q.to) conds.push(lt(activities.startAt, q.to));
  if (q.complexId) conds.push(eq(activities.complexId, q.complexId));
  if (q.category) conds.push(eq(activities.category, q.category));
  if (q.elderFriendly !== undefined) conds.push(eq(activities.elderFriendly, q.elderFriendly));
  if (q.branchId) conds.push(eq(activities.organizerBranchId, q.branchId));
  if (q.after) {
    const s = new Date(q.after.s);
    conds.push(or(gt(activities.startAt, s), and(eq(activities.startAt, s), gt(activities.id, q.after.i)))!);
  }
  const rows = await db
    .select(summaryColumns)
    .from(activities)
    .where(and(...conds))
    .orderBy(asc(activities.startAt), asc(activities.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(presentSummary),
    next: rows.length > q.limit ? { s: last.a.startAt.toISOString(), i: last.a.id } : null,
  };
}
