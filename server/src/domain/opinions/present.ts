import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { branches, complexes, opinionCosigns, opinionEvents, opinionPhotos, users } from '../../db/schema';
import type { AuthUser } from '../access/actor';
import { OPINION_ACTION_LABELS, OPINION_RATING_LABELS, OPINION_STATUS_LABELS } from '../../../../shared/opinions';
import { ROLE_LABELS } from '../../../../shared/constants';
import { maskName, maskPersonalNumbers, type OpinionRow, type Viewer } from './access';
import { isOverdue } from './deadlines';
import { photoUrl } from './photos';
import { actionsFrom } from './workflow';
import { projectOfSource } from '../projects/queries';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The first `n` characters (code points) of `s`, without splitting the whole text (a list shows 20). */
function firstChars(s: string, n: number): string {
  if (s.length <= n) return s;
  let out = '';
  let i = 0;
  for (const ch of s) {
    if (i++ === n) break;
    out += ch;
  }
  return out;
}

/** What a list item is made of (the list selects only these columns), its times as ISO text. */
export type SummaryRow = Pick<OpinionRow, 'id' | 'userId' | 'complexId' | 'category' | 'title' | 'content' | 'visibility' | 'status' | 'heldReason' | 'cosignCount' | 'photoCount'> & {
  submittedAt: string;
  acceptDueAt: string | null;
  replyDueAt: string | null;
};

/**
 * How much of the text the excerpt needs masked. A masked number is at most 21 characters long and
 * masking drops at most 3 separators from each, so what ends up in the first 60 characters comes
 * from the first ~95 of the text; a number cut at 120 cannot reach back into them.
 */
const EXCERPT_MASK_SPAN = 120;

export function presentSummary(
  o: SummaryRow,
  extra: { complexName?: string; submitterName?: string; cosignedByMe?: boolean; viewerId?: number | null; maskNumbers?: boolean },
  nowIso: string,
) {
  // phone and ID numbers in the text are masked for the public (the writer and staff see them)
  const shown = (s: string) => (extra.maskNumbers ? maskPersonalNumbers(s) : s);
  return {
    id: o.id,
    category: o.category,
    title: shown(o.title),
    // the head of a long text masked gives the same first 60 characters as the whole text masked
    excerpt: firstChars(shown(firstChars(o.content, EXCERPT_MASK_SPAN)), 60),
    visibility: o.visibility,
    status: o.status,
    statusLabel: OPINION_STATUS_LABELS[o.status],
    complexId: o.complexId,
    complexName: extra.complexName ?? null,
    submitterName: extra.submitterName ?? null,
    cosignCount: o.cosignCount,
    cosignedByMe: extra.cosignedByMe ?? false,
    mine: extra.viewerId != null && extra.viewerId === o.userId,
    photoCount: o.photoCount,
    submittedAt: o.submittedAt,
    acceptDueAt: o.acceptDueAt,
    replyDueAt: o.replyDueAt,
    overdue: isOverdue(o, nowIso),
    heldReason: o.heldReason,
  };
}

/** One opinion with its timeline, as this viewer may see it. */
export async function presentDetail(db: DbOrTx, o: OpinionRow, viewer: Viewer, user: AuthUser | null, secret: string, now: Date) {
  const [complex] = await db.select({ name: complexes.name }).from(complexes).where(eq(complexes.id, o.complexId));
  const [submitter] = await db.select({ nickname: users.nickname }).from(users).where(eq(users.id, o.userId));
  const events = await db
    .select({ e: opinionEvents, nickname: users.nickname, role: users.role })
    .from(opinionEvents)
    .leftJoin(users, eq(users.id, opinionEvents.actorId))
    .where(eq(opinionEvents.opinionId, o.id))
    .orderBy(asc(opinionEvents.id));
  const photos = await db.select({ id: opinionPhotos.id }).from(opinionPhotos).where(eq(opinionPhotos.opinionId, o.id)).orderBy(asc(opinionPhotos.seq));
  const cosigned = user
    ? (await db.select({ u: opinionCosigns.userId }).from(opinionCosigns).where(and(eq(opinionCosigns.opinionId, o.id), eq(opinionCosigns.userId, user.id)))).length > 0
    : false;
  let branchName: string | null = null;
  if (o.assigneeBranchId) {
    const [b] = await db.select({ name: branches.name }).from(branches).where(eq(branches.id, o.assigneeBranchId));
    branchName = b?.name ?? null;
  }
  const showName = (actorId: number | null, nickname: string | null, role: string | null) => {
    if (actorId === o.userId) return viewer === 'public' ? maskName(submitter?.nickname) : submitter?.nickname || '居民';
    return `${(role && role !== 'resident' ? ROLE_LABELS[role as keyof typeof ROLE_LABELS] : null) ?? '工作人员'}${nickname ? ` ${viewer === 'staff' ? nickname : maskName(nickname)}` : ''}`;
  };
  return {
    ...presentSummary({ ...o, submittedAt: o.submittedAt.toISOString(), acceptDueAt: iso(o.acceptDueAt), replyDueAt: iso(o.replyDueAt) }, { complexName: complex?.name, submitterName: viewer === 'public' ? maskName(submitter?.nickname) : submitter?.nickname || '居民', cosignedByMe: cosigned, viewerId: user?.id, maskNumbers: viewer === 'public' }, now.toISOString()),
    content: viewer === 'public' ? maskPersonalNumbers(o.content) : o.content,
    viewer,
    photos: photos.map((p) => ({ id: p.id, url: photoUrl(secret, o.id, p.id, now) })),
    rejectReason: o.rejectReason,
    assignee: o.assigneeType
      ? { type: o.assigneeType, label: o.assigneeType === 'branch' ? branchName : o.assigneeType === 'department' ? o.assigneeDepartment : '社区工作人员' }
      : null,
    reply: o.reply,
    repliedAt: iso(o.repliedAt),
    rating: o.rating,
    ratingLabel: o.rating ? OPINION_RATING_LABELS[o.rating] : null,
    ratingComment: o.ratingComment,
    reopenCount: o.reopenCount,
    /** the 民生项目 this opinion became (one tap away on the opinion page) */
    project: await projectOfSource(db, 'opinion', o.id),
    acceptedAt: iso(o.acceptedAt),
    closedAt: iso(o.closedAt),
    /** what this viewer may do next (buttons on the screen) */
    actions: [...(viewer === 'staff' ? actionsFrom(o.status, 'staff') : []), ...(user?.id === o.userId ? actionsFrom(o.status, 'submitter') : [])],
    timeline: events.map(({ e, nickname, role }) => ({
      id: e.id,
      action: e.action,
      label: e.action === 'project' ? `${OPINION_ACTION_LABELS.project} → ${e.note}` : (OPINION_ACTION_LABELS[e.action] ?? e.action),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      actorName: e.actorId ? showName(e.actorId, nickname, role) : '系统',
      at: e.createdAt.toISOString(),
    })),
  };
}
