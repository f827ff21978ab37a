import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { withTx, type Tx } from '../../db/client';
import { branches, opinionEvents, opinions, staffComplexes, users } from '../../db/schema';
import { conflict, forbidden, validationFailed } from '../../errors';
import type { AuthUser, RequestFacts } from '../access/actor';
import { OPINION_RATING_LABELS, OPINION_STATUS_LABELS, type OpinionRating, type OpinionStatus } from '../../../../shared/opinions';
import { audit } from '../audit/log';
import { isBranchPairedWith } from '../access/scope';
import { loadVisibleOpinion, type OpinionRow } from './access';
import { replyDueAt } from './deadlines';
import { notify } from '../notifications/notify';
import { noticeInApp, noticeWechat, opinionLink, type OpinionNotice } from './notices';
import { findSensitiveWord } from './sensitiveWords';
import { actorFor, step, type OpinionAction } from './workflow';

export type Assignee = { type: 'worker'; userId: number } | { type: 'department'; name: string } | { type: 'branch'; branchId: number };

export type ActionInput =
  | { action: 'release' | 'accept'; note?: string }
  | { action: 'reject' | 'block'; reason: string }
  | { action: 'assign'; to: Assignee; note?: string }
  | { action: 'start'; note?: string }
  | { action: 'reply'; reply: string }
  | { action: 'evaluate'; rating: OpinionRating; comment?: string };

/** Who an assignment went to, in words for the timeline; checks the assignee belongs to the complex. */
async function describeAssignee(tx: Tx, o: OpinionRow, to: Assignee): Promise<{ label: string; set: Partial<OpinionRow> }> {
  if (to.type === 'worker') {
    const [w] = await tx
      .select({ nickname: users.nickname })
      .from(staffComplexes)
      .innerJoin(users, eq(users.id, staffComplexes.userId))
      .where(and(eq(staffComplexes.userId, to.userId), eq(staffComplexes.complexId, o.complexId), eq(users.role, 'worker')));
    if (!w) throw validationFailed({ 'to.userId': '该工作人员不属于本民生综合体' });
    return { label: `工作人员 ${w.nickname || `#${to.userId}`}`, set: { assigneeType: 'worker', assigneeUserId: to.userId, assigneeBranchId: null, assigneeDepartment: null } };
  }
  if (to.type === 'branch') {
    const [b] = await tx.select({ name: branches.name }).from(branches).where(eq(branches.id, to.branchId));
    if (!b || !(await isBranchPairedWith(tx, to.branchId, o.complexId))) throw validationFailed({ 'to.branchId': '只能交办给与本综合体结对的党支部' });
    return { label: `结对党支部 ${b.name}`, set: { assigneeType: 'branch', assigneeBranchId: to.branchId, assigneeUserId: null, assigneeDepartment: null } };
  }
  return { label: `部门 ${to.name}`, set: { assigneeType: 'department', assigneeDepartment: to.name, assigneeUserId: null, assigneeBranchId: null } };
}

/**
 * Takes one workflow step on an opinion: checks who may (staff of its complex or its submitter),
 * asks the state machine whether the step is legal (409 invalid_transition otherwise), writes the
 * new status, the timeline event, the audit entry and the in-app notice in one transaction with
 * the opinion row locked, and sends the WeChat subscribe message after the commit.
 */
export async function takeAction(deps: Deps, user: AuthUser, opinionId: number, input: ActionInput, facts: RequestFacts): Promise<{ status: OpinionStatus }> {
  const action: OpinionAction = input.action;
  const actor = actorFor(action);
  const now = deps.clock.now();
  const result = await withTx(deps.db, async (tx) => {
    const { opinion: o, viewer } = await loadVisibleOpinion(tx, user, opinionId);
    if (actor === 'staff' && viewer !== 'staff') throw forbidden('只有该民生综合体的工作人员可以办理');
    // The submitter evaluates, even when they also work for the complex.
    if (actor === 'submitter' && o.userId !== user.id) throw forbidden('只有提出意见的居民可以评价');
    const [locked] = await tx.select().from(opinions).where(eq(opinions.id, opinionId)).for('update');
    const rating = input.action === 'evaluate' ? input.rating : undefined;
    const s = step({ status: locked.status, reopenCount: locked.reopenCount }, action, actor, rating);
    if (!s.ok) {
      throw conflict('invalid_transition', `当前状态「${OPINION_STATUS_LABELS[locked.status]}」不能执行该操作`, { status: locked.status, action });
    }
    const set: Partial<OpinionRow> = { status: s.to };
    let note = '';
    let eventAction: string = action;
    switch (input.action) {
      case 'release':
        set.heldReason = null;
        note = input.note ?? '';
        break;
      case 'block':
      case 'reject':
        set.rejectReason = input.reason;
        if (input.action === 'reject') set.closedAt = now;
        note = input.reason;
        break;
      case 'accept':
        set.acceptedAt = now;
        set.replyDueAt = replyDueAt(now);
        note = input.note ?? '';
        break;
      case 'assign': {
        const a = await describeAssignee(tx, o, input.to);
        Object.assign(set, a.set);
        note = `交办给${a.label}${input.note ? `：${input.note}` : ''}`;
        break;
      }
      case 'start':
        note = input.note ?? '';
        break;
      case 'reply':
        set.reply = input.reply;
        set.repliedAt = now;
        note = input.reply;
        break;
      case 'evaluate':
        if (input.comment && findSensitiveWord(input.comment)) {
          throw validationFailed({ comment: '含有不适宜发布的内容' });
        }
        set.rating = input.rating;
        set.ratingComment = input.comment ?? null;
        note = `${OPINION_RATING_LABELS[input.rating]}${input.comment ? `：${input.comment}` : ''}`;
        if (s.reopened) {
          eventAction = 'reopen';
          set.reopenCount = locked.reopenCount + 1;
          set.replyDueAt = replyDueAt(now);
          set.repliedAt = null;
        } else {
          set.closedAt = now;
        }
        break;
    }
    await tx.update(opinions).set(set).where(eq(opinions.id, opinionId));
    await tx.insert(opinionEvents).values({ opinionId, actorId: user.id, action: eventAction, fromStatus: locked.status, toStatus: s.to, note: note.slice(0, 1000), createdAt: now });
    if (actor === 'staff') {
      await audit(tx, { actorId: user.id, action: `opinion.${action}`, targetType: 'opinion', targetId: opinionId, detail: { from: locked.status, to: s.to, note: note.slice(0, 200) }, ...facts });
    }
    const n: OpinionNotice = { userId: o.userId, opinionId, title: o.title, status: s.to, note, at: now };
    if (actor === 'staff') await noticeInApp(tx, n);
    else if (s.reopened) {
      // The answer came back: tell the complex's workers, the reply clock runs again.
      const staff = await tx.select({ id: staffComplexes.userId }).from(staffComplexes).where(eq(staffComplexes.complexId, o.complexId));
      await notify(tx, staff.map((x) => x.id), { kind: 'opinion_inbox', title: `居民对答复不满意，需重新办理：${o.title}`, body: note, link: opinionLink(opinionId) });
    }
    return { status: s.to, notice: actor === 'staff' ? n : null };
  });
  if (result.notice) void noticeWechat(deps, result.notice);
  return { status: result.status };
}
