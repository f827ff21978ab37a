import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { activities, volunteerPosts } from '../../db/schema';
import { forbidden, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { DEFAULT_POINTS_PER_HOUR } from '../../../../shared/volunteer';
import { assertBranchMember, branchIdOf, canManageComplex } from '../access/scope';

export interface PostInput {
  complexId: number;
  activityId?: number | null;
  title: string;
  description?: string;
  location?: string;
  startAt: Date;
  endAt: Date;
  positions: number;
  skills: string[];
  pointsPerHour?: number;
}

export type PostRow = typeof volunteerPosts.$inferSelect;

/**
 * Publishes a volunteer post. Workers publish for their complexes; a branch admin only for one of
 * its own offerings (an activity it organizes), at that offering's complex.
 */
export async function createPost(tx: Tx, user: AuthUser, input: PostInput, now: Date): Promise<number> {
  if (input.endAt <= input.startAt) throw validationFailed({ endAt: '结束时间须晚于开始时间' });
  if (input.startAt <= now) throw validationFailed({ startAt: '开始时间须晚于现在' });
  if (input.endAt.getTime() - input.startAt.getTime() > 24 * 3600_000) throw validationFailed({ endAt: '单个岗位时长不超过 24 小时' });

  let organizerBranchId: number | null = null;
  if (input.activityId) {
    const [act] = await tx
      .select({ complexId: activities.complexId, organizerBranchId: activities.organizerBranchId })
      .from(activities)
      .where(eq(activities.id, input.activityId))
      .limit(1);
    if (!act) throw validationFailed({ activityId: '关联的活动不存在' });
    if (act.complexId !== input.complexId) throw validationFailed({ activityId: '关联的活动不在该综合体' });
    organizerBranchId = act.organizerBranchId;
  }
  if (user.role === 'branch_admin') {
    const branchId = await branchIdOf(tx, user);
    if (!branchId || !input.activityId || organizerBranchId !== branchId) {
      throw forbidden('党支部只能为本支部的送服务活动发布志愿岗位');
    }
    await assertBranchMember(tx, user, branchId);
  } else if (!(await canManageComplex(tx, user, input.complexId))) {
    throw forbidden('您不是该民生综合体的工作人员');
  }

  const [{ id }] = await tx
    .insert(volunteerPosts)
    .values({
      complexId: input.complexId,
      activityId: input.activityId ?? null,
      organizerBranchId,
      createdBy: user.id,
      title: input.title,
      description: input.description ?? '',
      location: input.location ?? '',
      startAt: input.startAt,
      endAt: input.endAt,
      positions: input.positions,
      skills: input.skills,
      pointsPerHour: input.pointsPerHour ?? DEFAULT_POINTS_PER_HOUR,
    })
    .$returningId();
  return id;
}

/** Who may run a post's roster, check-ins and hours: the complex's workers (and district admins), or the organizing branch. */
export async function canManagePost(tx: DbOrTx, user: AuthUser, post: Pick<PostRow, 'complexId' | 'organizerBranchId'>): Promise<boolean> {
  if (await canManageComplex(tx, user, post.complexId)) return true;
  if (user.role === 'branch_admin' && post.organizerBranchId) {
    return (await branchIdOf(tx, user)) === post.organizerBranchId;
  }
  return false;
}

export async function loadPost(tx: DbOrTx, postId: number) {
  const [post] = await tx.select().from(volunteerPosts).where(eq(volunteerPosts.id, postId)).limit(1);
  return post ?? null;
}
