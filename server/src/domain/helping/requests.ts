import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { withTx, type Db, type DbOrTx, type Tx } from '../../db/client';
import { complexes, helpRatings, helpRequests, staffComplexes, users, volunteerComplexes, volunteers } from '../../db/schema';
import { appError, conflict, forbidden, notFound, unavailable, validationFailed } from '../../errors';
import { HELP_CATEGORY_LABELS, HELP_NO_SHOW_WINDOW_DAYS, HELP_POINTS_MAX, HELP_POINTS_MIN, type HelpCategory } from '../../../../shared/helping';
import type { AuthUser, RequestFacts } from '../access/actor';
import { NO_REQUEST } from '../access/actor';
import { canManageComplex } from '../access/scope';
import { audit } from '../audit/log';
import { canActFor } from '../family/access';
import { notify } from '../notifications/notify';
import { checkContent } from '../opinions/contentCheck';
import { placeHold, releaseHold, settleHold } from '../points/holds';
import { grantWelcome } from '../points/transfers';
import { HOW_TO_VERIFY, verifiedHome } from '../residency/status';
import { formatShanghai } from '../time/shanghai';
import { BEFORE_MATCH, suspendedUntil, type Side } from './rules';

/**
 * 邻里互助 use cases. Lock order: the help request row first (FOR UPDATE), then the points
 * accounts in ascending user id, then the hold (domain/points/holds.ts). Posting inserts the
 * request first (its foreign keys take shared locks on the users rows), then holds the points.
 * Everything read after the request lock that decides a write is a locking read or a fresh row.
 */

export type HelpRow = typeof helpRequests.$inferSelect;

export const helpLink = (id: number) => `/packages/helping/pages/detail/index?id=${id}`;
const MAX_WINDOW_MS = 14 * 86_400_000;

async function lockRequest(tx: Tx, id: number): Promise<HelpRow> {
  const [r] = await tx.select().from(helpRequests).where(eq(helpRequests.id, id)).for('update');
  if (!r) throw notFound('找不到这条互助求助');
  return r;
}

/** Which side the caller is on: the requester's (themselves or linked family), the helper, staff of the complex, or nobody. */
export async function sideOf(db: DbOrTx, user: AuthUser, r: Pick<HelpRow, 'requesterId' | 'postedBy' | 'helperId' | 'complexId'>): Promise<Side> {
  if (user.id === r.requesterId || user.id === r.postedBy) return 'requester';
  if (r.helperId === user.id) return 'helper';
  if (await canActFor(db, user.id, r.requesterId)) return 'requester';
  if (user.role !== 'resident' && (await canManageComplex(db, user, r.complexId))) return 'staff';
  return 'other';
}

async function nickname(db: DbOrTx, id: number): Promise<string> {
  const [u] = await db.select({ n: users.nickname }).from(users).where(eq(users.id, id));
  return u?.n || '居民';
}

/** Whether the user is an approved volunteer at the complex. */
async function approvedVolunteerAt(db: DbOrTx, userId: number, complexId: number): Promise<boolean> {
  const [v] = await db
    .select({ id: volunteerComplexes.id })
    .from(volunteerComplexes)
    .innerJoin(volunteers, eq(volunteers.id, volunteerComplexes.volunteerId))
    .where(and(eq(volunteers.userId, userId), eq(volunteerComplexes.complexId, complexId), eq(volunteerComplexes.status, 'approved')))
    .limit(1);
  return !!v;
}

/** The end of the user's helping suspension (repeated no-shows), or null. */
export async function helpingSuspendedUntil(db: DbOrTx, userId: number, now: Date): Promise<Date | null> {
  const rows = await db
    .select({ at: helpRequests.closedAt })
    .from(helpRequests)
    .where(and(eq(helpRequests.helperId, userId), eq(helpRequests.helperNoShow, true), gte(helpRequests.closedAt, new Date(now.getTime() - HELP_NO_SHOW_WINDOW_DAYS * 86_400_000))));
  return suspendedUntil(rows.map((r) => r.at!).filter(Boolean), now);
}

