import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { TRANSFER_DAILY_CAP } from '@shared/helping';
import { familyApi, type FamilyLink } from '../../../../api/family';
import { helpingApi, type TransferResult } from '../../../../api/helping';
import { pointsApi } from '../../../../api/points';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import './index.scss';
import { useAction, hint } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const AMOUNTS = [5, 10, 20, 50];

/**
 * 积分转赠: give points to a linked family member (亲情代办, either side) or donate them to the
 * home complex's 至善 pool. Only available points move (held ones stay); a daily cap applies.
 */
export default function TransferPage() {
  const user = useSessionGate();
  const { data, error, reload: load } = useRemote(true, () => Promise.all([pointsApi.mine(), familyApi.links().catch((): FamilyLink[] => [])]));
  const acc = data ? { balance: data[0].balance, held: data[0].held, available: data[0].available } : null;
  const family = data?.[1].filter((l) => l.status === 'active') ?? [];
  const [to, setTo] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | null>(10);
  const [custom, setCustom] = useState('');
  const [note, setNote] = useState('');
  const [busy, run] = useAction(load);
  const [done, setDone] = useState<TransferResult | null>(null);
  const poolId = user?.residency?.complexId ?? null;

  const points = custom.trim() ? Number(custom.trim()) : amount;
  const submit = () => {
    if (!to || !points || busy) return;
    if (!Number.isInteger(points) || points <= 0) return hint('请填写整数积分');
    const target = to === 'pool' ? { poolComplexId: poolId! } : { toUserId: Number(to) };
    // a failure (积分不足 / 每日上限) was shown by the request wrapper
    return run(async () => setDone(await helpingApi.transfer({ ...target, points, note: note.trim() || undefined })), '已转出');
  };

  const options = [
    ...family.map((l) => ({ value: String(l.other.id), label: `${l.relation} ${l.other.nickname}` })),
    ...(poolId ? [{ value: 'pool', label: `捐入${user?.residency?.complexName ?? '本综合体'}至善池` }] : []),
  ];

  return (
    <PageShell>
      <Text className="xfh-heading">积分转赠</Text>
      <StatusView loading={!acc && !error} error={error} onRetry={load} />
      {acc && (
        <View className="xfh-card xfh-transfer__stats" id="transfer-account">
          <View className="xfh-transfer__stat">
            <Text className="xfh-muted">可用</Text>
            <Text className="xfh-transfer__value" id="transfer-available">{acc.available}</Text>
          </View>
          <View className="xfh-transfer__stat">
            <Text className="xfh-muted">互助占用</Text>
            <Text className="xfh-transfer__value">{acc.held}</Text>
          </View>
          <View className="xfh-transfer__stat">
            <Text className="xfh-muted">余额</Text>
            <Text className="xfh-transfer__value">{acc.balance}</Text>
          </View>
        </View>
      )}
      {done && (
        <View className="xfh-card" id="transfer-done">
          <Text className="xfh-section-title">{`已转给 ${done.counterpart} ${done.points} 分`}</Text>
          <Text className="xfh-muted">{`今天已转出 ${done.sentToday} 分（每天最多 ${TRANSFER_DAILY_CAP} 分）`}</Text>
        </View>
      )}
      <Text className="xfh-section-title">转给谁</Text>
      {options.length === 0 ? (
        <View className="xfh-card">
          <Text>还没有绑定亲情代办的家人，也没有认证所在的综合体。</Text>
          <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.family })}>绑定家人</ActionButton>
        </View>
      ) : (
        <ChoiceChips id="transfer-to" label="转给谁" options={options} value={to} onChange={setTo} />
      )}
      <Text className="xfh-section-title">转多少</Text>
      <ChoiceChips
        id="transfer-amount"
        label="积分"
        options={AMOUNTS.map((a) => ({ value: a, label: `${a} 分` }))}
        value={custom.trim() ? null : amount}
        onChange={(v) => {
          setAmount(v);
          setCustom('');
        }}
      />
      <FormField id="transfer-custom" label="或填写积分" type="number" value={custom} onInput={setCustom} placeholder="整数" />
      <FormField id="transfer-note" label="留言（可不填）" value={note} onInput={setNote} maxlength={100} />
      <Text className="xfh-muted">{`每天最多转出 ${TRANSFER_DAILY_CAP} 分；互助求助占用的积分不能转。双方的积分明细都会记下这笔转赠。`}</Text>
      <ActionButton id="transfer-submit" disabled={!to || !points} loading={busy} onClick={submit}>确认转出</ActionButton>
    </PageShell>
  );
}
