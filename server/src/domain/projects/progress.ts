import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { isDuplicateKey, withTx, type Tx } from '../../db/client';
import { projectFollowers, projectMilestones, projectRatings, projects, projectUpdates } from '../../db/schema';
import { appError, conflict, forbidden, notFound, validationFailed } from '../../errors';
import type { AuthUser, RequestFacts } from '../access/actor';
import { audit } from '../audit/log';
import { credit } from '../points/ledger';
import { shanghaiDay } from '../time/shanghai';
import { PROJECT_LIMITS, PROJECT_RATING_POINTS, PROJECT_STATUS_LABELS, type ProjectStatus } from '../../../../shared/projects';
import { findSensitiveWord } from '../opinions/sensitiveWords';
import { sendToldWechat, tellFollowers, type Told } from './notices';
import { canRun, followerCount, isFollower, loadVisibleProject, milestonesOf, type ProjectRow } from './queries';
import { cleanPhoto, decodePhotos, stageUpdatePhoto, storeUpdatePhotos } from './photos';
import { moveStatus, statusAfterMilestone } from './rules';

type WriteDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'wechat' | 'logger'>;

/**
 * The project's writes that tell followers. Each owns its transaction: it locks the project row
 * first (so notices and status moves of one project serialise), writes its own audit entry, and
 * sends the WeChat subscribe messages only after the commit.
 */
async function runLocked<T>(deps: WriteDeps, user: AuthUser, projectId: number, fn: (tx: Tx, p: ProjectRow, now: Date) => Promise<T & { told?: Told | null }>) {
  const now = deps.clock.now();
  const out = await withTx(deps.db, async (tx) => {
    const { project } = await loadVisibleProject(tx, user, projectId, true);
    if (!(await canRun(tx, user, project))) throw forbidden('只有项目负责人或本综合体工作人员可以操作');
    return fn(tx, project, now);
  });
  sendToldWechat(deps, out.told ?? null);
  return out;
}

/** Publishes an update (text, up to 3 photos: staged ones by id and/or inline base64); never edited afterwards. Updates fold into one notice a day. */
export async function postUpdate(deps: WriteDeps, user: AuthUser, projectId: number, input: { text: string; photos?: string[]; photoIds?: number[] }, facts: RequestFacts) {
  const staged = input.photoIds ?? [];
  if (staged.length + (input.photos?.length ?? 0) > PROJECT_LIMITS.photos) throw validationFailed({ photoIds: `每条进展最多 ${PROJECT_LIMITS.photos} 张照片` });
  const photos = await decodePhotos(input.photos ?? [], PROJECT_LIMITS.photoBytes);
  const text = input.text.trim();
  if (!text) throw validationFailed({ text: '请填写进展内容' });
  const photoCount = staged.length + photos.length;
  const out = await runLocked(deps, user, projectId, async (tx, p, now) => {
    if (p.status === 'done' || p.status === 'shelved') throw conflict('invalid_transition', `项目${PROJECT_STATUS_LABELS[p.status]}，不能再发布进展`);
    const [{ id }] = await tx.insert(projectUpdates).values({ projectId, authorId: user.id, text, photoCount, createdAt: now }).$returningId();
    await storeUpdatePhotos(tx, deps.config.UPLOAD_DIR, { projectId, updateId: id, userId: user.id, now }, staged, photos);
    const told = await tellFollowers(tx, { projectId, projectTitle: p.title, key: `u:${shanghaiDay(now)}`, title: `「${p.title}」有新进展`, body: Array.from(text).slice(0, 80).join(''), phrase: '有新进展' }, now);
    await audit(tx, { actorId: user.id, action: 'project.update', targetType: 'project', targetId: projectId, detail: { updateId: id, photos: photoCount }, ...facts });
    return { id, createdAt: now.toISOString(), told };
  });
  return { id: out.id, projectId, text, createdAt: out.createdAt, photoCount, notified: out.told?.userIds.length ?? 0 };
}

/**
 * Stages a photo for the next update (wx.uploadFile sends one file a request): the owner or staff
 * of the complex while the project runs. Re-encoded before the transaction; published by postUpdate.
 */
export async function stagePhoto(deps: Pick<Deps, 'db' | 'clock' | 'config'>, user: AuthUser, projectId: number, data: Buffer) {
  const { project } = await loadVisibleProject(deps.db, user, projectId);
  if (!(await canRun(deps.db, user, project))) throw forbidden('只有项目负责人或本综合体工作人员可以上传进展照片');
  if (project.status === 'done' || project.status === 'shelved') throw conflict('invalid_transition', `项目${PROJECT_STATUS_LABELS[project.status]}，不能再发布进展`);
  const photo = await cleanPhoto(data, PROJECT_LIMITS.photoBytes);
  return withTx(deps.db, (tx) => stageUpdatePhoto(tx, deps.config.UPLOAD_DIR, user, projectId, photo, deps.clock.now()));
}

