import { Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { dashboardApi, type WeightsList } from '../../../../api/dashboard';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useSessionGate } from '../../../../session';
import './index.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

/** District admins set the 活跃指数 weights (in %, summing to 100); every change is audited. */
export default function WeightsPage() {
  const user = useSessionGate();
  const [pcts, setPcts] = useState<Record<string, string>>({});
  const fill = (items: WeightsList['items'], pick: 'weight' | 'defaultWeight') => setPcts(Object.fromEntries(items.map((i) => [i.key, String(Math.round(i[pick] * 1000) / 10)])));
  // the inputs take the saved weights once: a later show must not overwrite what is being typed
  const filled = useRef(false);
  const { data, error, reload, setData } = useRemote(true, async () => {
    const r = await dashboardApi.weights();
    if (!filled.current) fill(r.items, 'weight');
    filled.current = true;
    return r;
  });
  const list = data?.items ?? null;
  const [saving, run] = useAction();

  const total = Object.values(pcts).reduce((s, v) => s + (Number(v) || 0), 0);
  const ok = Math.abs(total - 100) < 0.1;
  const save = () =>
    run(async () => setData(await dashboardApi.setWeights(Object.fromEntries(Object.entries(pcts).map(([k, v]) => [k, Math.round((Number(v) || 0) * 10) / 1000])))), '已保存');

  if (user && user.role !== 'district_admin') return <PageShell><StatusView error="只有区级管理员可以设置权重" /></PageShell>;
  return (
    <PageShell className="xfh-weights">
      <Text className="xfh-heading">活跃指数权重</Text>
      <Text className="xfh-muted">活跃指数 = Σ 权重 × 各项得分（0–100）。各项权重之和须为 100%。</Text>
      <StatusView loading={!list && !error} error={error} onRetry={reload} />
      {list?.map((i) => (
        <View key={i.key} className="xfh-card xfh-weights__item">
          <View className="xfh-weights__row">
            <Text className="xfh-section-title">{i.label}</Text>
            <View className="xfh-weights__input">
              <Input
                id={`weight-${i.key}`}
                type="digit"
                value={pcts[i.key] ?? ''}
                onInput={(e) => setPcts((p) => ({ ...p, [i.key]: e.detail.value }))}
                nativeProps={{ 'aria-label': `${i.label}权重（百分比）` }}
              />
              <Text>%</Text>
            </View>
          </View>
          <Text className="xfh-muted">{`得分：${i.normalisation}（默认权重 ${Math.round(i.defaultWeight * 100)}%）`}</Text>
        </View>
      ))}
      {list && (
        <>
          <Text id="weights-total" className={ok ? 'xfh-muted' : 'xfh-error'}>{`合计 ${Math.round(total * 10) / 10}%${ok ? '' : '，须为 100%'}`}</Text>
          <ActionButton id="weights-save" disabled={!ok || saving} onClick={save}>
            保存权重
          </ActionButton>
          <ActionButton id="weights-defaults" variant="secondary" onClick={() => fill(list, 'defaultWeight')}>
            恢复默认值
          </ActionButton>
        </>
      )}
    </PageShell>
  );
}
