import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../../../a11y';
import { helpingApi, type HelpRequestView } from '../../../../api/helping';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatRange } from '../../../../time';
import { formatDistance } from '../../../../format';
import { useSessionGate } from '../../../../session';
import '../../styles.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

/**
 * One request: what, when, where (roughly, or exactly for the two sides once matched), and the
 * buttons the server says the caller may press now — take, confirm the helper, done, cancel,
 * dispute, a worker's decision, and the rating afterwards.
 */
export default function HelpDetailPage() {
  useSessionGate();
  const { params } = useRouter();
  const id = Number(params.id);
  const { data: r, error, reload: load, setData: setR } = useRemote(id > 0, () => helpingApi.get(id), [id], { pullDown: true });
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<'pay_helper' | 'refund' | 'refund_no_show' | null>(null);
  const [note, setNote] = useState('');
  const [busy, act] = useAction();

  // an answer with the request's actions replaces what is shown; anything else reloads
  const run = (fn: () => Promise<HelpRequestView | unknown>, done: string) =>
    !busy &&
    act(fn, done, {
      then: async (out) => {
        if (out && typeof out === 'object' && 'actions' in out) setR(out as HelpRequestView);
        else await load();
      },
    });
  const confirmCancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消求助',
      content: r?.status === 'matched' ? '已确认帮手，需要对方也同意才能取消。确定申请取消吗？' : '确定取消吗？占用的积分会退回。',
      confirmText: '确定',
      cancelText: '再想想',
    });
    if (confirm) run(() => helpingApi.cancel(id), r?.status === 'matched' ? '已申请取消' : '已取消');
  };

  if (!r) {
    return (
      <PageShell className="xfh-help">
        <StatusView loading={id > 0 && !error} error={id > 0 ? error : '没有找到这条求助'} onRetry={id > 0 ? load : undefined} />
      </PageShell>
    );
  }
  const can = (a: HelpRequestView['actions'][number]) => r.actions.includes(a);

  return (
    <PageShell className="xfh-help">
      <View className="xfh-card xfh-help__card">
        <View className="xfh-help__head">
          <Text className="xfh-help__tag">{r.categoryLabel}</Text>
          <Text className="xfh-help__points">{`${r.points} 积分`}</Text>
        </View>
        <Text className="xfh-heading">{r.title}</Text>
        <Text className="xfh-help__status" id="help-status" {...aria('status')}>{r.statusLabel}</Text>
        {r.detail && r.detail !== r.title && <Text>{r.detail}</Text>}
        <Text>{`时间：${formatRange(r.from, r.to)}`}</Text>
        <Text id="help-place">{r.address ? `地址：${r.address}` : `大致位置：${r.roughPlace}${r.distanceM != null ? `（约 ${formatDistance(r.distanceM)}）` : ''}`}</Text>
        {!r.address && r.side === 'other' && <Text className="xfh-muted">确认帮手后才显示详细地址和联系方式</Text>}
        <Text>{`综合体：${r.complexName}`}</Text>
        <Text>{`求助人：${r.requester.name}${r.postedByFamily ? '（家人代为发布）' : ''}`}</Text>
        {r.helper && <Text id="help-helper">{`帮手：${r.helper.name}`}</Text>}
        {r.contact && <Text id="help-contact">{`联系：${r.contact.name}${r.contact.phoneMasked ? ` ${r.contact.phoneMasked}` : ''}`}</Text>}
        {r.cancelAsked === 'by_other' && <Text className="xfh-error">对方申请取消，您同意的话请点“同意取消”</Text>}
        {r.cancelAsked === 'by_me' && <Text className="xfh-muted">已申请取消，等待对方同意</Text>}
        {r.dispute && <Text className="xfh-muted">{`争议：${r.dispute.reason}${r.dispute.note ? `；处理：${r.dispute.note}` : ''}`}</Text>}
      </View>

      {can('take') && <ActionButton id="help-take" loading={busy} onClick={() => run(() => helpingApi.take(id), '已接单，等待对方确认')}>我来帮忙</ActionButton>}
      {can('confirm_match') && <ActionButton id="help-confirm-match" loading={busy} onClick={() => run(() => helpingApi.confirmMatch(id), '已确认帮手')}>{`确认由${r.helper?.name ?? '这位邻居'}帮忙`}</ActionButton>}
      {can('decline_match') && <ActionButton id="help-decline" variant="secondary" onClick={() => run(() => helpingApi.declineMatch(id), '已另找帮手')}>换一位帮手</ActionButton>}
      {can('done') && <ActionButton id="help-done" loading={busy} onClick={() => run(() => helpingApi.done(id), '积分已转给帮手')}>已经帮完了，确认完成</ActionButton>}

      {can('rate') && (
        <View className="xfh-card" id="help-rate">
          <Text className="xfh-section-title">{r.side === 'helper' ? '评价求助人' : '评价帮手'}</Text>
          <View className="xfh-help__stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <Text key={n} id={`help-star-${n}`} className={`xfh-help__star${n <= stars ? ' xfh-help__star--on' : ''}`} onClick={() => setStars(n)} {...aria('radio', { checked: n === stars, label: `${n} 星` })}>
                {n <= stars ? '★' : '☆'}
              </Text>
            ))}
          </View>
          <FormField id="help-rate-comment" label="想说点什么（可不填）" value={comment} onInput={setComment} maxlength={200} />
          <ActionButton id="help-rate-submit" disabled={stars === 0} loading={busy} onClick={() => run(() => helpingApi.rate(id, stars, comment.trim()), '感谢评价')}>提交评价</ActionButton>
        </View>
      )}
      {r.myRating && (
        <View className="xfh-card" id="help-my-rating">
          <Text>{`我的评价：${'★'.repeat(r.myRating.stars)}${'☆'.repeat(5 - r.myRating.stars)}`}</Text>
          {r.myRating.comment && <Text className="xfh-muted">{r.myRating.comment}</Text>}
        </View>
      )}

      {can('decide') && (
        <View className="xfh-card" id="help-decide">
          <Text className="xfh-section-title">处理争议</Text>
          <ChoiceChips
            id="help-decision"
            label="处理结果"
            options={[
              { value: 'pay_helper', label: '积分给帮手' },
              { value: 'refund', label: '积分退回求助人' },
              { value: 'refund_no_show', label: '帮手未到场，退回' },
            ]}
            value={decision}
            onChange={setDecision}
          />
          <FormField id="help-decide-note" label="处理理由（必填）" value={note} onInput={setNote} maxlength={300} multiline />
          <ActionButton
            id="help-decide-submit"
            disabled={!decision || note.trim().length < 4}
            loading={busy}
            onClick={() => run(() => helpingApi.decide(id, { decision: decision === 'pay_helper' ? 'pay_helper' : 'refund', note: note.trim(), helperNoShow: decision === 'refund_no_show' }), '已处理')}
          >
            提交处理结果
          </ActionButton>
        </View>
      )}

      {can('dispute') &&
        (disputing ? (
          <View className="xfh-card">
            <FormField id="help-dispute-reason" label="发生了什么？工作人员会联系双方" value={reason} onInput={setReason} maxlength={300} multiline />
            <ActionButton id="help-dispute-submit" disabled={reason.trim().length < 4} onClick={() => run(() => helpingApi.dispute(id, reason.trim()), '已提交工作人员')}>提交</ActionButton>
            <ActionButton variant="secondary" onClick={() => setDisputing(false)}>不提交了</ActionButton>
          </View>
        ) : (
          <ActionButton id="help-dispute" variant="secondary" onClick={() => setDisputing(true)}>有问题，请工作人员处理</ActionButton>
        ))}
      {can('cancel') && (
        <ActionButton id="help-cancel" variant="danger" onClick={confirmCancel}>
          {r.cancelAsked === 'by_other' ? '同意取消' : r.side === 'helper' && r.status === 'taken' ? '我不接了' : '取消求助'}
        </ActionButton>
      )}
    </PageShell>
  );
}