/** Text typed for others (a request, a dispute, a rating comment) passes the content check or is refused. */
async function assertClean(deps: Pick<Deps, 'wechat' | 'logger' | 'config' | 'db'>, userId: number, title: string, content: string) {
  if (!title.trim() && !content.trim()) return;
  const [me] = await deps.db.select({ openid: users.openid }).from(users).where(eq(users.id, userId));
  const v = await checkContent(deps, { openid: me?.openid ?? null, title, content });
  if (v.verdict === 'reject') throw appError(422, 'content_rejected', '内容未通过安全检查，请修改后再提交');
  if (v.verdict === 'hold') {
    if (v.reason === 'wechat_review') throw appError(422, 'content_rejected', '内容需要人工审核，请换一种说法后再提交');
    throw unavailable('内容安全检查暂时不可用，请稍后再试');
  }
}

export interface PostInput {
  actor: AuthUser;
  complexId: number;
  category: HelpCategory;
  title: string;
  detail: string;
  from: Date;
  to: Date;
  points: number;
  roughPlace?: string;
  address?: string;
  lat?: number;
  lng?: number;
  forUserId?: number;
  now: Date;
  facts: RequestFacts;
}

/**
 * A verified resident posts a need at their complex (or a linked family member for the senior,
 * 亲情代办, audited on the senior's proxy-action list). The points are held, not spent: 409
 * insufficient_points when the available points do not cover them. The welcome balance is
 * granted first if the resident never had it.
 */
export async function postHelpRequest(deps: Pick<Deps, 'db' | 'wechat' | 'logger' | 'config'>, p: PostInput): Promise<HelpRow> {
  const requesterId = p.forUserId ?? p.actor.id;
  const proxy = requesterId !== p.actor.id;
  if (proxy && !(await canActFor(deps.db, p.actor.id, requesterId))) throw notFound('找不到这位长辈，或您还不是TA的亲情代办家人');
  const home = await verifiedHome(deps.db, requesterId);
  if (!home) throw appError(403, 'residency_unverified', `${proxy ? '这位长辈' : '您'}还不是已认证的居民，不能发布互助求助。${HOW_TO_VERIFY}`);
  if (home.complexId !== p.complexId) throw appError(403, 'not_resident_here', '只能在自己已认证的综合体发布互助求助');
  const fields: Record<string, string> = {};
  if (p.to <= p.from) fields.to = '结束时间要晚于开始时间';
  if (p.to <= p.now) fields.to = '结束时间已经过去了';
  if (p.to.getTime() - p.from.getTime() > MAX_WINDOW_MS) fields.to = '时间段最长 14 天';
  if (p.points < HELP_POINTS_MIN || p.points > HELP_POINTS_MAX) fields.points = `积分在 ${HELP_POINTS_MIN}–${HELP_POINTS_MAX} 分之间`;
  if (Object.keys(fields).length) throw validationFailed(fields);
  await assertClean(deps, p.actor.id, p.title, p.detail);

  const [c] = await deps.db.select({ name: complexes.name, lat: complexes.lat, lng: complexes.lng, address: complexes.address }).from(complexes).where(eq(complexes.id, p.complexId));
  const [u] = await deps.db.select({ address: users.address }).from(users).where(eq(users.id, requesterId));
  // the welcome balance in its own short transaction (the account lock is its first statement)
  await withTx(deps.db, (tx) => grantWelcome(tx, requesterId, p.complexId, p.now));
  return withTx(deps.db, async (tx) => {
    const [{ id }] = await tx
      .insert(helpRequests)
      .values({
        complexId: p.complexId,
        requesterId,
        postedBy: p.actor.id,
        category: p.category,
        title: p.title,
        detail: p.detail,
        roughPlace: p.roughPlace?.trim() || `${c.name}附近`,
        address: p.address?.trim() || u?.address || c.address,
        lat: p.lat ?? c.lat,
        lng: p.lng ?? c.lng,
        fromAt: p.from,
        toAt: p.to,
        points: p.points,
        createdAt: p.now,
      })
      .$returningId();
    const holdId = await placeHold(tx, { userId: requesterId, amount: p.points, source: `help:${id}`, now: p.now });
    await tx.update(helpRequests).set({ holdId }).where(eq(helpRequests.id, id));
    const what = `${HELP_CATEGORY_LABELS[p.category]}「${p.title}」`;
    await audit(tx, {
      actorId: p.actor.id,
      onBehalfOf: proxy ? requesterId : null,
      action: proxy ? 'help.post.proxy' : 'help.post',
      targetType: 'help_request',
      targetId: id,
      detail: { summary: `代为发布互助求助${what}，占用 ${p.points} 积分`, points: p.points, category: p.category },
      ...p.facts,
    });
    if (proxy) {
      const who = await nickname(tx, p.actor.id);
      await notify(tx, requesterId, { kind: 'help_proxy', title: `家人为您发布了互助求助${what}`, body: `${who}为您发布了${what}，时间 ${formatShanghai(p.from)}，占用 ${p.points} 积分。`, link: helpLink(id) });
    }
    return lockRequest(tx, id);
  });
}

