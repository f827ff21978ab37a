import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { complexes, volunteerSignups } from '../../db/schema';
import type { PostRow } from '../../domain/volunteer/posts';
import type { SignupRow } from '../../domain/volunteer/signups';
import { hoursOf } from '../../domain/volunteer/hours';

export function presentSignup(s: SignupRow) {
  return {
    id: s.id,
    postId: s.postId,
    status: s.status,
    checkedInAt: s.checkedInAt?.toISOString() ?? null,
    checkedOutAt: s.checkedOutAt?.toISOString() ?? null,
    presentMinutes: s.presentMinutes,
    approvedMinutes: s.approvedMinutes,
    approvedHours: s.approvedMinutes === null ? null : hoursOf(s.approvedMinutes),
    adjustReason: s.adjustReason,
    pointsAwarded: s.pointsAwarded,
    createdAt: s.createdAt.toISOString(),
  };
}

export async function complexNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: complexes.id, name: complexes.name }).from(complexes).where(inArray(complexes.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function presentPost(p: PostRow, complexName: string) {
  return {
    id: p.id,
    complexId: p.complexId,
    complexName,
    activityId: p.activityId,
    organizerBranchId: p.organizerBranchId,
    title: p.title,
    description: p.description,
    location: p.location,
    startAt: p.startAt.toISOString(),
    endAt: p.endAt.toISOString(),
    positions: p.positions,
    signedUpCount: p.signedUpCount,
    remaining: Math.max(0, p.positions - p.signedUpCount),
    skills: p.skills,
    pointsPerHour: p.pointsPerHour,
    status: p.status,
  };
}

/** The viewer's sign-ups on these posts, by post id. */
export async function mySignups(db: DbOrTx, userId: number, postIds: number[]): Promise<Map<number, SignupRow>> {
  if (postIds.length === 0) return new Map();
  const rows = await db.select().from(volunteerSignups).where(and(eq(volunteerSignups.userId, userId), inArray(volunteerSignups.postId, postIds)));
  return new Map(rows.map((r) => [r.postId, r]));
}

