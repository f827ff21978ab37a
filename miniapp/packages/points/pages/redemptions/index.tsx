import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { REDEMPTION_STATUS_LABELS } from '@shared/volunteer';
import { pointsApi } from '../../../../api/points';
import { aria } from '../../../../a11y';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';

/** 我的兑换: each redemption with its status; pending ones show their code. */
export default function RedemptionsPage() {
  useSessionGate();
  const { data, error, reload: load } = useRemote(true, () => pointsApi.myRedemptions());
  const items = data?.items ?? null;
  return (
    <PageShell>
      <Text className="xfh-heading">我的兑换</Text>
      <StatusView loading={!items && !error} error={error} onRetry={load} empty={items?.length === 0 ? '还没有兑换记录' : null} />
      {items?.map((r) => (
        <View key={r.id} className="xfh-card xfh-vp-item" {...aria('link', { label: `${r.rewardName}，${REDEMPTION_STATUS_LABELS[r.status]}` })} onClick={() => Taro.navigateTo({ url: ROUTES.redemption(r.id) })}>
          <View className="xfh-vp-item__head">
            <Text className="xfh-vp-item__title">{r.rewardName}</Text>
            <Text className={`xfh-vp-status ${r.status === 'pending' ? 'xfh-vp-status--warn' : ''}`}>{REDEMPTION_STATUS_LABELS[r.status]}</Text>
          </View>
          <Text className="xfh-muted">{r.complexName} · {r.pointsCost} 积分 · {formatDateTime(r.createdAt)}</Text>
          {r.shortCode && <Text>兑换码 {r.shortCode}</Text>}
        </View>
      ))}
    </PageShell>
  );
}