/** Who may help: a verified resident (anywhere) or a volunteer approved at the request's complex; never the requester's side. */
async function assertCanHelp(tx: Tx, user: AuthUser, r: HelpRow, now: Date) {
  if (user.id === r.requesterId || user.id === r.postedBy || (await canActFor(tx, user.id, r.requesterId))) throw conflict('own_request', '不能接自己（或家人）发布的求助');
  if (!(await verifiedHome(tx, user.id)) && !(await approvedVolunteerAt(tx, user.id, r.complexId))) {
    throw appError(403, 'residency_unverified', `只有已认证的居民或本综合体的志愿者可以帮忙。${HOW_TO_VERIFY}`);
  }
  const until = await helpingSuspendedUntil(tx, user.id, now);
  if (until) throw appError(403, 'helping_suspended', `您多次接单后未到场，${formatShanghai(until)} 前暂停接单`, { until: until.toISOString() });
}

/**
 * A helper takes an open request: one conditional UPDATE decides, so of many takers at once
 * exactly one wins and the others get 409 already_taken.
 */
export async function takeHelpRequest(tx: Tx, user: AuthUser, id: number, now: Date): Promise<HelpRow> {
  const [r] = await tx.select().from(helpRequests).where(eq(helpRequests.id, id));
  if (!r) throw notFound('找不到这条互助求助');
  await assertCanHelp(tx, user, r, now);
  const [res] = await tx
    .update(helpRequests)
    .set({ status: 'taken', helperId: user.id, takenAt: now })
    .where(and(eq(helpRequests.id, id), eq(helpRequests.status, 'open'), sql`${helpRequests.toAt} > ${now}`));
  if ((res as unknown as { affectedRows: number }).affectedRows === 0) {
    const cur = await lockRequest(tx, id);
    if (cur.status === 'open') throw conflict('request_expired', '这条求助已过了时间段，不能再接');
    if (cur.status === 'taken' || cur.status === 'matched') throw conflict('already_taken', '已经有人接了这条求助');
    throw conflict('not_open', '这条求助已结束');
  }
  const cur = await lockRequest(tx, id);
  const who = await nickname(tx, user.id);
  await notify(tx, [...new Set([cur.requesterId, cur.postedBy])], { kind: 'help_taken', title: `有人接了您的求助「${cur.title}」`, body: `${who}愿意帮忙，请确认帮手。`, link: helpLink(id) });
  return cur;
}

async function assertRequesterSide(tx: Tx, user: AuthUser, r: HelpRow) {
  if (user.id === r.requesterId || user.id === r.postedBy) return;
  if (!(await canActFor(tx, user.id, r.requesterId))) throw notFound('找不到这条互助求助');
}

