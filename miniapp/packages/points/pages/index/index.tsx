import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { pointsApi } from '../../../../api/points';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import '../../styles.scss';
import { usePagedRemote } from '../../../../refresh';

/** 我的积分: the balance, where to spend it, and every entry with its reason. */
export default function PointsHome() {
  useSessionGate();
  const { items: list, page, error, reload, hasMore, loadMore } = usePagedRemote(true, (cursor?: string) => pointsApi.mine(cursor));
  const balance = page?.balance ?? null;
  const held = page?.held ?? 0;
  const items = list ?? [];

  return (
    <PageShell>
      <View className="xfh-card xfh-vp-stat">
        <Text className="xfh-muted">幸福荟积分</Text>
        <Text className="xfh-vp-stat__value" id="points-balance">{balance ?? '-'}</Text>
        {held > 0 && <Text className="xfh-muted" id="points-held">{`其中 ${held} 分被互助求助占用，可用 ${(balance ?? 0) - held} 分`}</Text>}
      </View>
      <View className="xfh-vp-actions">
        <ActionButton id="go-rewards" onClick={() => Taro.navigateTo({ url: ROUTES.rewards })}>积分兑换</ActionButton>
        <ActionButton id="go-redemptions" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.redemptions })}>我的兑换</ActionButton>
      </View>
      <View className="xfh-vp-actions">
        <ActionButton id="go-transfer" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.pointsTransfer })}>转赠家人 / 至善池</ActionButton>
        <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.leaderboard })}>月度排行榜</ActionButton>
      </View>

      <Text className="xfh-section-title">积分明细</Text>
      <StatusView loading={balance === null && !error} error={error} onRetry={reload} empty={balance !== null && items.length === 0 ? '还没有积分记录，参加活动或志愿服务即可获得积分' : null} />
      <View className="xfh-card" id="points-history">
        {items.map((e) => (
          <View key={e.id} className="xfh-vp-item">
            <View className="xfh-vp-item__head">
              <Text>{e.description.replace(/ [+-]?\d+$/, '')}</Text>
              <Text className={`xfh-vp-points ${e.delta > 0 ? 'xfh-vp-points--plus' : 'xfh-vp-points--minus'}`}>{e.delta > 0 ? `+${e.delta}` : e.delta}</Text>
            </View>
            <Text className="xfh-muted">{e.reasonLabel} · {formatDateTime(e.createdAt)} · 余额 {e.balanceAfter}</Text>
          </View>
        ))}
      </View>
      {hasMore && <ActionButton variant="secondary" onClick={loadMore}>查看更早的记录</ActionButton>}
    </PageShell>
  );
}
