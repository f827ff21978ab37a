import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';

export interface Notice {
  kind: string;
  title: string;
  body?: string;
  /** mini-program route to open, e.g. /packages/booking/pages/detail/index?id=3 */
  link?: string;
  /**
   * Fold repeats into one unread message: while the user has not read the last one of this
   * stream, a new notice adds to it instead of adding a row. The title becomes
   * `${count}${counted}` (e.g. "3 条新意见"), the body this notice's title, the link `link`.
   */
  fold?: { key: string; counted: string; link?: string };
}

const cut = (s: string, n: number) => (Array.from(s).length > n ? Array.from(s).slice(0, n - 1).join('') + '…' : s);

/** Puts a message in the in-app message centre (消息中心) of each user, in the caller's transaction. */
export async function notify(db: DbOrTx, userIds: number | number[], n: Notice): Promise<void> {
  const ids = Array.isArray(userIds) ? [...new Set(userIds)] : [userIds];
  if (ids.length === 0) return;
  if (!n.fold) {
    await db.insert(notifications).values(
      ids.map((userId) => ({ userId, kind: n.kind, title: cut(n.title, 100), body: cut(n.body ?? '', 500), link: n.link ?? null })),
    );
    return;
  }
  // One unread row per (user, stream): the unique (user_id, open_fold_key) turns a repeat into an
  // update of that row, also when many notices arrive at once. The title is written before the
  // count moves, so it reads fold_count + 1.
  const body = cut(`最新：${n.title}`, 500);
  const link = n.fold.link ?? n.link ?? null;
  await db
    .insert(notifications)
    .values(ids.map((userId) => ({ userId, kind: n.kind, title: cut(n.title, 100), body: cut(n.body ?? '', 500), link: n.link ?? null, foldKey: n.fold!.key })))
    .onDuplicateKeyUpdate({
      set: {
        title: sql`concat(${notifications.foldCount} + 1, ${cut(n.fold.counted, 60)})`,
        body: sql`${body}`,
        link: sql`${link}`,
        foldCount: sql`${notifications.foldCount} + 1`,
      },
    });
}
