import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  branchMembers,
  branches,
  complexes,
  departments,
  projectFollowers,
  projectMilestones,
  projectRatings,
  projectSources,
  projectUpdatePhotos,
  projects,
  projectUpdates,
  users,
} from '../../db/schema';
import { notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { canManageComplex, isBranchMember } from '../access/scope';
import { PROJECT_STATUS_LABELS, type ProjectSourceType } from '../../../../shared/projects';
import { ROLE_LABELS } from '../../../../shared/constants';
import { maskName } from '../opinions/access';
import { isoShanghai, shanghaiDay } from '../time/shanghai';
import { isMilestoneOverdue, STATUS_ORDER } from './rules';
import { projectPhotoUrl } from './photos';

export type ProjectRow = typeof projects.$inferSelect;
/** How the caller relates to a project: runs its complex, owns it, follows it, or the public. */
export type ProjectViewer = 'staff' | 'owner' | 'follower' | 'public';

export const projectLink = (id: number) => `/packages/projects/pages/detail/index?id=${id}`;

export async function projectById(db: DbOrTx, id: number, lock = false): Promise<ProjectRow | null> {
  const q = db.select().from(projects).where(eq(projects.id, id)).limit(1);
  const [p] = lock ? await q.for('update') : await q;
  return p ?? null;
}

export async function isFollower(db: DbOrTx, projectId: number, userId: number): Promise<boolean> {
  const rows = await db.select({ u: projectFollowers.userId }).from(projectFollowers).where(and(eq(projectFollowers.projectId, projectId), eq(projectFollowers.userId, userId)));
  return rows.length > 0;
}

/** The owner in person: the owning worker, or a member of the owning branch. */
export async function isOwner(db: DbOrTx, user: AuthUser, p: ProjectRow): Promise<boolean> {
  if (p.ownerType === 'worker') return p.ownerUserId === user.id;
  if (p.ownerType === 'branch' && p.ownerBranchId) return isBranchMember(db, user, p.ownerBranchId);
  return false;
}

/** May post updates and move milestones: the owner or staff of the project's complex. */
export async function canRun(db: DbOrTx, user: AuthUser, p: ProjectRow): Promise<boolean> {
  return (await canManageComplex(db, user, p.complexId)) || (await isOwner(db, user, p));
}

/** The caller's relation, or null when they may not see it (a private project of others). */
export async function viewerOfProject(db: DbOrTx, user: AuthUser | null, p: ProjectRow): Promise<ProjectViewer | null> {
  if (user && user.role !== 'resident' && (await canManageComplex(db, user, p.complexId))) return 'staff';
  if (user && (await isOwner(db, user, p))) return 'owner';
  if (user && (await isFollower(db, p.id, user.id))) return 'follower';
  return p.visibility === 'public' ? 'public' : null;
}

/** Loads a project the caller may see; a private one of others is 404. */
export async function loadVisibleProject(db: DbOrTx, user: AuthUser | null, id: number, lock = false) {
  const p = await projectById(db, id, lock);
  const viewer = p ? await viewerOfProject(db, user, p) : null;
  if (!p || !viewer) throw notFound('项目不存在或无权查看');
  return { project: p, viewer };
}

export async function ownerOf(db: DbOrTx, p: ProjectRow): Promise<{ type: string; id: number | null; name: string }> {
  if (p.ownerType === 'worker' && p.ownerUserId) {
    const [u] = await db.select({ nickname: users.nickname }).from(users).where(eq(users.id, p.ownerUserId));
    return { type: 'worker', id: p.ownerUserId, name: `社区工作者 ${u?.nickname || ''}`.trim() };
  }
  if (p.ownerType === 'branch' && p.ownerBranchId) {
    const [b] = await db.select({ name: branches.name }).from(branches).where(eq(branches.id, p.ownerBranchId));
    return { type: 'branch', id: p.ownerBranchId, name: b?.name ?? '党支部' };
  }
  const [d] = p.ownerDepartmentId ? await db.select({ name: departments.name }).from(departments).where(eq(departments.id, p.ownerDepartmentId)) : [];
  return { type: 'department', id: p.ownerDepartmentId, name: d?.name ?? '职能部门' };
}

/** Users who act for the owner (told about overdue milestones). */
export async function ownerUserIds(db: DbOrTx, p: ProjectRow): Promise<number[]> {
  if (p.ownerType === 'worker' && p.ownerUserId) return [p.ownerUserId];
  if (p.ownerType === 'branch' && p.ownerBranchId) {
    const rows = await db.select({ id: branchMembers.userId }).from(branchMembers).where(eq(branchMembers.branchId, p.ownerBranchId));
    if (rows.length) return rows.map((r) => r.id);
  }
  return [p.createdBy];
}

export async function followerIds(db: DbOrTx, projectId: number): Promise<number[]> {
  const rows = await db.select({ id: projectFollowers.userId }).from(projectFollowers).where(eq(projectFollowers.projectId, projectId));
  return rows.map((r) => r.id);
}

export async function followerCount(db: DbOrTx, projectId: number): Promise<number> {
  const [r] = await db.select({ n: sql<number>`COUNT(*)` }).from(projectFollowers).where(eq(projectFollowers.projectId, projectId));
  return Number(r.n);
}

export async function milestonesOf(db: DbOrTx, projectId: number, lock = false) {
  const q = db.select().from(projectMilestones).where(eq(projectMilestones.projectId, projectId)).orderBy(asc(projectMilestones.seq));
  return lock ? q.for('update') : q;
}

/** The project one source opinion / agenda item / vote became, if any. */
export async function projectOfSource(db: DbOrTx, type: ProjectSourceType, id: number): Promise<{ id: number; title: string; status: string } | null> {
  const [r] = await db
    .select({ id: projects.id, title: projects.title, status: projects.status })
    .from(projectSources)
    .innerJoin(projects, eq(projects.id, projectSources.projectId))
    .where(and(eq(projectSources.sourceType, type), eq(projectSources.sourceId, id)));
  return r ?? null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summaryOf(p: ProjectRow, extra: { complexName?: string | null; milestonesTotal: number; milestonesDone: number; overdue: number; followerCount: number }) {
  return {
    id: p.id,
    complexId: p.complexId,
    complexName: extra.complexName ?? null,
    title: p.title,
    status: p.status,
    statusLabel: PROJECT_STATUS_LABELS[p.status],
    shelvedReason: p.shelvedReason,
    visibility: p.visibility,
    dueDate: p.dueDate,
    milestonesTotal: extra.milestonesTotal,
    milestonesDone: extra.milestonesDone,
    overdueMilestones: extra.overdue,
    followerCount: extra.followerCount,
    createdAt: p.createdAt.toISOString(),
    completedAt: iso(p.completedAt),
  };
}

/**
 * Projects of a complex (or all the caller may see): public ones for everyone, every one for the
 * staff of its complex; 推进中 first, then 计划中, 已完成, 已搁置, newest first within each.
 */
export async function listProjects(db: DbOrTx, user: AuthUser, q: { complexId?: number; status?: string; offset: number; limit: number }, now: Date) {
  const conds: SQL[] = [];
  if (q.complexId) conds.push(eq(projects.complexId, q.complexId));
  if (q.status) conds.push(eq(projects.status, q.status as ProjectRow['status']));
  const staffHere = q.complexId && user.role !== 'resident' ? await canManageComplex(db, user, q.complexId) : false;
  if (!staffHere) conds.push(eq(projects.visibility, 'public'));
  const rows = await db
    .select({ p: projects, complexName: complexes.name })
    .from(projects)
    .innerJoin(complexes, eq(complexes.id, projects.complexId))
    .where(and(...conds))
    .orderBy(sql`FIELD(${projects.status}, 'in_progress', 'planned', 'done', 'shelved')`, desc(projects.id))
    .limit(q.limit + 1)
    .offset(q.offset);
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.p.id);
  const ms = ids.length ? await db.select().from(projectMilestones).where(inArray(projectMilestones.projectId, ids)) : [];
  const fc = ids.length
    ? await db.select({ id: projectFollowers.projectId, n: sql<number>`COUNT(*)` }).from(projectFollowers).where(inArray(projectFollowers.projectId, ids)).groupBy(projectFollowers.projectId)
    : [];
  const items = page
    .map((r) => {
      const mine = ms.filter((m) => m.projectId === r.p.id);
      return summaryOf(r.p, {
        complexName: r.complexName,
        milestonesTotal: mine.length,
        milestonesDone: mine.filter((m) => m.doneAt).length,
        overdue: r.p.status === 'done' || r.p.status === 'shelved' ? 0 : mine.filter((m) => isMilestoneOverdue(m, now)).length,
        followerCount: Number(fc.find((f) => f.id === r.p.id)?.n ?? 0),
      });
    })
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.id - a.id);
  return { items, nextOffset: rows.length > q.limit ? q.offset + q.limit : null };
}

