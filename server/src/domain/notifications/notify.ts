import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';

export interface Notice {
  kind: string;
  title: string;
  body?: string;
  /** mini-program route to open, e.g. /packages/booking/pages/detail/index?id=3 */
  link?: string;
}

const cut = (s: string, n: number) => (Array.from(s).length > n ? Array.from(s).slice(0, n - 1).join('') + '…' : s);

/** Puts a message in the in-app message centre (消息中心) of each user, in the caller's transaction. */
export async function notify(db: DbOrTx, userIds: number | number[], n: Notice): Promise<void> {
  const ids = Array.isArray(userIds) ? [...new Set(userIds)] : [userIds];
  if (ids.length === 0) return;
  await db.insert(notifications).values(
    ids.map((userId) => ({ userId, kind: n.kind, title: cut(n.title, 100), body: cut(n.body ?? '', 500), link: n.link ?? null })),
  );
}