/** The requester (or their family) accepts the helper who took it: both now see each other's contact and the helper the address. */
export async function confirmMatch(tx: Tx, user: AuthUser, id: number, now: Date): Promise<HelpRow> {
  const r = await lockRequest(tx, id);
  await assertRequesterSide(tx, user, r);
  if (r.status === 'matched') return r;
  if (r.status !== 'taken') throw conflict('not_taken', '还没有人接这条求助，暂时不能确认');
  await tx.update(helpRequests).set({ status: 'matched', matchedAt: now }).where(eq(helpRequests.id, id));
  await notify(tx, r.helperId!, { kind: 'help_matched', title: `求助「${r.title}」已确认由您帮忙`, body: `时间 ${formatShanghai(r.fromAt)}，详细地址和联系方式已在求助详情中显示。`, link: helpLink(id) });
  return lockRequest(tx, id);
}

/** The requester turns the helper who took it down: the request is open again. */
export async function declineMatch(tx: Tx, user: AuthUser, id: number): Promise<HelpRow> {
  const r = await lockRequest(tx, id);
  await assertRequesterSide(tx, user, r);
  if (r.status !== 'taken') throw conflict('not_taken', '只有“待确认”的求助可以换帮手');
  await tx.update(helpRequests).set({ status: 'open', helperId: null, takenAt: null }).where(eq(helpRequests.id, id));
  await notify(tx, r.helperId!, { kind: 'help_declined', title: `求助「${r.title}」已另找帮手`, body: '谢谢您的热心，对方这次另找了帮手。', link: helpLink(id) });
  return lockRequest(tx, id);
}

/** The requester confirms the help was done: the held points move to the helper (two entries, one transaction). */
export async function markDone(tx: Tx, user: AuthUser, id: number, now: Date): Promise<HelpRow> {
  const r = await lockRequest(tx, id);
  await assertRequesterSide(tx, user, r);
  if (r.status === 'done') return r;
  if (r.status !== 'matched') throw conflict('not_matched', '确认帮手后才能确认完成');
  await payHelper(tx, r, user.id, now);
  await tx.update(helpRequests).set({ status: 'done', doneAt: now, closedAt: now, cancelAskedBy: null }).where(eq(helpRequests.id, id));
  await notify(tx, r.helperId!, { kind: 'help_done', title: `「${r.title}」已确认完成，${r.points} 积分已到账`, body: '谢谢您帮助邻居！别忘了给对方评价。', link: helpLink(id) });
  return lockRequest(tx, id);
}

async function payHelper(tx: Tx, r: HelpRow, actorId: number, now: Date) {
  const what = `${HELP_CATEGORY_LABELS[r.category]}「${r.title}」`;
  const ok = await settleHold(tx, {
    holdId: r.holdId!,
    fromUserId: r.requesterId,
    toUserId: r.helperId!,
    source: `help:${r.id}`,
    paidDescription: `邻里互助${what}：支付帮手`,
    earnedDescription: `邻里互助${what}：帮助邻居`,
    complexId: r.complexId,
    actorId,
    now,
  });
  if (!ok) throw new Error(`hold of help request ${r.id} had already ended`);
}

export interface CancelResult {
  row: HelpRow;
  /** after the match: the first side asked, the other must agree */
  waitingForOther: boolean;
}

/**
 * Cancel. Before the match the requester's side cancels alone (the hold is released); a helper
 * who took it withdraws (open again). After the match both must agree: the first call records who
 * asked, the other side's call cancels and releases.
 */
