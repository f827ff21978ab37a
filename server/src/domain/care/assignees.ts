import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { careRequests, staffComplexes, users, volunteerComplexes, volunteers } from '../../db/schema';

export interface CareAssignee {
  id: number;
  nickname: string;
  role: string;
  /** who they are to the complex: one of its workers, or a volunteer approved there */
  kind: 'worker' | 'volunteer';
  openTasks: number;
}

const openTasks = sql<number>`(SELECT count(*) FROM ${careRequests} WHERE ${careRequests.assigneeId} = ${users.id} AND ${careRequests.status} IN ('dispatched','in_service'))`;

/**
 * Everyone a care job of this complex may go to (the same people `assertAssignable` accepts):
 * its workers, then its approved volunteers by name, each with their open care tasks. The
 * dispatch picker shows them, so nobody types a user number.
 */
export async function careAssignees(db: DbOrTx, complexId: number): Promise<CareAssignee[]> {
  const workers = await db
    .select({ id: users.id, nickname: users.nickname, role: users.role, openTasks })
    .from(staffComplexes)
    .innerJoin(users, eq(users.id, staffComplexes.userId))
    .where(and(eq(staffComplexes.complexId, complexId), eq(users.disabled, false), eq(users.role, 'worker')))
    .orderBy(asc(users.id));
  const vols = await db
    .select({ id: users.id, nickname: users.nickname, realName: volunteers.realName, role: users.role, openTasks })
    .from(volunteerComplexes)
    .innerJoin(volunteers, eq(volunteers.id, volunteerComplexes.volunteerId))
    .innerJoin(users, eq(users.id, volunteers.userId))
    .where(and(eq(volunteerComplexes.complexId, complexId), eq(volunteerComplexes.status, 'approved'), eq(users.disabled, false), eq(users.role, 'resident')))
    .orderBy(asc(volunteers.realName));
  return [
    ...workers.map((w) => ({ id: w.id, nickname: w.nickname || '工作人员', role: w.role, kind: 'worker' as const, openTasks: Number(w.openTasks) })),
    ...vols.map((v) => ({ id: v.id, nickname: v.realName || v.nickname || '志愿者', role: v.role, kind: 'volunteer' as const, openTasks: Number(v.openTasks) })),
  ];
}
