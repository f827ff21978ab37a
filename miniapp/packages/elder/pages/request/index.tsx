import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { aria } from '../../../../a11y';
import { careApi, type CareDetail } from '../../../../api/care';
import ActionButton from '../../../../components/ActionButton';
import Hotline from '../../../../components/Hotline';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useSessionGate } from '../../../../session';
import { formatDateTime } from '../../../../time';
import { stars } from '../../components/format';
import './index.scss';

const CANCEL_REASONS = ['不需要了', '家人已经处理', '时间不合适'];

/** A care request's progress: status, timeline, and — for the senior — cancel or rate. */
export default function CareRequestPage() {
  useSessionGate();
  const { params } = useRouter();
  const id = Number(params.id);
  const [r, setR] = useState<CareDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');

  const load = useCallback(async () => {
    setError(null);
    try {
      setR(await careApi.get(id));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [id]);

  useDidShow(() => {
    if (id > 0) load();
    else setError('没有找到这个申请');
  });
  usePullDownRefresh(() => {
    load().finally(() => Taro.stopPullDownRefresh());
  });

  const cancel = async (reason: string) => {
    try {
      setR(await careApi.cancel(id, reason));
      setCancelling(false);
    } catch {
      /* toast shown */
    }
  };
  const rate = async () => {
    try {
      const out = await careApi.rate(id, rating, comment.trim());
      setR(out);
      Taro.showToast({ title: out.pointsEarned ? `感谢评价，积分 +${out.pointsEarned}` : '感谢评价', icon: 'none' });
    } catch {
      /* toast shown */
    }
  };

  if (!r) {
    return (
      <PageShell className="xfh-elder">
        <StatusView loading={!error} error={error} onRetry={id > 0 ? load : undefined} />
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
