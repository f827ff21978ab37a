import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Deps } from '../../deps';
import { users, wechatSubscriptions } from '../../db/schema';
import { WechatError } from '../../integrations/wechat/client';
import { consentWithdrawn } from '../privacy/consentLog';

export type SubscribeOutcome = 'sent' | 'disabled' | 'no_openid' | 'not_subscribed' | 'failed';

/** Records the templates a user just allowed in wx.requestSubscribeMessage: one send each. */
export async function recordSubscriptions(deps: Pick<Deps, 'db'>, userId: number, templateIds: string[]): Promise<void> {
  // withdrawn in 设置: WeChat may still say "accept", but we send nothing until it is granted again
  if (await consentWithdrawn(deps.db, userId, 'subscribe')) return;
  for (const templateId of new Set(templateIds)) {
    await deps.db
      .insert(wechatSubscriptions)
      .values({ userId, templateId, remaining: 1 })
      .onDuplicateKeyUpdate({ set: { remaining: sql`LEAST(${wechatSubscriptions.remaining} + 1, 50)` } });
  }
}

/** How many more messages of each template the user allowed. */
export async function subscriptionsOf(db: DbOrTx, userId: number, templateIds: string[]): Promise<Map<string, number>> {
  if (templateIds.length === 0) return new Map();
  const rows = await db
    .select({ templateId: wechatSubscriptions.templateId, remaining: wechatSubscriptions.remaining })
    .from(wechatSubscriptions)
    .where(and(eq(wechatSubscriptions.userId, userId), inArray(wechatSubscriptions.templateId, templateIds)));
  return new Map(rows.map((r) => [r.templateId, r.remaining]));
}

/**
 * Sends a WeChat subscribe message if the user allowed one for this template, spending that
 * allowance with a conditional UPDATE so two steps at once cannot both use it. Call it after the
 * transaction committed: it never throws, failures are logged, the action they report stands.
 */
export async function sendSubscribed(
  deps: Pick<Deps, 'db' | 'wechat' | 'logger'>,
  userId: number,
  templateId: string,
  message: { page: string; data: Record<string, string> },
): Promise<SubscribeOutcome> {
  if (!templateId) return 'disabled';
  try {
    const [u] = await deps.db.select({ openid: users.openid }).from(users).where(eq(users.id, userId));
    if (!u?.openid) return 'no_openid';
    const key = and(eq(wechatSubscriptions.userId, userId), eq(wechatSubscriptions.templateId, templateId));
    const [res] = await deps.db
      .update(wechatSubscriptions)
      .set({ remaining: sql`${wechatSubscriptions.remaining} - 1` })
      .where(and(key, gt(wechatSubscriptions.remaining, 0)));
    if ((res as { affectedRows: number }).affectedRows === 0) return 'not_subscribed';
    try {
      await deps.wechat.sendSubscribeMessage({ touser: u.openid, templateId, page: message.page, data: message.data });
      return 'sent';
    } catch (e) {
      const errcode = e instanceof WechatError ? e.errcode : -1;
      deps.logger.warn({ userId, templateId, errcode }, 'subscribe message not sent');
      // 43101: the user withdrew consent, nothing left to spend. Network trouble: give it back.
      if (errcode === 43101) await deps.db.update(wechatSubscriptions).set({ remaining: 0 }).where(key);
      else if (errcode === -1) await deps.db.update(wechatSubscriptions).set({ remaining: sql`${wechatSubscriptions.remaining} + 1` }).where(key);
      return 'failed';
    }
  } catch (e) {
    deps.logger.error({ err: e, userId, templateId }, 'subscribe message bookkeeping failed');
    return 'failed';
  }
}
