import { and, asc, desc, eq, gt, inArray, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { complexes, users, volunteerComplexes, volunteerPosts, volunteerSignups, volunteers } from '../../db/schema';
import type { VolunteerApplicationStatus } from '../../../../shared/volunteer';
import type { PostRow } from './posts';
import type { SignupRow } from './signups';

/** The reads behind the volunteer routes: post lists, rosters, applications and one's sign-ups. */

/** The viewer's sign-ups on these posts, by post id. */
export async function mySignups(db: DbOrTx, userId: number, postIds: number[]): Promise<Map<number, SignupRow>> {
  if (postIds.length === 0) return new Map();
  const rows = await db.select().from(volunteerSignups).where(and(eq(volunteerSignups.userId, userId), inArray(volunteerSignups.postId, postIds)));
  return new Map(rows.map((r) => [r.postId, r]));
}

/**
 * Published posts (of one complex, or all; only those not ended when `upcoming`), soonest first,
 * after the keyset position (startAt, id); `limit` + 1 rows.
 */
export async function publishedPosts(
  db: DbOrTx,
  o: { complexId?: number; upcoming: boolean; now: Date; after: { startAt: Date; id: number } | null },
  limit: number,
): Promise<PostRow[]> {
  const conds: SQL[] = [eq(volunteerPosts.status, 'published')];
  if (o.complexId) conds.push(eq(volunteerPosts.complexId, o.complexId));
  if (o.upcoming) conds.push(gt(volunteerPosts.endAt, o.now));
  if (o.after) {
    const at = o.after.startAt;
    conds.push(or(gt(volunteerPosts.startAt, at), and(eq(volunteerPosts.startAt, at), gt(volunteerPosts.id, o.after.id)))!);
  }
  return db
    .select()
    .from(volunteerPosts)
    .where(and(...conds))
    .orderBy(asc(volunteerPosts.startAt), asc(volunteerPosts.id))
    .limit(limit + 1);
}

/** A post's live sign-ups with the volunteer's real name (or nickname) and masked phone, for staff. */
export async function postRoster(db: DbOrTx, postId: number) {
  return db
    .select({ s: volunteerSignups, realName: sql<string>`COALESCE(${volunteers.realName}, ${users.nickname})`, realIsSet: sql<number>`(${volunteers.realName} IS NOT NULL)`, phoneMasked: users.phoneMasked })
    .from(volunteerSignups)
    .innerJoin(users, eq(users.id, volunteerSignups.userId))
    .leftJoin(volunteers, eq(volunteers.userId, volunteerSignups.userId))
    .where(and(eq(volunteerSignups.postId, postId), inArray(volunteerSignups.status, ['signed_up', 'checked_in', 'checked_out', 'approved'])))
    .orderBy(desc(volunteerSignups.status), asc(volunteerSignups.id));
}

/** Registration applications in a status at these complexes (null = all), newest first before the id `before`; `limit` + 1 rows. */
export async function applicationsAt(db: DbOrTx, o: { status: VolunteerApplicationStatus; scope: number[] | null; before: number | null | undefined }, limit: number) {
  return db
    .select({ a: volunteerComplexes, userId: volunteers.userId, realName: volunteers.realName, skills: volunteers.skills, phoneMasked: users.phoneMasked, complexName: complexes.name })
    .from(volunteerComplexes)
    .innerJoin(volunteers, eq(volunteers.id, volunteerComplexes.volunteerId))
    .innerJoin(users, eq(users.id, volunteers.userId))
    .innerJoin(complexes, eq(complexes.id, volunteerComplexes.complexId))
    .where(and(eq(volunteerComplexes.status, o.status), o.scope ? inArray(volunteerComplexes.complexId, o.scope) : undefined, o.before ? lt(volunteerComplexes.id, o.before) : undefined))
    .orderBy(desc(volunteerComplexes.id))
    .limit(limit + 1);
}

/**
 * One's sign-ups with their posts: `upcoming` = posts not ended and sign-ups still live, soonest
 * first; otherwise the rest (ended, cancelled or approved), latest first. Keyset on (post startAt,
 * sign-up id); `limit` + 1 rows.
 */
export async function signupsOf(db: DbOrTx, userId: number, o: { upcoming: boolean; now: Date; after: { startAt: Date; id: number } | null }, limit: number) {
  const { upcoming, now } = o;
  const conds: SQL[] = [eq(volunteerSignups.userId, userId)];
  if (upcoming) conds.push(gt(volunteerPosts.endAt, now), notInArray(volunteerSignups.status, ['cancelled', 'approved']));
  else conds.push(or(lte(volunteerPosts.endAt, now), eq(volunteerSignups.status, 'cancelled'), eq(volunteerSignups.status, 'approved'))!);
  if (o.after) {
    const { startAt: at, id } = o.after;
    conds.push(
      upcoming
        ? or(gt(volunteerPosts.startAt, at), and(eq(volunteerPosts.startAt, at), gt(volunteerSignups.id, id)))!
        : or(lt(volunteerPosts.startAt, at), and(eq(volunteerPosts.startAt, at), lt(volunteerSignups.id, id)))!,
    );
  }
  return db
    .select({ s: volunteerSignups, p: volunteerPosts })
    .from(volunteerSignups)
    .innerJoin(volunteerPosts, eq(volunteerPosts.id, volunteerSignups.postId))
    .where(and(...conds))
    .orderBy(...(upcoming ? [asc(volunteerPosts.startAt), asc(volunteerSignups.id)] : [desc(volunteerPosts.startAt), desc(volunteerSignups.id)]))
    .limit(limit + 1);
}