export async function cancelHelpRequest(tx: Tx, user: AuthUser, id: number, now: Date): Promise<CancelResult> {
  const r = await lockRequest(tx, id);
  const side = await sideOf(tx, user, r);
  if (side === 'other' || side === 'staff') throw notFound('找不到这条互助求助');
  if (r.status === 'cancelled') return { row: r, waitingForOther: false };
  if (BEFORE_MATCH.includes(r.status)) {
    if (side === 'helper') {
      await tx.update(helpRequests).set({ status: 'open', helperId: null, takenAt: null }).where(eq(helpRequests.id, id));
      await notify(tx, [...new Set([r.requesterId, r.postedBy])], { kind: 'help_withdrawn', title: `帮手退出了求助「${r.title}」`, body: '求助已重新开放，等待其他邻居接单。', link: helpLink(id) });
      return { row: await lockRequest(tx, id), waitingForOther: false };
    }
    await close(tx, r, 'cancelled', now);
    if (r.helperId) await notify(tx, r.helperId, { kind: 'help_cancelled', title: `求助「${r.title}」已取消`, body: '对方取消了这条求助。', link: helpLink(id) });
    return { row: await lockRequest(tx, id), waitingForOther: false };
  }
  if (r.status !== 'matched') throw conflict('not_cancellable', '这条求助当前不能取消');
  const mySideAsked = r.cancelAskedBy !== null && (await sideOf(tx, { ...user, id: r.cancelAskedBy }, r)) === side;
  if (r.cancelAskedBy === null || mySideAsked) {
    await tx.update(helpRequests).set({ cancelAskedBy: user.id }).where(eq(helpRequests.id, id));
    const other = side === 'helper' ? [...new Set([r.requesterId, r.postedBy])] : [r.helperId!];
    await notify(tx, other, { kind: 'help_cancel_asked', title: `对方想取消「${r.title}」`, body: '已确认帮手的求助需要双方同意才能取消，请在详情中同意或继续。', link: helpLink(id) });
    return { row: await lockRequest(tx, id), waitingForOther: true };
  }
  await close(tx, r, 'cancelled', now);
  return { row: await lockRequest(tx, id), waitingForOther: false };
}

/** Ends a request without paying: the status, closedAt and the released hold. */
async function close(tx: Tx, r: HelpRow, status: 'cancelled' | 'expired', now: Date) {
  await tx.update(helpRequests).set({ status, closedAt: now }).where(eq(helpRequests.id, r.id));
  if (r.holdId) await releaseHold(tx, r.holdId, r.requesterId, now);
}

/** Either side of a matched request raises a dispute; the complex's workers decide. */
export async function disputeHelpRequest(deps: Pick<Deps, 'db' | 'wechat' | 'logger' | 'config'>, tx: Tx, user: AuthUser, id: number, reason: string): Promise<HelpRow> {
  await assertClean(deps, user.id, '', reason);
  const r = await lockRequest(tx, id);
  const side = await sideOf(tx, user, r);
  if (side !== 'requester' && side !== 'helper') throw notFound('找不到这条互助求助');
  if (r.status === 'disputed') throw conflict('already_disputed', '这条求助已在争议处理中');
  if (r.status !== 'matched') throw conflict('not_matched', '只有已确认帮手、尚未完成的求助可以申请处理争议');
  await tx.update(helpRequests).set({ status: 'disputed', disputedBy: user.id, disputeReason: reason }).where(eq(helpRequests.id, id));
  const workers = await complexWorkers(tx, r.complexId);
  await notify(tx, workers, { kind: 'help_disputed', title: `邻里互助争议：「${r.title}」`, body: reason, link: helpLink(id) });
  const other = side === 'helper' ? [...new Set([r.requesterId, r.postedBy])] : [r.helperId!];
  await notify(tx, other, { kind: 'help_disputed', title: `「${r.title}」已提交工作人员处理`, body: '综合体工作人员会联系双方并作出决定。', link: helpLink(id) });
  return lockRequest(tx, id);
}

async function complexWorkers(db: DbOrTx, complexId: number): Promise<number[]> {
  const rows = await db.select({ id: staffComplexes.userId }).from(staffComplexes).where(eq(staffComplexes.complexId, complexId));
  return rows.map((r) => r.id);
}

export interface Decision {
  decision: 'pay_helper' | 'refund';
  note: string;
  helperNoShow: boolean;
}