/** One project as this viewer may see it, with its timeline of milestones and updates. */
export async function projectDetail(db: DbOrTx, user: AuthUser, p: ProjectRow, viewer: ProjectViewer, secret: string, now: Date) {
  const [complex] = await db.select({ name: complexes.name, hotline: complexes.hotline }).from(complexes).where(eq(complexes.id, p.complexId));
  const milestones = await milestonesOf(db, p.id);
  const updates = await db
    .select({ u: projectUpdates, nickname: users.nickname, role: users.role })
    .from(projectUpdates)
    .innerJoin(users, eq(users.id, projectUpdates.authorId))
    .where(eq(projectUpdates.projectId, p.id))
    .orderBy(desc(projectUpdates.id));
  const photos = updates.length
    ? await db.select({ id: projectUpdatePhotos.id, updateId: projectUpdatePhotos.updateId }).from(projectUpdatePhotos).where(inArray(projectUpdatePhotos.updateId, updates.map((u) => u.u.id))).orderBy(asc(projectUpdatePhotos.seq))
    : [];
  const sources = await db.select().from(projectSources).where(eq(projectSources.projectId, p.id)).orderBy(asc(projectSources.id));
  const following = await isFollower(db, p.id, user.id);
  const [mine] = await db.select().from(projectRatings).where(and(eq(projectRatings.projectId, p.id), eq(projectRatings.userId, user.id)));
  const [rs] = await db.select({ n: sql<number>`COUNT(*)`, s: sql<number>`COALESCE(SUM(${projectRatings.stars}), 0)` }).from(projectRatings).where(eq(projectRatings.projectId, p.id));
  const n = Number(rs.n);
  const canManage = viewer === 'staff' || viewer === 'owner';
  const authorName = (nickname: string, role: string) =>
    role === 'resident' ? maskName(nickname) : `${ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? '工作人员'}${nickname ? ` ${canManage ? nickname : maskName(nickname)}` : ''}`;
  const overdue = p.status === 'done' || p.status === 'shelved' ? 0 : milestones.filter((m) => isMilestoneOverdue(m, now)).length;
  return {
    ...summaryOf(p, { complexName: complex?.name, milestonesTotal: milestones.length, milestonesDone: milestones.filter((m) => m.doneAt).length, overdue, followerCount: await followerCount(db, p.id) }),
    hotline: complex?.hotline ?? '',
    owner: await ownerOf(db, p),
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: m.dueDate,
      doneAt: iso(m.doneAt),
      overdue: p.status !== 'shelved' && isMilestoneOverdue(m, now),
    })),
    updates: updates.map(({ u, nickname, role }) => ({
      id: u.id,
      text: u.text,
      createdAt: u.createdAt.toISOString(),
      author: { id: u.authorId, name: authorName(nickname, role), role },
      photos: photos.filter((ph) => ph.updateId === u.id).map((ph) => ({ id: ph.id, url: projectPhotoUrl(secret, p.id, ph.id, now) })),
    })),
    sources: sources.map((s) => ({ type: s.sourceType, id: s.sourceId, title: s.title })),
    following,
    viewer,
    canManage,
    canRate: p.status === 'done' && following && !mine,
    myRating: mine ? { stars: mine.stars, comment: mine.comment, createdAt: mine.createdAt.toISOString() } : null,
    rating: { average: n ? Math.round((Number(rs.s) / n) * 10) / 10 : null, count: n },
  };
}