/** Marks a milestone done (once); a planned project starts. Each follower is told once per milestone. */
export async function completeMilestone(deps: WriteDeps, user: AuthUser, projectId: number, milestoneId: number, facts: RequestFacts) {
  const out = await runLocked(deps, user, projectId, async (tx, p, now) => {
    const next = statusAfterMilestone(p.status);
    if (next === 'refused') throw conflict('invalid_transition', `项目${PROJECT_STATUS_LABELS[p.status]}，不能再推进节点`);
    const [m] = await tx.select().from(projectMilestones).where(and(eq(projectMilestones.id, milestoneId), eq(projectMilestones.projectId, projectId))).for('update');
    if (!m) throw notFound('节点不存在');
    if (m.doneAt) throw conflict('already_done', '该节点已完成');
    await tx.update(projectMilestones).set({ doneAt: now, doneBy: user.id }).where(and(eq(projectMilestones.id, milestoneId), isNull(projectMilestones.doneAt)));
    if (p.status !== next) await tx.update(projects).set({ status: next, startedAt: p.startedAt ?? now }).where(eq(projects.id, projectId));
    const all = await milestonesOf(tx, projectId, true);
    const done = all.filter((x) => x.doneAt).length;
    const told = await tellFollowers(tx, { projectId, projectTitle: p.title, key: `m:${milestoneId}`, title: `「${p.title}」完成节点：${m.title}`, body: `已完成 ${done}/${all.length} 个节点`, phrase: '节点完成' }, now);
    await audit(tx, { actorId: user.id, action: 'project.milestone_done', targetType: 'project', targetId: projectId, detail: { milestoneId }, ...facts });
    return { milestone: { id: m.id, title: m.title, dueDate: m.dueDate, doneAt: now.toISOString() }, status: next, told };
  });
  return { milestone: out.milestone, status: out.status, notified: out.told?.userIds.length ?? 0 };
}

/** Moves the status (rules.ts); completion asks every follower to rate, once. */
export async function changeStatus(deps: WriteDeps, user: AuthUser, projectId: number, input: { status: ProjectStatus; reason?: string }, facts: RequestFacts) {
  const out = await runLocked(deps, user, projectId, async (tx, p, now) => {
    const ms = await milestonesOf(tx, projectId, true);
    const mv = moveStatus(p.status, input.status, ms, input.reason);
    if (!mv.ok) {
      if (mv.code === 'reason_required') throw validationFailed({ reason: mv.message });
      throw conflict(mv.code, mv.message);
    }
    await tx
      .update(projects)
      .set({
        status: mv.status,
        shelvedReason: mv.status === 'shelved' ? mv.reason : null,
        ...(mv.status === 'done' ? { completedAt: now } : {}),
        ...(mv.status === 'in_progress' && !p.startedAt ? { startedAt: now } : {}),
      })
      .where(eq(projects.id, projectId));
    let told: Told | null = null;
    if (mv.status === 'done') {
      told = await tellFollowers(tx, { projectId, projectTitle: p.title, key: 'done', title: `「${p.title}」已完成，请您评议`, body: '请为办理结果打分（1–5 星），评议可得积分', phrase: '已完成' }, now);
    } else if (mv.status === 'shelved') {
      told = await tellFollowers(tx, { projectId, projectTitle: p.title, key: `shelved:${shanghaiDay(now)}`, title: `「${p.title}」已搁置`, body: `原因：${mv.reason}`, phrase: '已搁置' }, now);
    }
    await audit(tx, { actorId: user.id, action: 'project.status', targetType: 'project', targetId: projectId, detail: { from: p.status, to: mv.status, reason: mv.reason }, ...facts });
    return { status: mv.status, told };
  });
  return { id: projectId, status: out.status, statusLabel: PROJECT_STATUS_LABELS[out.status], notified: out.told?.userIds.length ?? 0 };
}

export async function follow(deps: Pick<Deps, 'db' | 'clock'>, user: AuthUser, projectId: number) {
  await loadVisibleProject(deps.db, user, projectId);
  await deps.db
    .insert(projectFollowers)
    .values({ projectId, userId: user.id, origin: 'self', createdAt: deps.clock.now() })
    .onDuplicateKeyUpdate({ set: { userId: sql`user_id` } });
  return { following: true, followerCount: await followerCount(deps.db, projectId) };
}

export async function unfollow(deps: Pick<Deps, 'db'>, user: AuthUser, projectId: number) {
  await loadVisibleProject(deps.db, user, projectId);
  await deps.db.delete(projectFollowers).where(and(eq(projectFollowers.projectId, projectId), eq(projectFollowers.userId, user.id)));
  return { following: false, followerCount: await followerCount(deps.db, projectId) };
}

/** 评议: a follower rates a completed project once (1–5, optional comment); points once. */
export async function rateProject(deps: Pick<Deps, 'db' | 'clock'>, user: AuthUser, projectId: number, input: { stars: number; comment?: string }) {
  const comment = input.comment?.trim() ?? '';
  if (comment && findSensitiveWord(comment)) throw appError(422, 'content_rejected', '评价内容未通过安全检查，请修改', { fields: { comment: '含有不适宜发布的内容' } });
  const now = deps.clock.now();
  return withTx(deps.db, async (tx) => {
    const { project: p } = await loadVisibleProject(tx, user, projectId);
    if (p.status !== 'done') throw conflict('not_done', '项目完成后才能评议');
    if (!(await isFollower(tx, projectId, user.id))) throw forbidden('关注该项目的居民才能评议');
    let id: number;
    try {
      [{ id }] = await tx.insert(projectRatings).values({ projectId, userId: user.id, complexId: p.complexId, stars: input.stars, comment, createdAt: now }).$returningId();
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('already_rated', '您已经评议过了');
      throw e;
    }
    const paid = await credit(tx, {
      userId: user.id,
      delta: PROJECT_RATING_POINTS,
      reason: 'evaluation',
      source: `project:${projectId}`,
      description: `评议民生项目「${p.title}」`,
      complexId: p.complexId,
      now,
    });
    return { id, projectId, stars: input.stars, comment, pointsAwarded: paid.duplicate ? 0 : (paid.entry?.delta ?? 0) };
  });
}