/** A worker of the complex decides a dispute: pay the helper (done) or refund the requester (cancelled); audited by the route. */
export async function decideDispute(tx: Tx, user: AuthUser, id: number, d: Decision, now: Date): Promise<HelpRow> {
  const r = await lockRequest(tx, id);
  if (!(await canManageComplex(tx, user, r.complexId))) throw forbidden('只有本综合体的工作人员可以处理争议');
  if (r.status !== 'disputed') throw conflict('not_disputed', '这条求助没有待处理的争议');
  if (d.decision === 'pay_helper' && d.helperNoShow) throw validationFailed({ helperNoShow: '帮手未到场时不能把积分付给帮手' });
  if (d.decision === 'pay_helper') {
    await payHelper(tx, r, user.id, now);
    await tx.update(helpRequests).set({ status: 'done', doneAt: now, closedAt: now, decision: d.decision, decisionNote: d.note, decidedBy: user.id }).where(eq(helpRequests.id, id));
  } else {
    await tx.update(helpRequests).set({ decision: d.decision, decisionNote: d.note, decidedBy: user.id, helperNoShow: d.helperNoShow }).where(eq(helpRequests.id, id));
    await close(tx, r, 'cancelled', now);
  }
  const outcome = d.decision === 'pay_helper' ? `积分 ${r.points} 分已付给帮手` : `积分 ${r.points} 分已退回求助人`;
  await notify(tx, [...new Set([r.requesterId, r.postedBy, r.helperId!])], { kind: 'help_decided', title: `「${r.title}」的争议已处理`, body: `${outcome}。说明：${d.note}`, link: helpLink(id) });
  return lockRequest(tx, id);
}

/** Each side rates the other once, after it was done. */
export async function rateHelpRequest(
  deps: Pick<Deps, 'db' | 'wechat' | 'logger' | 'config'>,
  tx: Tx,
  user: AuthUser,
  id: number,
  input: { stars: number; comment: string },
): Promise<{ requestId: number; stars: number; comment: string; rateeId: number }> {
  await assertClean(deps, user.id, '', input.comment);
  const r = await lockRequest(tx, id);
  const side = await sideOf(tx, user, r);
  if (side !== 'requester' && side !== 'helper') throw notFound('找不到这条互助求助');
  if (r.status !== 'done') throw conflict('not_done', '求助完成后才能评价');
  const raterId = side === 'requester' ? r.requesterId : r.helperId!;
  const rateeId = side === 'requester' ? r.helperId! : r.requesterId;
  const [dup] = await tx.select({ id: helpRatings.requestId }).from(helpRatings).where(and(eq(helpRatings.requestId, id), eq(helpRatings.raterId, raterId))).for('update');
  if (dup) throw conflict('already_rated', '您已经评价过了');
  await tx.insert(helpRatings).values({ requestId: id, raterId, rateeId, stars: input.stars, comment: input.comment });
  return { requestId: id, stars: input.stars, comment: input.comment, rateeId };
}

/**
 * The expiry job: requests nobody matched whose time window ended expire and release their hold.
 * Each in its own transaction (row lock, re-check, release); reruns are quiet. Returns how many expired.
 */
export async function expireHelpRequests(db: Db, now: Date): Promise<number> {
  const due = await db
    .select({ id: helpRequests.id })
    .from(helpRequests)
    .where(and(inArray(helpRequests.status, ['open', 'taken']), lte(helpRequests.toAt, now)))
    .limit(500);
  let n = 0;
  for (const { id } of due) {
    await withTx(db, async (tx) => {
      const r = await lockRequest(tx, id);
      if (!BEFORE_MATCH.includes(r.status) || r.toAt > now) return;
      await close(tx, r, 'expired', now);
      await notify(tx, [...new Set([r.requesterId, r.postedBy])], { kind: 'help_expired', title: `求助「${r.title}」已过期`, body: `时间段内没有确认帮手，占用的 ${r.points} 积分已退回。`, link: helpLink(id) });
      await audit(tx, { actorId: null, action: 'help.expire', targetType: 'help_request', targetId: id, detail: { points: r.points }, ...NO_REQUEST });
      n++;
    });
  }
  return n;
}
