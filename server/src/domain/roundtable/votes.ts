import { and, asc, desc, eq, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { isDuplicateKey, withTx, type Db, type DbOrTx, type Tx } from '../../db/client';
import { ballots, complexes, meetingAgendaItems, meetingSignups, meetings, voteOptions, votePaperTallies, votes } from '../../db/schema';
import { appError, conflict, notFound, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { VOTE_ELIGIBILITY_LABELS, type VoteEligibility } from '../../../../shared/opinions';
import { assertCanManageComplex, canManageComplex } from '../access/scope';
import { HOW_TO_VERIFY, verifiedHome } from '../residency/status';

export type VoteRow = typeof votes.$inferSelect;

export interface VoteInput {
  complexId: number;
  question: string;
  description?: string;
  options: string[];
  maxChoices: number;
  /** id of the community, street or meeting; for community/street it defaults to the complex's own */
  eligibility: { type: VoteEligibility; id?: number };
  opensAt: Date;
  closesAt: Date;
  resultsVisibility: 'live' | 'after_close';
  meetingId?: number;
  agendaItemId?: number;
}

/**
 * Who may vote must belong to the complex that runs the vote: its community, its street, or one
 * of its meetings. Returns the id the electorate is keyed on.
 */
async function eligibilityRef(db: DbOrTx, complexId: number, e: VoteInput['eligibility']): Promise<number> {
  const [c] = await db.select().from(complexes).where(eq(complexes.id, complexId));
  if (!c) throw notFound('民生综合体不存在');
  if (e.type === 'community') {
    if (!c.communityId) throw validationFailed({ 'eligibility.type': '本综合体没有登记所属社区，请按街道或会议确定投票范围' });
    if (e.id !== undefined && c.communityId !== e.id) throw validationFailed({ 'eligibility.id': '只能选择本综合体所在的社区' });
    return c.communityId;
  }
  if (e.type === 'street') {
    if (e.id !== undefined && c.streetId !== e.id) throw validationFailed({ 'eligibility.id': '只能选择本综合体所在的街道' });
    return c.streetId;
  }
  if (e.id === undefined) throw validationFailed({ 'eligibility.id': '请选择会议' });
  const [m] = await db.select({ complexId: meetings.complexId }).from(meetings).where(eq(meetings.id, e.id));
  if (!m || m.complexId !== complexId) throw validationFailed({ 'eligibility.id': '只能选择本综合体的会议' });
  return e.id;
}

/** Opens a vote of a complex the caller runs, inside the caller's transaction (audited by the route). */
export async function openVote(tx: Tx, user: AuthUser, input: VoteInput, now: Date): Promise<{ id: number }> {
  await assertCanManageComplex(tx, user, input.complexId);
  const labels = input.options.map((o) => o.trim());
  if (new Set(labels).size !== labels.length) throw validationFailed({ options: '选项不能重复' });
  if (input.maxChoices > labels.length) throw validationFailed({ maxChoices: '最多可选数不能超过选项数' });
  if (input.closesAt <= input.opensAt) throw validationFailed({ closesAt: '截止时间须晚于开始时间' });
  if (input.closesAt <= now) throw validationFailed({ closesAt: '截止时间须晚于现在' });
  const refId = await eligibilityRef(tx, input.complexId, input.eligibility);
  if (input.agendaItemId) {
    const [a] = await tx.select({ meetingId: meetingAgendaItems.meetingId }).from(meetingAgendaItems).where(eq(meetingAgendaItems.id, input.agendaItemId));
    if (!a || (input.meetingId && a.meetingId !== input.meetingId)) throw validationFailed({ agendaItemId: '议题不存在' });
    input.meetingId ??= a.meetingId;
  }
  if (input.meetingId) {
    const [m] = await tx.select({ complexId: meetings.complexId }).from(meetings).where(eq(meetings.id, input.meetingId));
    if (!m || m.complexId !== input.complexId) throw validationFailed({ meetingId: '只能关联本综合体的会议' });
  }
  const [{ id }] = await tx
    .insert(votes)
    .values({
      complexId: input.complexId,
      meetingId: input.meetingId ?? null,
      agendaItemId: input.agendaItemId ?? null,
      question: input.question,
      description: input.description ?? '',
      maxChoices: input.maxChoices,
      eligibility: input.eligibility.type,
      eligibilityRefId: refId,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      resultsVisibility: input.resultsVisibility,
      createdBy: user.id,
    })
    .$returningId();
  await tx.insert(voteOptions).values(labels.map((label, i) => ({ voteId: id, seq: i + 1, label })));
  return { id };
}

/**
 * Whether the user is in the vote's electorate: for a community or street vote, a *verified* home
 * complex there (a claim alone does not count); for a meeting vote, checked in at the meeting.
 */
export async function isEligible(db: DbOrTx, userId: number, v: Pick<VoteRow, 'eligibility' | 'eligibilityRefId'>): Promise<boolean> {
  if (v.eligibility === 'meeting') {
    const [s] = await db
      .select({ id: meetingSignups.id })
      .from(meetingSignups)
      .where(and(eq(meetingSignups.meetingId, v.eligibilityRefId), eq(meetingSignups.userId, userId), isNotNull(meetingSignups.checkedInAt)));
    return !!s;
  }
  const home = await verifiedHome(db, userId);
  if (!home) return false;
  return v.eligibility === 'community' ? home.communityId === v.eligibilityRefId : home.streetId === v.eligibilityRefId;
}

/** The refusal for someone outside the electorate; a community/street vote says how to get verified. */
function notInElectorate(v: Pick<VoteRow, 'eligibility'>) {
  const label = VOTE_ELIGIBILITY_LABELS[v.eligibility];
  if (v.eligibility === 'meeting') return appError(403, 'not_eligible', `本次投票仅限${label}参加`);
  return appError(403, 'residency_unverified', `本次投票仅限已认证的${label}参加。${HOW_TO_VERIFY}`);
}

const stateOf = (v: VoteRow, now: Date): 'upcoming' | 'open' | 'closed' => (now < v.opensAt ? 'upcoming' : now >= v.closesAt ? 'closed' : 'open');

/**
 * Casts one ballot. The vote row is taken first with a conditional UPDATE (counting the ballot
 * and checking it is open in the same statement), then the ballot insert hits the unique
 * (vote, user) key: a second press — even at the same instant — waits for the first and fails.
 */
export async function castBallot(deps: Deps, user: AuthUser, voteId: number, optionIds: number[]): Promise<{ id: number; optionIds: number[] }> {
  const now = deps.clock.now();
  const [v] = await deps.db.select().from(votes).where(eq(votes.id, voteId));
  if (!v) throw notFound('投票不存在');
  const chosen = [...new Set(optionIds)].sort((a, b) => a - b);
  if (chosen.length !== optionIds.length) throw validationFailed({ optionIds: '选项不能重复' });
  if (chosen.length > v.maxChoices) throw validationFailed({ optionIds: v.maxChoices === 1 ? '只能选一项' : `最多选 ${v.maxChoices} 项` });
  const opts = await deps.db.select({ id: voteOptions.id }).from(voteOptions).where(eq(voteOptions.voteId, voteId));
  if (!chosen.every((id) => opts.some((o) => o.id === id))) throw validationFailed({ optionIds: '选项不属于该投票' });
  const state = stateOf(v, now);
  if (state !== 'open') throw conflict(state === 'upcoming' ? 'vote_not_open' : 'vote_closed', state === 'upcoming' ? '投票还没开始' : '投票已截止');
  if (!(await isEligible(deps.db, user.id, v))) throw notInElectorate(v);
  const id = await withTx(deps.db, async (tx) => {
    const [res] = await tx
      .update(votes)
      .set({ ballotCount: sql`${votes.ballotCount} + 1` })
      .where(and(eq(votes.id, voteId), sql`${votes.opensAt} <= ${now}`, sql`${votes.closesAt} > ${now}`));
    if ((res as { affectedRows: number }).affectedRows === 0) return null;
    let ballotId: number;
    try {
      [{ id: ballotId }] = await tx.insert(ballots).values({ voteId, userId: user.id, optionIds: chosen, createdAt: now }).$returningId();
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('already_voted', '您已经投过票了');
      throw e;
    }
    await tx.update(voteOptions).set({ onlineCount: sql`${voteOptions.onlineCount} + 1` }).where(inArray(voteOptions.id, chosen));
    return ballotId;
  });
  if (id === null) throw conflict('vote_closed', '投票已截止');
  return { id, optionIds: chosen };
}

/** Paper ballots counted at the venue: added to each option's paper count and the batch kept, inside the caller's transaction (audited by the route). */
export async function addPaperTally(tx: Tx, user: AuthUser, voteId: number, input: { counts: Array<{ optionId: number; count: number }>; note?: string }, now: Date) {
  const [v] = await tx.select().from(votes).where(eq(votes.id, voteId));
  if (!v) throw notFound('投票不存在');
  await assertCanManageComplex(tx, user, v.complexId);
  const opts = await tx.select({ id: voteOptions.id }).from(voteOptions).where(eq(voteOptions.voteId, voteId));
  const ids = input.counts.map((c) => c.optionId);
  if (new Set(ids).size !== ids.length || !ids.every((id) => opts.some((o) => o.id === id))) throw validationFailed({ counts: '选项不属于该投票或有重复' });
  await tx.insert(votePaperTallies).values({ voteId, enteredBy: user.id, counts: input.counts, note: input.note ?? '' });
  for (const c of input.counts.filter((x) => x.count > 0)) {
    await tx.update(voteOptions).set({ paperCount: sql`${voteOptions.paperCount} + ${c.count}` }).where(eq(voteOptions.id, c.optionId));
  }
  return voteDetail(tx, user, voteId, now);
}

export async function voteDetail(db: DbOrTx, user: AuthUser | null, id: number, now: Date) {
  const [v] = await db.select().from(votes).where(eq(votes.id, id));
  if (!v) throw notFound('投票不存在');
  const options = await db.select().from(voteOptions).where(eq(voteOptions.voteId, id)).orderBy(asc(voteOptions.seq));
  const staff = !!user && (await canManageComplex(db, user, v.complexId));
  const state = stateOf(v, now);
  const resultsVisible = staff || state === 'closed' || v.resultsVisibility === 'live';
  const [mine] = user ? await db.select().from(ballots).where(and(eq(ballots.voteId, id), eq(ballots.userId, user.id))) : [];
  return {
    id: v.id,
    complexId: v.complexId,
    meetingId: v.meetingId,
    agendaItemId: v.agendaItemId,
    question: v.question,
    description: v.description,
    maxChoices: v.maxChoices,
    eligibility: { type: v.eligibility, id: v.eligibilityRefId, label: VOTE_ELIGIBILITY_LABELS[v.eligibility] },
    opensAt: v.opensAt.toISOString(),
    closesAt: v.closesAt.toISOString(),
    resultsVisibility: v.resultsVisibility,
    state,
    resultsVisible,
    canManage: staff,
    eligible: user ? await isEligible(db, user.id, v) : false,
    myBallot: mine ? mine.optionIds : null,
    onlineBallots: resultsVisible ? v.ballotCount : null,
    options: options.map((o) => ({
      id: o.id,
      label: o.label,
      ...(resultsVisible ? { onlineCount: o.onlineCount, paperCount: o.paperCount, total: o.onlineCount + o.paperCount } : {}),
    })),
  };
}

export async function listVotes(db: Db, q: { complexId?: number; cursor?: number; limit: number }, now: Date) {
  const where: SQL[] = [];
  if (q.complexId) where.push(eq(votes.complexId, q.complexId));
  if (q.cursor) where.push(lt(votes.id, q.cursor));
  const rows = await db.select().from(votes).where(and(...where)).orderBy(desc(votes.id)).limit(q.limit + 1);
  const slice = rows.slice(0, q.limit);
  return {
    items: slice.map((v) => ({
      id: v.id,
      complexId: v.complexId,
      question: v.question,
      maxChoices: v.maxChoices,
      eligibility: { type: v.eligibility, id: v.eligibilityRefId, label: VOTE_ELIGIBILITY_LABELS[v.eligibility] },
      opensAt: v.opensAt.toISOString(),
      closesAt: v.closesAt.toISOString(),
      state: stateOf(v, now),
    })),
    nextCursor: rows.length > q.limit ? slice[slice.length - 1].id : null,
  };
}
