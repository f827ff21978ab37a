import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { REWARD_KIND_LABELS } from '@shared/volunteer';
import { pointsApi, type Reward } from '../../../../api/points';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import Cover from '../../../../components/Cover';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { myComplexId } from '../../../../stores/place';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';
import { useAction } from '../../../../useAction';

/** 积分兑换: the rewards of my complex (or all), redeemed after one confirmation. */
export default function RewardsPage() {
  const user = useSessionGate();
  const { data, error, reload: load } = useRemote(true, () => Promise.all([pointsApi.rewards(myComplexId() ?? undefined), pointsApi.mine()]));
  const items = data?.[0].items ?? null;
  const balance = data?.[1].balance ?? null;
  const [running, run] = useAction();
  const [which, setWhich] = useState<number | null>(null);
  const busy = running ? which : null;

  const redeem = (r: Reward) => {
    setWhich(r.id);
    return run(() => pointsApi.redeem(r.id), null, { confirm: { title: '确认兑换', content: `使用 ${r.pointsCost} 积分兑换「${r.name}」？` }, then: (red) => Taro.navigateTo({ url: ROUTES.redemption(red.id) }) });
  };

  return (
    <PageShell>
      <Text className="xfh-heading">积分兑换</Text>
      <Text className="xfh-muted">我的积分：{balance ?? user?.pointsBalance ?? '-'}</Text>
      <StatusView loading={!items && !error} error={error} onRetry={load} empty={items?.length === 0 ? '暂时没有可兑换的项目' : null} />
      {items?.map((r) => {
        const limitReached = r.perUserLimit > 0 && r.myRedeemedCount >= r.perUserLimit;
        const short = balance !== null && balance < r.pointsCost;
        return (
          <View key={r.id} className="xfh-card xfh-vp-item" id={`reward-${r.id}`}>
            <View className="xfh-cover-row">
              <Cover kind="reward" text={`${r.name} ${r.description}`} />
              <View className="xfh-cover-row__text">
                <View className="xfh-vp-item__head">
                  <Text className="xfh-vp-item__title">{r.name}</Text>
                  <Text className="xfh-vp-status">{REWARD_KIND_LABELS[r.kind]}</Text>
                </View>
                {r.description && <Text className="xfh-muted">{r.description}</Text>}
              </View>
            </View>
            <Text>
              <Text className="xfh-vp-points xfh-vp-points--plus">{r.pointsCost} 积分</Text> · 剩余 {r.stock}
              {r.perUserLimit > 0 ? ` · 每人限兑 ${r.perUserLimit} 次` : ''}
            </Text>
            <Text className="xfh-muted">{r.complexName}</Text>
            <ActionButton className="redeem" loading={busy === r.id} disabled={!r.available || limitReached || short} onClick={() => redeem(r)}>
              {!r.available ? '已兑完' : limitReached ? '已达兑换上限' : short ? '积分不足' : '立即兑换'}
            </ActionButton>
          </View>
        );
      })}
    </PageShell>
  );
}
