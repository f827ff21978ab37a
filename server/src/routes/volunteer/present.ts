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
