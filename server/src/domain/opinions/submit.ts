import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { withTx } from '../../db/client';
import { complexes, opinionEvents, opinions, staffComplexes, users } from '../../db/schema';
import { appError, notFound } from '../../errors';
import type { AuthUser } from '../access/actor';
import type { OpinionCategory, OpinionStatus, OpinionVisibility } from '../../../../shared/opinions';
import { notify } from '../notifications/notify';
import { checkContent } from './contentCheck';
import { acceptDueAt } from './deadlines';
import { OPINION_INBOX_PAGE, noticeInApp, opinionLink } from './notices';

export interface SubmitInput {
  category: OpinionCategory;
  title: string;
  content: string;
  complexId: number;
  visibility: OpinionVisibility;
}

const contentRejected = () =>
  appError(422, 'content_rejected', '内容未通过安全检查，请修改后再提交', { fields: { content: '含有不适宜发布的内容' } });

/**
 * Submits an opinion. The content check runs first and nothing is written for rejected text;
 * text WeChat wants a person to look at, or could not check, is kept as pending_review (not
 * public) for a worker of the complex. The accept deadline starts now either way.
 */
export async function submitOpinion(deps: Deps, user: AuthUser, input: SubmitInput): Promise<{ id: number; status: OpinionStatus }> {
  const [complex] = await deps.db.select({ id: complexes.id, name: complexes.name }).from(complexes).where(eq(complexes.id, input.complexId));
  if (!complex) throw notFound('民生综合体不存在');
  const [me] = await deps.db.select({ openid: users.openid }).from(users).where(eq(users.id, user.id));
  const verdict = await checkContent(deps, { openid: me?.openid ?? null, title: input.title, content: input.content });
  if (verdict.verdict === 'reject') {
    deps.logger.info({ userId: user.id, source: verdict.source, label: verdict.label }, 'opinion refused by the content check');
    throw contentRejected();
  }
  const now = deps.clock.now();
  const held = verdict.verdict === 'hold';
  const status = held ? 'pending_review' : 'submitted';
  const id = await withTx(deps.db, async (tx) => {
    const [{ id }] = await tx
      .insert(opinions)
      .values({
        userId: user.id,
        complexId: input.complexId,
        category: input.category,
        title: input.title,
        content: input.content,
        visibility: input.visibility,
        status,
        heldReason: held ? verdict.reason : null,
        submittedAt: now,
        acceptDueAt: acceptDueAt(now),
        createdAt: now,
      })
      .$returningId();
    await tx.insert(opinionEvents).values({ opinionId: id, actorId: user.id, action: held ? 'hold' : 'submit', toStatus: status, createdAt: now });
    await noticeInApp(tx, {
      userId: user.id,
      opinionId: id,
      title: input.title,
      status,
      note: held ? '内容需人工审核，审核通过后进入受理流程' : '请耐心等待社区工作人员受理',
      at: now,
    });
    const staff = await tx.select({ id: staffComplexes.userId }).from(staffComplexes).where(eq(staffComplexes.complexId, input.complexId));
    await notify(
      tx,
      staff.map((s) => s.id),
      {
        kind: 'opinion_inbox',
        title: held ? `有一条意见待内容审核：${input.title}` : `收到新的居民意见：${input.title}`,
        body: complex.name,
        link: opinionLink(id),
        // 300 opinions from one account are one unread line in a worker's inbox, not 300
        fold: { key: `opinion_inbox:${input.complexId}`, counted: ` 条新意见（${complex.name}）`, link: OPINION_INBOX_PAGE },
      },
    );
    return id;
  });
  // No WeChat message for the submission itself: the one-time allowance the resident just gave
  // is kept for news they are waiting for (受理, 答复).
  return { id, status };
}
