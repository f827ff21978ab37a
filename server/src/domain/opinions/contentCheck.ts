import type { Deps } from '../../deps';
import { WechatError } from '../../integrations/wechat/client';
import { findSensitiveWord } from './sensitiveWords';

export type ContentVerdict =
  | { verdict: 'pass' }
  /** keep it, but only as pending_review until a worker releases it */
  | { verdict: 'hold'; reason: 'wechat_review' | 'wechat_unavailable' | 'no_openid' }
  /** refuse it: nothing is stored */
  | { verdict: 'reject'; source: 'word_list' | 'wechat'; label?: number };

/**
 * The content check that runs before an opinion is stored: our own word list, then WeChat's
 * msg_sec_check v2 (scene 3, forum post).
 *
 * WeChat wants the openid of a user who opened the mini-program within the last 2 hours, so
 * accounts without an openid cannot be checked there. Rather than send a made-up openid (WeChat
 * answers 40003 and the check would be theatre), such text is held for a worker — except when
 * DEV_LOGIN is on (development and tests only, never production), where dev-login accounts get the
 * word list alone so local work is not blocked. A WeChat failure or timeout holds the text as
 * pending_review: it is never lost and never published unchecked.
 */
export async function checkContent(
  deps: Pick<Deps, 'wechat' | 'logger' | 'config'>,
  input: { openid: string | null; title: string; content: string },
): Promise<ContentVerdict> {
  if (findSensitiveWord(`${input.title}\n${input.content}`)) return { verdict: 'reject', source: 'word_list' };
  if (!input.openid) {
    return deps.config.DEV_LOGIN && deps.config.NODE_ENV !== 'production' ? { verdict: 'pass' } : { verdict: 'hold', reason: 'no_openid' };
  }
  try {
    const r = await deps.wechat.msgSecCheck({ openid: input.openid, title: input.title, content: input.content, scene: 3 });
    if (r.suggest === 'risky') return { verdict: 'reject', source: 'wechat', label: r.label };
    if (r.suggest === 'review') return { verdict: 'hold', reason: 'wechat_review' };
    return { verdict: 'pass' };
  } catch (e) {
    deps.logger.warn({ err: e instanceof WechatError ? { errcode: e.errcode, errmsg: e.errmsg } : String(e) }, 'msg_sec_check failed: opinion held for review');
    return { verdict: 'hold', reason: 'wechat_unavailable' };
  }
}
