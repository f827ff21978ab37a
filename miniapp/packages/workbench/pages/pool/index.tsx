import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { helpingApi } from '../../../../api/helping';
import { residencyApi, type ResidentClaim } from '../../../../api/residency';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import { SelectField } from '../../../../components/PickerField';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import { useManagedComplexes } from '../../scope';
import '../../admin.scss';

type Mode = 'pool' | 'grant';

/**
 * 至善池与互助 (工作台): the complex's 至善 pool (balance and entries), spending it for a resident
 * in need or giving points to one who cannot earn them (孤寡老人) — both with a written reason,
 * audited — and the 邻里互助 disputes waiting for a decision.
 */
export default function PoolPage() {
  const user = useSessionGate();
  const complexes = useManagedComplexes(user);
  const [pick, setPick] = useState(0);
  const complex = complexes?.[pick];
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ResidentClaim[] | null>(null);
  const [who, setWho] = useState<number | null>(null);
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [mode, setMode] = useState<Mode>('pool');
  const { data, error, reload: load } = useRemote(
    !!complex,
    () => Promise.all([helpingApi.pool(complex!.id), helpingApi.list({ complexId: complex!.id, status: 'disputed' })]),
    [complex?.id],
    { keepPrevious: true },
  );
  const pool = data?.[0] ?? null;
  const disputes = data?.[1].items ?? [];
  const [busy, run] = useAction(load);
  const [, find] = useAction();

  const search = () => {
    if (!complex) return;
    return find(async () => setFound((await residencyApi.claims(complex.id, { status: 'verified', q: q.trim() || undefined })).items), null);
  };
  const submit = () => {
    const n = Number(points);
    if (!complex || !who || busy) return;
    if (!Number.isInteger(n) || n <= 0) return hint('请填写整数积分');
    if (reason.trim().length < 4) return hint('请写明原因（至少 4 个字）');
    const body = { userId: who, points: n, reason: reason.trim() };
    // a failure is shown by the request wrapper (e.g. 至善池余额不足)
    return run(() => (mode === 'pool' ? helpingApi.spendPool(complex.id, body) : helpingApi.grant(complex.id, body)), mode === 'pool' ? '已从至善池资助' : '已赠送', {
      then: () => {
        setPoints('');
        setReason('');
      },
    });
  };

  return (
    <PageShell>
      <Text className="xfh-heading">至善池与互助</Text>
      <StatusView loading={complexes === null} empty={complexes?.length === 0 ? '您还没有负责的综合体' : null} />
      {complexes && complexes.length > 0 && <SelectField id="pool-complex" label="综合体" options={complexes.map((c) => c.name)} index={pick} onChange={setPick} />}
      <StatusView loading={!!complex && !pool && !error} error={error} onRetry={load} />
      {pool && (
        <View className="xfh-card" id="pool-balance">
          <Text className="xfh-muted">{`${pool.complexName} 至善池`}</Text>
          <Text className="xfh-heading" id="pool-balance-value">{`${pool.balance} 分`}</Text>
        </View>
      )}

      <Text className="xfh-section-title">{`待处理的互助争议（${disputes.length}）`}</Text>
      <View id="pool-disputes">
        {disputes.length === 0 && <Text className="xfh-muted">没有待处理的争议</Text>}
        {disputes.map((d) => (
          <View key={d.id} className="xfh-card xfh-adm-item" id={`dispute-${d.id}`} onClick={() => Taro.navigateTo({ url: ROUTES.helpRequest(d.id) })}>
            <Text className="xfh-adm-item__title">{`${d.categoryLabel}：${d.title}`}</Text>
            <Text className="xfh-muted">{d.dispute?.reason ?? ''}</Text>
          </View>
        ))}
      </View>

      <Text className="xfh-section-title">为居民送积分</Text>
      <View className="xfh-card">
        <ChoiceChips id="pool-mode" label="方式" options={[{ value: 'pool', label: '用至善池资助' }, { value: 'grant', label: '工作人员赠送' }]} value={mode} onChange={setMode} />
        <FormField id="pool-search" label="找居民（已认证）" value={q} onInput={setQ} placeholder="姓名或手机尾号" />
        <ActionButton id="pool-search-go" variant="secondary" onClick={search}>搜索</ActionButton>
        {found && found.length === 0 && <Text className="xfh-muted">没有找到已认证的居民</Text>}
        {found && found.length > 0 && (
          <ChoiceChips id="pool-who" label="居民" options={found.slice(0, 12).map((r) => ({ value: r.userId, label: `${r.name} ${r.phoneMasked ?? ''}` }))} value={who} onChange={setWho} />
        )}
        <FormField id="pool-points" label="积分" type="number" value={points} onInput={setPoints} placeholder="整数" />
        <FormField id="pool-reason" label="原因（必填，会记录在案）" value={reason} onInput={setReason} maxlength={100} placeholder="例如：孤寡老人节日关怀" />
        <ActionButton id="pool-submit" disabled={!who || !points} loading={busy} onClick={submit}>{mode === 'pool' ? '从至善池资助' : '赠送积分'}</ActionButton>
      </View>

      {pool && pool.items.length > 0 && (
        <>
          <Text className="xfh-section-title">至善池明细</Text>
          <View className="xfh-card" id="pool-entries">
            {pool.items.map((e) => (
              <View key={e.id} className="xfh-adm-item">
                <View className="xfh-adm-item__head">
                  <Text>{e.description}</Text>
                  <Text>{e.delta > 0 ? `+${e.delta}` : e.delta}</Text>
                </View>
                <Text className="xfh-muted">{`${formatDateTime(e.createdAt)} · 余额 ${e.balanceAfter}`}</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </PageShell>
  );
}
