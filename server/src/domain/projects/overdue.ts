import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { projectMilestones, projects } from '../../db/schema';
import { notify } from '../notifications/notify';
import { shanghaiDay } from '../time/shanghai';
import { ownerUserIds, projectLink } from './queries';

/**
 * The scheduled check (main.ts, hourly): every open milestone past its due date is flagged to the
 * project's owner once — the conditional UPDATE on `overdue_flagged_at` makes a second run, or
 * two servers at once, tell nobody again. Returns how many milestones were flagged now.
 */
export async function flagOverdueMilestones(db: Db, now: Date): Promise<number> {
  const today = shanghaiDay(now);
  const due = await db
    .select({ m: projectMilestones, p: projects })
    .from(projectMilestones)
    .innerJoin(projects, eq(projects.id, projectMilestones.projectId))
    .where(and(isNull(projectMilestones.doneAt), isNull(projectMilestones.overdueFlaggedAt), lt(projectMilestones.dueDate, today), inArray(projects.status, ['planned', 'in_progress'])))
    .limit(500);
  let flagged = 0;
  for (const { m, p } of due) {
    await db.transaction(async (tx) => {
      const [res] = await tx
        .update(projectMilestones)
        .set({ overdueFlaggedAt: now })
        .where(and(eq(projectMilestones.id, m.id), isNull(projectMilestones.overdueFlaggedAt), isNull(projectMilestones.doneAt)));
      if ((res as { affectedRows: number }).affectedRows === 0) return;
      flagged++;
      await notify(tx, await ownerUserIds(tx, p), {
        kind: 'project_overdue',
        title: `「${p.title}」的节点「${m.title}」已逾期`,
        body: `计划 ${m.dueDate} 完成，请尽快推进或调整并发布进展`,
        link: projectLink(p.id),
      });
    });
  }
  return flagged;
}
