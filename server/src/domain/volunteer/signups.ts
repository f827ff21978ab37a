import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { isDuplicateKey, withTx } from '../../db/client';
import { volunteerPosts, volunteerSignups } from '../../db/schema';
import { appError, conflict, forbidden, notFound, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { SIGNUP_CANCEL_DEADLINE_MINUTES, SIGNUP_CANCEL_RULE } from '../../../../shared/volunteer';
import { credit } from '../points/ledger';
import { hoursOf, pointsFor, presentMinutes } from './hours';
import { canManagePost, loadPost, type PostRow } from './posts';
import { isApprovedVolunteer } from './registration';

export type SignupRow = typeof volunteerSignups.$inferSelect;

const affected = (r: unknown) => (r as [{ affectedRows: number }])[0].affectedRows;

/**
 * Takes a position on a post. The position is taken with ONE conditional UPDATE on the post's
 * counter (`signed_up_count < positions`), before touching the sign-up row, so the post row is
 * always locked first; the unique (post, user) key stops a double sign-up. When the UPDATE matches
 * nothing the transaction ends at once and the reason (404/409) is decided outside it.
 */
export async function signUp(db: Db, userId: number, postId: number, now: Date): Promise<SignupRow> {
  const post = await loadPost(db, postId);
  if (!post || post.status !== 'published') throw notFound('找不到该志愿岗位');
  if (!(await isApprovedVolunteer(db, userId, post.complexId))) {
    throw appError(403, 'not_a_volunteer', '您还不是该综合体认证的志愿者，请先注册并等待审核');
  }
  if (post.startAt <= now) throw conflict('signup_closed', '该岗位已开始，不能再报名');

  const taken = await withTx(db, async (tx) => {
    const res = await tx
      .update(volunteerPosts)
      .set({ signedUpCount: sql`${volunteerPosts.signedUpCount} + 1` })
      .where(and(eq(volunteerPosts.id, postId), eq(volunteerPosts.status, 'published'), lt(volunteerPosts.signedUpCount, volunteerPosts.positions), gt(volunteerPosts.startAt, now)));
    if (affected(res) === 0) return null;
    const [mine] = await tx.select().from(volunteerSignups).where(and(eq(volunteerSignups.postId, postId), eq(volunteerSignups.userId, userId))).for('update');
    if (mine && mine.status !== 'cancelled') throw conflict('already_signed_up', '您已报名该岗位');
    if (mine) {
      await tx.update(volunteerSignups).set({ status: 'signed_up', cancelledAt: null }).where(eq(volunteerSignups.id, mine.id));
      return mine.id;
    }
    try {
      const [{ id }] = await tx.insert(volunteerSignups).values({ postId, userId, status: 'signed_up', createdAt: now }).$returningId();
      return id;
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('already_signed_up', '您已报名该岗位');
      throw e;
    }
  });
  if (taken === null) {
    const again = await loadPost(db, postId);
    if (!again || again.status !== 'published') throw notFound('找不到该志愿岗位');
    if (again.startAt <= now) throw conflict('signup_closed', '该岗位已开始，不能再报名');
    throw conflict('post_full', '该岗位名额已满');
  }
  const [row] = await db.select().from(volunteerSignups).where(eq(volunteerSignups.id, taken));
  return row;
}

/** The volunteer gives the position back, until 2 h before the start. Someone else's sign-up → 404. */
export async function cancelSignup(db: Db, userId: number, signupId: number, now: Date): Promise<SignupRow> {
  const [s] = await db.select().from(volunteerSignups).where(and(eq(volunteerSignups.id, signupId), eq(volunteerSignups.userId, userId))).limit(1);
  if (!s) throw notFound('找不到该报名');
  const post = (await loadPost(db, s.postId))!;
  if (s.status === 'cancelled') return s;
  if (s.status !== 'signed_up') throw conflict('signup_not_cancellable', '已签到的报名不能取消');
  if (post.startAt.getTime() - now.getTime() < SIGNUP_CANCEL_DEADLINE_MINUTES * 60_000) {
    throw conflict('cancel_closed', `${SIGNUP_CANCEL_RULE}，请联系社区工作人员`);
  }
  await withTx(db, async (tx) => {
    // post row first, as in signUp
    await tx.update(volunteerPosts).set({ signedUpCount: sql`${volunteerPosts.signedUpCount} - 1` }).where(and(eq(volunteerPosts.id, s.postId), gt(volunteerPosts.signedUpCount, 0)));
    const res = await tx
      .update(volunteerSignups)
      .set({ status: 'cancelled', cancelledAt: now })
      .where(and(eq(volunteerSignups.id, signupId), eq(volunteerSignups.status, 'signed_up')));
    if (affected(res) === 0) throw conflict('signup_not_cancellable', '该报名状态已变化，请刷新');
  });
  const [row] = await db.select().from(volunteerSignups).where(eq(volunteerSignups.id, signupId));
  return row;
}

async function lockSignup(tx: Tx, signupId: number) {
  const [s] = await tx.select().from(volunteerSignups).where(eq(volunteerSignups.id, signupId)).for('update');
  return s ?? null;
}

/**
 * Check-in: by the volunteer scanning the post's rotating venue code (`by` = the volunteer), or
 * marked by staff. Repeating it changes nothing.
 */
export async function checkIn(tx: Tx, s: SignupRow, post: PostRow, by: number, at: Date): Promise<SignupRow> {
  if (s.status === 'cancelled') throw conflict('signup_cancelled', '该报名已取消');
  if (s.status !== 'signed_up') return s;
  if (at.getTime() < post.startAt.getTime() - 60 * 60_000) throw conflict('checkin_not_open', '岗位开始前 1 小时才能签到');
  if (at >= post.endAt) throw conflict('checkin_closed', '岗位已结束，不能签到');
  await tx.update(volunteerSignups).set({ status: 'checked_in', checkedInAt: at, checkedInBy: by }).where(eq(volunteerSignups.id, s.id));
  return (await lockSignup(tx, s.id))!;
}

/** Check-out records the minutes present, clipped to the post's time. Repeating it changes nothing. */
export async function checkOut(tx: Tx, s: SignupRow, post: PostRow, by: number, at: Date): Promise<SignupRow> {
  if (s.status === 'signed_up') throw conflict('not_checked_in', '尚未签到，不能签退');
  if (s.status === 'cancelled') throw conflict('signup_cancelled', '该报名已取消');
  if (s.status !== 'checked_in') return s;
  const minutes = presentMinutes(s.checkedInAt!, at, post.startAt, post.endAt);
  await tx.update(volunteerSignups).set({ status: 'checked_out', checkedOutAt: at, checkedOutBy: by, presentMinutes: minutes }).where(eq(volunteerSignups.id, s.id));
  return (await lockSignup(tx, s.id))!;
}

/** Finds and locks the caller's active sign-up on a post (for the venue-code path). */
export async function lockOwnSignup(tx: Tx, userId: number, postId: number) {
  const [s] = await tx
    .select()
    .from(volunteerSignups)
    .where(and(eq(volunteerSignups.postId, postId), eq(volunteerSignups.userId, userId), inArray(volunteerSignups.status, ['signed_up', 'checked_in', 'checked_out', 'approved'])))
    .for('update');
  return s ?? null;
}

/** Loads and locks a sign-up for a staff action; 404 unless the caller runs its post. */
export async function lockSignupForStaff(tx: Tx, user: AuthUser, signupId: number) {
  const s = await lockSignup(tx, signupId);
  if (!s) throw notFound('找不到该报名');
  const post = (await loadPost(tx, s.postId))!;
  if (!(await canManagePost(tx, user, post))) {
    // residents learn nothing; staff of another complex are told they lack the right
    if (user.role === 'resident') throw notFound('找不到该报名');
    throw forbidden('您不是该志愿岗位所属综合体的工作人员');
  }
  return { s, post };
}

export interface ApproveInput {
  /** minutes to approve; defaults to the minutes present */
  minutes?: number;
  /** required when the minutes differ from those present */
  reason?: string;
}

/**
 * A worker approves (or adjusts with a reason) the hours of one sign-up and the volunteer is
 * credited `volunteer_hours` once (source `signup:<id>`). Clicking again returns the same
 * approval and pays nothing more: the sign-up row is locked, its status decides, and the
 * ledger's unique (reason, source, user) key backs it.
 */
export async function approveHours(tx: Tx, user: AuthUser, signupId: number, input: ApproveInput, now: Date) {
  const { s, post } = await lockSignupForStaff(tx, user, signupId);
  if (s.status === 'approved') return { signup: s, post, credited: 0, cappedBy: 0, alreadyApproved: true, presentMinutes: s.presentMinutes };
  if (s.status === 'cancelled' || s.status === 'signed_up') throw conflict('not_checked_in', '该志愿者未签到，不能确认时长');
  const present = s.presentMinutes;
  let minutes = input.minutes;
  if (minutes === undefined) {
    if (present === null) throw validationFailed({ minutes: '志愿者尚未签退，请填写服务时长（分钟）' });
    minutes = present;
  }
  const maxMinutes = Math.floor((post.endAt.getTime() - post.startAt.getTime()) / 60_000);
  if (minutes > maxMinutes) throw validationFailed({ minutes: `不能超过岗位时长 ${maxMinutes} 分钟` });
  if (minutes !== present && !input.reason) throw validationFailed({ reason: '调整时长时请填写原因' });

  const points = pointsFor(minutes, post.pointsPerHour);
  let credited = 0;
  let cappedBy = 0;
  if (points > 0) {
    const r = await credit(tx, {
      userId: s.userId,
      delta: points,
      reason: 'volunteer_hours',
      source: `signup:${s.id}`,
      description: `志愿服务「${post.title}」${hoursOf(minutes)} 小时`,
      actorId: user.id,
      complexId: post.complexId,
      now,
    });
    credited = r.entry && !r.duplicate ? r.entry.delta : 0;
    cappedBy = r.cappedBy;
  }
  await tx
    .update(volunteerSignups)
    .set({
      status: 'approved',
      checkedOutAt: s.checkedOutAt ?? now,
      approvedMinutes: minutes,
      adjustReason: input.reason ?? null,
      approvedBy: user.id,
      approvedAt: now,
      pointsAwarded: credited,
    })
    .where(eq(volunteerSignups.id, s.id));
  const signup = (await lockSignup(tx, s.id))!;
  return { signup, post, credited, cappedBy, alreadyApproved: false, presentMinutes: present };
}
