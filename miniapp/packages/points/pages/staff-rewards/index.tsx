import { Input, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { REWARD_KIND_LABELS, type RewardKind } from '@shared/volunteer';
import { pointsApi, type Reward } from '../../../../api/points';
import { aria } from '../../../../a11y';
import ActionButton from '../../../../components/ActionButton';
import { FieldError } from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useShowLoad } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { useAction } from '../../../../useAction';
import '../../styles.scss';

/** A worker's reward catalogue: add stock, take items down or back, add new ones. */
export default function StaffRewardsPage() {
  const user = useSessionGate();
  const complexId = user?.complexIds?.[0];
  const [items, setItems] = useState<Reward[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<RewardKind>('service');
  const [cost, setCost] = useState('50');
  const [stock, setStock] = useState('10');
  const [limit, setLimit] = useState('1');

  const load = useCallback(async () => {
    if (!complexId) return;
    setError(null);
    try {
      setItems((await pointsApi.rewards(complexId, 'all')).items);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [complexId]);
  // after a reload the profile (and so the complex) arrives a moment after the first show
  useShowLoad(!!complexId, load);

  const [busy, run] = useAction(load);
  const create = () =>
    run(async () => {
      await pointsApi.createReward({ complexId, kind, name: name.trim(), pointsCost: Number(cost), stock: Number(stock), perUserLimit: Number(limit) });
      setName('');
    }, '已上架');

  return (
    <PageShell>
      <Text className="xfh-heading">兑换目录</Text>
      <StatusView empty={user && !complexId ? '您还没有负责的综合体' : null} />
      <StatusView loading={!!complexId && !items && !error} error={error} onRetry={load} empty={items?.length === 0 ? '还没有兑换项' : null} />
      {items?.map((r) => (
        <View key={r.id} className="xfh-card xfh-vp-item">
          <View className="xfh-vp-item__head">
            <Text className="xfh-vp-item__title">{r.name}</Text>
            <Text className={`xfh-vp-status ${r.status === 'active' ? '' : 'xfh-vp-status--warn'}`}>{r.status === 'active' ? '上架中' : '已下架'}</Text>
          </View>
          <Text>{REWARD_KIND_LABELS[r.kind]} · {r.pointsCost} 积分 · 库存 {r.stock}{r.perUserLimit ? ` · 每人限 ${r.perUserLimit}` : ''}</Text>
          <View className="xfh-vp-actions">
            <ActionButton variant="secondary" disabled={busy} onClick={() => run(() => pointsApi.updateReward(r.id, { addStock: 10 }), '已补货')}>补货 10</ActionButton>
            <ActionButton variant="secondary" disabled={busy} onClick={() => run(() => pointsApi.updateReward(r.id, { status: r.status === 'active' ? 'archived' : 'active' }), '已更新')}>
              {r.status === 'active' ? '下架' : '重新上架'}
            </ActionButton>
          </View>
        </View>
      ))}
      {complexId && (
        <View className="xfh-card">
          <Text className="xfh-section-title">新增兑换项</Text>
          <View className="xfh-vp-field">
            <Text className="xfh-vp-field__label">名称</Text>
            <Input className="xfh-vp-input" value={name} maxlength={60} placeholder="例如：理发一次" onInput={(e) => setName(e.detail.value)} nativeProps={{ 'aria-label': '名称' }} />
            <FieldError name="name" />
          </View>
          <View className="xfh-vp-chips" {...aria('radiogroup', { label: '类型' })}>
            {(['service', 'goods'] as const).map((k) => (
              <View key={k} className={`xfh-vp-chip ${kind === k ? 'xfh-vp-chip--on' : ''}`} {...aria('radio', { checked: kind === k, label: REWARD_KIND_LABELS[k] })} onClick={() => setKind(k)}>
                <Text>{REWARD_KIND_LABELS[k]}</Text>
              </View>
            ))}
          </View>
          <View className="xfh-vp-actions">
            <View className="xfh-vp-field">
              <Text className="xfh-vp-field__label">积分</Text>
              <Input className="xfh-vp-input" type="number" value={cost} onInput={(e) => setCost(e.detail.value)} nativeProps={{ 'aria-label': '所需积分' }} />
              <FieldError name="pointsCost" />
            </View>
            <View className="xfh-vp-field">
              <Text className="xfh-vp-field__label">库存</Text>
              <Input className="xfh-vp-input" type="number" value={stock} onInput={(e) => setStock(e.detail.value)} nativeProps={{ 'aria-label': '库存' }} />
              <FieldError name="stock" />
            </View>
            <View className="xfh-vp-field">
              <Text className="xfh-vp-field__label">每人限兑</Text>
              <Input className="xfh-vp-input" type="number" value={limit} onInput={(e) => setLimit(e.detail.value)} nativeProps={{ 'aria-label': '每人限兑次数' }} />
              <FieldError name="perUserLimit" />
            </View>
          </View>
          <ActionButton loading={busy} onClick={create}>上架</ActionButton>
        </View>
      )}
    </PageShell>
  );
}
