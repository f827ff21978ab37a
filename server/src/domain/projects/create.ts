import { and, eq, inArray } from 'drizzle-orm';
import { isDuplicateKey, type Tx } from '../../db/client';
import {
  ballots,
  branches,
  departments,
  meetingAgendaItems,
  meetingSignups,
  meetings,
  opinionCosigns,
  opinionEvents,
  opinions,
  projectFollowers,
  projectMilestones,
  projects,
  projectSources,
  voteOptions,
  votes,
} from '../../db/schema';
import { conflict, notFound, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { assertCanManageComplex, canManageComplex } from '../access/scope';
import type { ProjectOwnerType, ProjectSourceType } from '../../../../shared/projects';
import { users } from '../../db/schema';
import { checkMilestoneDates } from './rules';
import { tellFollowers, type Told } from './notices';

export interface CreateProjectInput {
  complexId: number;
  title: string;
  source: { type: ProjectSourceType; id: number };
  owner: { type: ProjectOwnerType; id?: number; name?: string };
  dueDate: string;
  milestones: Array<{ title: string; dueDate: string }>;
  visibility?: 'public' | 'private';
}

interface Resolved {
  sources: Array<{ type: ProjectSourceType; id: number; title: string }>;
  followers: number[];
  opinionIds: number[];
  visibility: 'public' | 'private';
}

/** Statuses of an opinion that the complex took up (受理 and after). */
const TAKEN_UP = ['accepted', 'assigned', 'in_progress', 'replied', 'closed'];

async function opinionFollowers(tx: Tx, opinionId: number, submitter: number): Promise<number[]> {
  const cos = await tx.select({ u: opinionCosigns.userId }).from(opinionCosigns).where(eq(opinionCosigns.opinionId, opinionId));
  return [submitter, ...cos.map((c) => c.u)];
}

/**
 * What the project comes from, checked: an adopted opinion (taken up by the complex or adopted at
 * a meeting), an agenda item decided 采纳, or a closed vote with one winning option. Returns the
 * source links (the item's opinion too, the vote's item and opinion too) and who follows.
 */
async function resolveSource(tx: Tx, complexId: number, s: CreateProjectInput['source'], now: Date): Promise<Resolved> {
  const wrongPlace = () => validationFailed({ 'source.id': '来源不属于本综合体' });
  if (s.type === 'opinion') {
    const [o] = await tx.select().from(opinions).where(eq(opinions.id, s.id));
    if (!o) throw notFound('来源意见不存在');
    if (o.complexId !== complexId) throw wrongPlace();
    const adopted = await tx.select({ id: opinionEvents.id }).from(opinionEvents).where(and(eq(opinionEvents.opinionId, o.id), eq(opinionEvents.action, 'adopted'))).limit(1);
    if (!TAKEN_UP.includes(o.status) && adopted.length === 0) throw conflict('source_not_decided', '该意见尚未受理或采纳，不能立项');
    return { sources: [{ type: 'opinion', id: o.id, title: o.title }], followers: await opinionFollowers(tx, o.id, o.userId), opinionIds: [o.id], visibility: o.visibility };
  }
  if (s.type === 'agenda_item') {
    const [row] = await tx.select({ i: meetingAgendaItems, m: meetings }).from(meetingAgendaItems).innerJoin(meetings, eq(meetings.id, meetingAgendaItems.meetingId)).where(eq(meetingAgendaItems.id, s.id));
    if (!row) throw notFound('来源议题不存在');
    if (row.m.complexId !== complexId) throw wrongPlace();
    if (row.i.decision !== 'adopted') throw conflict('source_not_decided', '该议题未被会议采纳，不能立项');
    const attendees = await tx.select({ u: meetingSignups.userId }).from(meetingSignups).where(eq(meetingSignups.meetingId, row.m.id));
    const out: Resolved = { sources: [{ type: 'agenda_item', id: row.i.id, title: `${row.m.topic}：${row.i.title}`.slice(0, 100) }], followers: attendees.map((a) => a.u), opinionIds: [], visibility: 'public' };
    if (row.i.opinionId) {
      const [o] = await tx.select().from(opinions).where(eq(opinions.id, row.i.opinionId));
      if (o) {
        out.sources.push({ type: 'opinion', id: o.id, title: o.title });
        out.followers.push(...(await opinionFollowers(tx, o.id, o.userId)));
        out.opinionIds.push(o.id);
      }
    }
    return out;
  }
  const [v] = await tx.select().from(votes).where(eq(votes.id, s.id));
  if (!v) throw notFound('来源投票不存在');
  if (v.complexId !== complexId) throw wrongPlace();
  if (v.closesAt > now) throw conflict('vote_open', '投票尚未结束，不能立项');
  const opts = await tx.select().from(voteOptions).where(eq(voteOptions.voteId, v.id));
  const totals = opts.map((o) => ({ label: o.label, n: o.onlineCount + o.paperCount })).sort((a, b) => b.n - a.n);
  if (!totals.length || totals[0].n === 0 || (totals[1] && totals[1].n === totals[0].n)) throw conflict('no_winner', '投票没有唯一胜出的选项，不能立项');
  const voters = await tx.select({ u: ballots.userId }).from(ballots).where(eq(ballots.voteId, v.id));
  const out: Resolved = { sources: [{ type: 'vote', id: v.id, title: `${v.question}：${totals[0].label}`.slice(0, 100) }], followers: voters.map((b) => b.u), opinionIds: [], visibility: 'public' };
  if (v.agendaItemId) {
    const [i] = await tx.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.id, v.agendaItemId));
    if (i) {
      out.sources.push({ type: 'agenda_item', id: i.id, title: i.title });
      if (i.opinionId) {
        const [o] = await tx.select().from(opinions).where(eq(opinions.id, i.opinionId));
        if (o) {
          out.sources.push({ type: 'opinion', id: o.id, title: o.title });
          out.followers.push(...(await opinionFollowers(tx, o.id, o.userId)));
          out.opinionIds.push(o.id);
        }
      }
    }
  }
  return out;
}

