import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../deps';
import type { DbOrTx } from '../../db/client';
import { projectNotices } from '../../db/schema';
import { notify } from '../notifications/notify';
import { sendSubscribed } from '../notifications/subscribe';
import { formatShanghai } from '../time/shanghai';
import { followerIds, projectLink } from './queries';

export interface ProjectNotice {
  projectId: number;
  projectTitle: string;
  /** once per follower per key: m:<milestoneId>, done, shelved, u:<YYYY-MM-DD> */
  key: string;
  title: string;
  body: string;
  /** short status phrase for the subscribe message */
  phrase: string;
}

export interface Told {
  userIds: number[];
  notice: ProjectNotice;
  at: Date;
}

/**
 * Tells the project's followers once per key (the project row is locked by the caller, and the
 * (project, user, key) primary key backs it): in-app now, inside the transaction; the WeChat
 * subscribe messages go after the commit with `sendToldWechat`.
 */
export async function tellFollowers(tx: DbOrTx, n: ProjectNotice, now: Date): Promise<Told> {
  const all = await followerIds(tx, n.projectId);
  if (!all.length) return { userIds: [], notice: n, at: now };
  const already = await tx
    .select({ u: projectNotices.userId })
    .from(projectNotices)
    .where(and(eq(projectNotices.projectId, n.projectId), eq(projectNotices.noticeKey, n.key), inArray(projectNotices.userId, all)));
  const told = new Set(already.map((r) => r.u));
  const fresh = all.filter((u) => !told.has(u));
  if (!fresh.length) return { userIds: [], notice: n, at: now };
  await tx.insert(projectNotices).values(fresh.map((userId) => ({ projectId: n.projectId, userId, noticeKey: n.key, createdAt: now })));
  await notify(tx, fresh, { kind: 'project', title: n.title, body: n.body, link: projectLink(n.projectId) });
  return { userIds: fresh, notice: n, at: now };
}

/**
 * The subscribe message (template WECHAT_TPL_PROJECT: thing1 project, phrase2 status, thing3
 * what happened, time4 time) to those told who allowed one. Never throws.
 */
export function sendToldWechat(deps: Pick<Deps, 'db' | 'wechat' | 'logger' | 'config'>, told: Told | null) {
  if (!told) return;
  for (const userId of told.userIds) {
    void sendSubscribed(deps, userId, deps.config.WECHAT_TPL_PROJECT, {
      page: projectLink(told.notice.projectId).replace(/^\//, ''),
      data: { thing1: told.notice.projectTitle, phrase2: told.notice.phrase, thing3: told.notice.body, time4: formatShanghai(told.at).replace(/年|月/g, '-').replace('日', '') },
    });
  }
}