/**
 * Residents' 评议 of completed projects at these complexes given in [from, to): star total and
 * count, for the dashboard's satisfaction indicator (average = sum / count). `'all'` = district.
 */
export async function projectRatingsIn(db: DbOrTx, complexIds: number[] | 'all', from: Date, to: Date): Promise<{ sum: number; count: number }> {
  if (Array.isArray(complexIds) && complexIds.length === 0) return { sum: 0, count: 0 };
  const [r] = await db
    .select({ n: sql<number>`COUNT(*)`, s: sql<number>`COALESCE(SUM(${projectRatings.stars}), 0)` })
    .from(projectRatings)
    .where(and(gte(projectRatings.createdAt, from), lt(projectRatings.createdAt, to), ...(complexIds === 'all' ? [] : [inArray(projectRatings.complexId, complexIds)])));
  return { sum: Number(r.s), count: Number(r.n) };
}

/** Open milestones past their due date, per complex (projects planned or in progress). */
export async function overdueByComplex(db: DbOrTx, complexIds: number[] | 'all', now: Date) {
  const today = shanghaiDay(now);
  if (Array.isArray(complexIds) && complexIds.length === 0) return [];
  const rows = await db
    .select({ complexId: projects.complexId, complexName: complexes.name, n: sql<number>`COUNT(*)` })
    .from(projectMilestones)
    .innerJoin(projects, eq(projects.id, projectMilestones.projectId))
    .innerJoin(complexes, eq(complexes.id, projects.complexId))
    .where(
      and(
        isNull(projectMilestones.doneAt),
        lt(projectMilestones.dueDate, today),
        inArray(projects.status, ['planned', 'in_progress']),
        ...(complexIds === 'all' ? [] : [inArray(projects.complexId, complexIds)]),
      ),
    )
    .groupBy(projects.complexId, complexes.name)
    .orderBy(asc(projects.complexId));
  return rows.map((r) => ({ complexId: r.complexId, complexName: r.complexName, overdue: Number(r.n) }));
}