/** The owner, from the district's lists: a worker of the complex, a branch, a department. */
async function resolveOwner(tx: Tx, complexId: number, o: CreateProjectInput['owner']) {
  if (o.type === 'worker') {
    if (!o.id) throw validationFailed({ 'owner.id': '请选择负责的社区工作者' });
    const [u] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, o.id));
    if (!u || u.role === 'resident' || !(await canManageComplex(tx, { id: u.id, role: u.role, sessionId: 0 }, complexId))) throw validationFailed({ 'owner.id': '负责人须是本综合体的工作人员' });
    return { ownerType: 'worker' as const, ownerUserId: u.id };
  }
  if (o.type === 'branch') {
    if (!o.id) throw validationFailed({ 'owner.id': '请选择负责的党支部' });
    const [b] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, o.id));
    if (!b) throw validationFailed({ 'owner.id': '党支部不存在' });
    return { ownerType: 'branch' as const, ownerBranchId: b.id };
  }
  const [d] = o.id
    ? await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, o.id))
    : o.name
      ? await tx.select({ id: departments.id }).from(departments).where(eq(departments.name, o.name.trim()))
      : [];
  if (!d) throw validationFailed({ 'owner.id': '请从区里维护的部门名单中选择负责部门' });
  return { ownerType: 'department' as const, ownerDepartmentId: d.id };
}

/**
 * Creates a project from one decided source in the route's transaction: the project, its
 * milestones, the links to every source, the automatic followers (who are told), and the
 * "已立项" step on each source opinion's timeline.
 */
export async function createProject(tx: Tx, user: AuthUser, input: CreateProjectInput, now: Date): Promise<{ id: number; told: Told }> {
  await assertCanManageComplex(tx, user, input.complexId);
  const fields = checkMilestoneDates(input.dueDate, input.milestones);
  if (Object.keys(fields).length) throw validationFailed(fields);
  const src = await resolveSource(tx, input.complexId, input.source, now);
  const owner = await resolveOwner(tx, input.complexId, input.owner);
  const title = input.title.trim();
  const [{ id }] = await tx
    .insert(projects)
    .values({ complexId: input.complexId, title, status: 'planned', visibility: input.visibility ?? src.visibility, dueDate: input.dueDate, createdBy: user.id, createdAt: now, ...owner })
    .$returningId();
  try {
    await tx.insert(projectSources).values(src.sources.map((s) => ({ projectId: id, sourceType: s.type, sourceId: s.id, title: s.title, createdAt: now })));
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('already_project', '该来源已经立项，请在原项目中推进');
    throw e;
  }
  if (input.milestones.length) {
    await tx.insert(projectMilestones).values(input.milestones.map((m, i) => ({ projectId: id, seq: i + 1, title: m.title.trim(), dueDate: m.dueDate, createdAt: now })));
  }
  const followers = [...new Set(src.followers)];
  if (followers.length) await tx.insert(projectFollowers).values(followers.map((userId) => ({ projectId: id, userId, origin: 'source' as const, createdAt: now })));
  if (src.opinionIds.length) {
    const os = await tx.select({ id: opinions.id, status: opinions.status }).from(opinions).where(inArray(opinions.id, src.opinionIds));
    await tx.insert(opinionEvents).values(os.map((o) => ({ opinionId: o.id, actorId: user.id, action: 'project', fromStatus: o.status, toStatus: o.status, note: title, createdAt: now })));
  }
  const told = await tellFollowers(tx, { projectId: id, projectTitle: title, key: 'created', title: `您关注的事已立项：「${title}」`, body: `截止 ${input.dueDate}，共 ${input.milestones.length} 个节点，进展会及时告诉您`, phrase: '已立项' }, now);
  return { id, told };
}
