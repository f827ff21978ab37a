import { and, avg, count, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { isDuplicateKey, withTx, type Db } from '../../db/client';
import { activities, bookings, complexes, evaluations, meetingSignups, meetings } from '../../db/schema';
import { appError, conflict, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import { OPINION_POINTS, type EvaluationTarget } from '../../../../shared/opinions';
import { credit } from '../points/ledger';
import { findSensitiveWord } from '../opinions/sensitiveWords';
import { HOW_TO_VERIFY, verifiedHome } from '../residency/status';

/** A recent visit counts for rating a complex: a check-in there within this many days. */
export const COMPLEX_RATING_VISIT_DAYS = 90;

export interface RatingInput {
  targetType: EvaluationTarget;
  targetId: number;
  stars: number;
  comment?: string;
}

/**
 * What is being rated, and whether this person used it: an activity (or a branch's service, an
 * activity with an organizing branch) they checked in to; a complex that is their home or where
 * they checked in to an activity or a meeting.
 */
async function resolveTarget(db: Db, userId: number, type: EvaluationTarget, id: number, now: Date): Promise<{ complexId: number; name: string }> {
  if (type === 'complex') {
    const [c] = await db.select({ id: complexes.id, name: complexes.name }).from(complexes).where(eq(complexes.id, id));
    if (!c) throw notFound('民生综合体不存在');
    if (!(await mayRateComplex(db, userId, id, now))) {
      throw appError(403, 'not_eligible', `只有已认证的本综合体居民，或近 ${COMPLEX_RATING_VISIT_DAYS} 天在这里签到过活动或会议的居民，才能评价这个综合体。${HOW_TO_VERIFY}`);
    }
    return { complexId: id, name: c.name };
  }
  const [a] = await db.select().from(activities).where(eq(activities.id, id));
  // An activity is rated as itself, a branch's offering as a branch service: the wrong kind is "not found".
  if (!a || (type === 'branch_service') !== (a.organizerBranchId !== null)) throw notFound(type === 'branch_service' ? '党支部服务不存在' : '活动不存在');
  const [b] = await db.select({ id: bookings.id }).from(bookings).where(and(eq(bookings.activityId, id), eq(bookings.userId, userId), eq(bookings.status, 'checked_in'))).limit(1);
  if (!b) throw appError(403, 'not_attended', '签到参加后才能评价');
  return { complexId: a.complexId, name: a.title };
}

/**
 * A complex may be rated by its verified residents and by whoever checked in there (an activity
 * or a meeting) in the last 90 days: a claimed home alone does not count, so a new account cannot
 * rate complexes it never visited.
 */
export async function mayRateComplex(db: Db, userId: number, complexId: number, now: Date): Promise<boolean> {
  const home = await verifiedHome(db, userId);
  if (home?.complexId === complexId) return true;
  const since = new Date(now.getTime() - COMPLEX_RATING_VISIT_DAYS * 86_400_000);
  const [attended] = await db
    .select({ id: bookings.id })
    .from(bookings)
    .innerJoin(activities, eq(activities.id, bookings.activityId))
    .where(and(eq(bookings.userId, userId), eq(bookings.status, 'checked_in'), eq(activities.complexId, complexId), gte(bookings.checkedInAt, since)))
    .limit(1);
  if (attended) return true;
  const [met] = await db
    .select({ id: meetingSignups.id })
    .from(meetingSignups)
    .innerJoin(meetings, eq(meetings.id, meetingSignups.meetingId))
    .where(and(eq(meetingSignups.userId, userId), gte(meetingSignups.checkedInAt, since), eq(meetings.complexId, complexId)))
    .limit(1);
  return !!met;
}

/**
 * 评议: one rating per person per thing (unique key); the first rating of each thing by a person
 * earns `evaluation` points once through the ledger (source evaluation:<type>:<id>, daily cap).
 */
export async function rate(deps: Deps, user: AuthUser, input: RatingInput): Promise<{ id: number; pointsAwarded: number }> {
  if (input.comment && findSensitiveWord(input.comment)) throw appError(422, 'content_rejected', '评价内容未通过安全检查，请修改', { fields: { comment: '含有不适宜发布的内容' } });
  const now = deps.clock.now();
  const target = await resolveTarget(deps.db, user.id, input.targetType, input.targetId, now);
  return withTx(deps.db, async (tx) => {
    let id: number;
    try {
      [{ id }] = await tx
        .insert(evaluations)
        .values({ userId: user.id, targetType: input.targetType, targetId: input.targetId, complexId: target.complexId, stars: input.stars, comment: input.comment ?? '', createdAt: now })
        .$returningId();
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('already_rated', '您已经评价过了');
      throw e;
    }
    const paid = await credit(tx, {
      userId: user.id,
      delta: OPINION_POINTS.evaluation,
      reason: 'evaluation',
      source: `evaluation:${input.targetType}:${input.targetId}`,
      description: `评价「${target.name}」`,
      now,
    });
    return { id, pointsAwarded: paid.duplicate ? 0 : (paid.entry?.delta ?? 0) };
  });
}

export async function ratingSummary(db: Db, type: EvaluationTarget, id: number) {
  const [r] = await db
    .select({ n: count(), average: avg(evaluations.stars) })
    .from(evaluations)
    .where(and(eq(evaluations.targetType, type), eq(evaluations.targetId, id)));
  const dist = await db
    .select({ stars: evaluations.stars, n: count() })
    .from(evaluations)
    .where(and(eq(evaluations.targetType, type), eq(evaluations.targetId, id)))
    .groupBy(evaluations.stars);
  const distribution: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const d of dist) distribution[String(d.stars)] = Number(d.n);
  return { targetType: type, targetId: id, count: Number(r.n), average: r.average === null ? null : Math.round(Number(r.average) * 10) / 10, distribution };
}

/** What the caller may still rate: activities and branch services they checked in to, and their home complex. */
export async function rateable(db: Db, userId: number) {
  const acts = await db
    .select({ id: activities.id, title: activities.title, branchId: activities.organizerBranchId, endAt: activities.endAt, complexId: activities.complexId })
    .from(bookings)
    .innerJoin(activities, eq(activities.id, bookings.activityId))
    .leftJoin(
      evaluations,
      and(
        eq(evaluations.userId, userId),
        eq(evaluations.targetId, activities.id),
        sql`${evaluations.targetType} = IF(${activities.organizerBranchId} IS NULL, 'activity', 'branch_service')`,
      ),
    )
    .where(and(eq(bookings.userId, userId), eq(bookings.status, 'checked_in'), isNull(evaluations.id)))
    .orderBy(desc(activities.endAt))
    .limit(50);
  const verified = await verifiedHome(db, userId);
  const [home] = verified
    ? await db
        .select({ id: complexes.id, name: complexes.name, rated: evaluations.id })
        .from(complexes)
        .leftJoin(evaluations, and(eq(evaluations.userId, userId), eq(evaluations.targetType, 'complex'), eq(evaluations.targetId, complexes.id)))
        .where(eq(complexes.id, verified.complexId))
    : [];
  return {
    items: [
      ...acts.map((a) => ({ targetType: (a.branchId ? 'branch_service' : 'activity') as EvaluationTarget, targetId: a.id, name: a.title, complexId: a.complexId })),
      ...(home && !home.rated ? [{ targetType: 'complex' as EvaluationTarget, targetId: home.id, name: home.name, complexId: home.id }] : []),
    ],
  };
}

export async function myEvaluations(db: Db, userId: number) {
  const rows = await db.select().from(evaluations).where(eq(evaluations.userId, userId)).orderBy(desc(evaluations.id)).limit(100);
  return { items: rows.map((r) => ({ id: r.id, targetType: r.targetType, targetId: r.targetId, stars: r.stars, comment: r.comment, createdAt: r.createdAt.toISOString() })) };
}
