import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../../../a11y';
import { careApi } from '../../../../api/care';
import ActionButton from '../../../../components/ActionButton';
import Hotline from '../../../../components/Hotline';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useSessionGate } from '../../../../session';
import { formatDateTime } from '../../../../time';
import { stars } from '../../components/format';
import './index.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const CANCEL_REASONS = ['不需要了', '家人已经处理', '时间不合适'];

/** A care request's progress: status, timeline, and — for the senior — cancel or rate. */
export default function CareRequestPage() {
  useSessionGate();
  const { params } = useRouter();
  const id = Number(params.id);
  const [cancelling, setCancelling] = useState(false);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const { data: r, error, reload: load, setData: setR } = useRemote(id > 0, () => careApi.get(id), [id], { pullDown: true });
  const [, run] = useAction();

  const cancel = (reason: string) =>
    run(async () => {
      setR(await careApi.cancel(id, reason));
      setCancelling(false);
    }, null);
  const rate = () =>
    run(
      async () => {
        const out = await careApi.rate(id, rating, comment.trim());
        setR(out);
        return out;
      },
      (out) => (out.pointsEarned ? `感谢评价，积分 +${out.pointsEarned}` : '感谢评价'),
      { plain: true },
    );

  if (!r) {
    return (
      <PageShell className="xfh-elder">
        <StatusView loading={id > 0 && !error} error={id > 0 ? error : '没有找到这个申请'} onRetry={id > 0 ? load : undefined} />
      </PageShell>
    );
  }

  return (
    <PageShell className="xfh-elder xfh-care-request">
      <View className="xfh-card">
        <Text className="xfh-heading">{r.kindLabel}</Text>
        <Text className="xfh-care-request__status" id="request-status" {...aria('status')}>
          {r.statusLabel}
        </Text>
        {r.flagged && <Text className="xfh-error">已通知综合体加急处理</Text>}
        <Text>{`地址：${r.address}`}</Text>
        <Text>{`电话：${r.phone ?? '未留电话'}`}</Text>
        <Text>{`综合体：${r.complexName}`}</Text>
        {r.assignee && <Text>{`服务人员：${r.assignee.nickname}`}</Text>}
        {r.onBehalf && <Text className="xfh-muted">{`${r.requestedBy.nickname}代为申请`}</Text>}
        {r.cancelReason && <Text className="xfh-muted">{`取消原因：${r.cancelReason}`}</Text>}
      </View>

      {r.hotline && r.status !== 'completed' && r.status !== 'cancelled' && <Hotline phone={r.hotline} label="联系综合体" />}

      {r.can.rate && (
        <View className="xfh-card xfh-care-request__rate" id="request-rate">
          <Text className="xfh-section-title">服务怎么样？</Text>
          <View className="xfh-care-request__stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <Text
                key={n}
                id={`rate-${n}`}
                className={`xfh-care-request__star${n <= rating ? ' xfh-care-request__star--on' : ''}`}
                onClick={() => setRating(n)}
                {...aria('radio', { checked: n === rating, label: `${n} 分` })}
              >
                {n <= rating ? '★' : '☆'}
              </Text>
            ))}
          </View>
          <Input className="xfh-care-request__input" value={comment} maxlength={300} placeholder="想说点什么（可不填）" onInput={(e) => setComment(e.detail.value)} />
          <ActionButton disabled={rating === 0} onClick={rate}>
            提交评价
          </ActionButton>
        </View>
      )}
      {r.rating !== null && (
        <View className="xfh-card">
          <Text>{`我的评价：${stars(r.rating)}`}</Text>
          {r.ratingComment && <Text className="xfh-muted">{r.ratingComment}</Text>}
        </View>
      )}

      <Text className="xfh-section-title">进度</Text>
      <View className="xfh-card" id="request-timeline">
        {r.timeline.map((e, i) => (
          <View key={i} className="xfh-care-request__event">
            <Text className="xfh-care-request__event-status">{e.statusLabel}</Text>
            <Text className="xfh-muted">{`${formatDateTime(e.at)} · ${e.actor.nickname}${e.onBehalf ? '（代办）' : ''}${e.note ? ` · ${e.note}` : ''}`}</Text>
          </View>
        ))}
      </View>

      {r.can.cancel &&
        (cancelling ? (
          <View className="xfh-card">
            <Text className="xfh-section-title">为什么取消？</Text>
            {CANCEL_REASONS.map((reason) => (
              <ActionButton key={reason} variant="secondary" onClick={() => cancel(reason)}>
                {reason}
              </ActionButton>
            ))}
            <ActionButton variant="secondary" onClick={() => setCancelling(false)}>
              不取消了
            </ActionButton>
          </View>
        ) : (
          <ActionButton variant="danger" id="request-cancel" onClick={() => setCancelling(true)}>
            取消申请
          </ActionButton>
        ))}
    </PageShell>
  );
}