/**
 * Projects under way (planned or in progress) and their overdue milestones, per complex of
 * `complexIds` (every one of them, zeros included): the dashboard's 民生项目 block.
 */
export async function projectStateByComplex(db: DbOrTx, complexIds: number[], now: Date): Promise<Map<number, { open: number; overdueMilestones: number }>> {
  const out = new Map(complexIds.map((c) => [c, { open: 0, overdueMilestones: 0 }]));
  if (!complexIds.length) return out;
  const open = await db
    .select({ complexId: projects.complexId, n: sql<number>`COUNT(*)` })
    .from(projects)
    .where(and(inArray(projects.complexId, complexIds), inArray(projects.status, ['planned', 'in_progress'])))
    .groupBy(projects.complexId);
  for (const r of open) out.get(r.complexId)!.open = Number(r.n);
  for (const r of await overdueByComplex(db, complexIds, now)) out.get(r.complexId)!.overdueMilestones = r.overdue;
  return out;
}

/** Open projects of a complex with their progress, for the paper sheet. */
export async function openProjectsOf(db: DbOrTx, complexId: number) {
  const ps = await db
    .select()
    .from(projects)
    .where(and(eq(projects.complexId, complexId), eq(projects.visibility, 'public'), inArray(projects.status, ['planned', 'in_progress'])))
    .orderBy(sql`FIELD(${projects.status}, 'in_progress', 'planned')`, desc(projects.id))
    .limit(12);
  const out = [];
  for (const p of ps) {
    const ms = await milestonesOf(db, p.id);
    const next = ms.find((m) => !m.doneAt);
    const [last] = await db.select({ text: projectUpdates.text, at: projectUpdates.createdAt }).from(projectUpdates).where(eq(projectUpdates.projectId, p.id)).orderBy(desc(projectUpdates.id)).limit(1);
    out.push({
      title: p.title,
      statusLabel: PROJECT_STATUS_LABELS[p.status],
      done: ms.filter((m) => m.doneAt).length,
      total: ms.length,
      next: next ? { title: next.title, dueDate: next.dueDate } : null,
      dueDate: p.dueDate,
      lastUpdate: last ? { text: last.text, at: isoShanghai(last.at) } : null,
    });
  }
  return out;
}
