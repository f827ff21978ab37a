import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { Deps } from '../../deps';
import type { DbOrTx } from '../../db/client';
import { OPINION_STATUS_LABELS, type OpinionStatus } from '../../../../shared/opinions';
import { notify } from '../notifications/notify';
import { sendSubscribed } from '../notifications/subscribe';

dayjs.extend(utc);
dayjs.extend(timezone);

export const opinionLink = (id: number) => `/packages/roundtable/pages/detail/index?id=${id}`;
/** The workers' opinion inbox (意见工作台). */
export const OPINION_INBOX_PAGE = '/packages/opiniondesk/pages/inbox/index';

export interface OpinionNotice {
  userId: number;
  opinionId: number;
  title: string;
  status: OpinionStatus;
  /** one line on what happened: the reason, the answer, who it went to */
  note: string;
  at: Date;
}

/** The in-app message, written in the transaction of the step it reports. */
export async function noticeInApp(tx: DbOrTx, n: OpinionNotice): Promise<void> {
  await notify(tx, n.userId, {
    kind: 'opinion',
    title: `您的意见「${n.title}」${OPINION_STATUS_LABELS[n.status]}`,
    body: n.note,
    link: opinionLink(n.opinionId),
  });
}

/**
 * The WeChat subscribe message (template WECHAT_TPL_OPINION: thing1 title, phrase2 status,
 * thing3 note, time4 time), sent after the commit; fitSubscribeData cuts each value to its limit.
 */
export function noticeWechat(deps: Pick<Deps, 'db' | 'wechat' | 'logger' | 'config'>, n: OpinionNotice) {
  return sendSubscribed(deps, n.userId, deps.config.WECHAT_TPL_OPINION, {
    page: opinionLink(n.opinionId).replace(/^\//, ''),
    data: {
      thing1: n.title,
      phrase2: OPINION_STATUS_LABELS[n.status],
      thing3: n.note || OPINION_STATUS_LABELS[n.status],
      time4: dayjs(n.at).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm'),
    },
  });
}
