import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notifications } from '../../db/schema';
import { notFound } from '../../errors';

/** One page of the caller's message centre (newest first, keyset on id) and the unread count. */
export async function notificationsPage(db: DbOrTx, userId: number, q: { cursor?: number; limit: number; unreadOnly: boolean }) {
  const conds = [eq(notifications.userId, userId)];
  if (q.cursor) conds.push(lt(notifications.id, q.cursor));
  if (q.unreadOnly) conds.push(isNull(notifications.readAt));
  const rows = await db
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.id))
    .limit(q.limit + 1);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, read: r.readAt !== null, createdAt: r.createdAt.toISOString() })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id : null,
    unreadCount: Number(n),
  };
}

/** Marks every unread message of the caller read; returns how many. */
export async function markAllRead(db: DbOrTx, userId: number, now: Date): Promise<number> {
  const [res] = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return (res as { affectedRows: number }).affectedRows;
}

/** Marks one of the caller's messages read (again is fine); someone else's or none → 404. */
export async function markRead(db: DbOrTx, userId: number, id: number, now: Date): Promise<void> {
  const mine = and(eq(notifications.id, id), eq(notifications.userId, userId));
  const [res] = await db.update(notifications).set({ readAt: now }).where(mine);
  if ((res as { affectedRows: number }).affectedRows > 0) return;
  const [row] = await db.select({ id: notifications.id }).from(notifications).where(mine);
  if (!row) throw notFound('消息不存在');
}
