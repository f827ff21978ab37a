import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { REDEMPTION_STATUS_LABELS } from '@shared/volunteer';
import { pointsApi, type Redemption } from '../../../../api/points';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { formatDateTime } from '../../../../time';
import { useSessionGate } from '../../../../session';
import '../../styles.scss';
import { useAction, hint } from '../../../../useAction';

/** The counter: scan the resident's QR (or type the 8 digits), check it, hand over, confirm. */
export default function StaffVerifyPage() {
  useSessionGate();
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Redemption | null>(null);
  const [busy, run] = useAction();

  const lookup = async (c: string) => {
    if (!c.trim()) return hint('请输入兑换码');
    if (!(await run(async () => setFound(await pointsApi.lookup(c.trim())), null))) setFound(null);
  };
  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      setCode(r.result);
      lookup(r.result);
    } catch {
      // cancelled
    }
  };
  const fulfil = () => run(async () => setFound(await pointsApi.verify(found?.shortCode ?? code.trim())), '核销成功');

  return (
    <PageShell>
      <Text className="xfh-heading">兑换核销</Text>
      {process.env.TARO_ENV === 'weapp' && <ActionButton onClick={scan}>扫描兑换二维码</ActionButton>}
      <View className="xfh-vp-field">
        <Text className="xfh-vp-field__label">兑换码</Text>
        <Input id="verify-code" className="xfh-vp-input" type="text" value={code} placeholder="8 位兑换码" onInput={(e) => setCode(e.detail.value)} nativeProps={{ 'aria-label': '兑换码' }} />
      </View>
      <ActionButton id="lookup-code" variant="secondary" loading={busy && !found} onClick={() => lookup(code)}>查询</ActionButton>
      {found && (
        <View className="xfh-card xfh-vp-item" id="verify-result">
          <View className="xfh-vp-item__head">
            <Text className="xfh-vp-item__title">{found.rewardName}</Text>
            <Text className="xfh-vp-status" id="verify-status">{REDEMPTION_STATUS_LABELS[found.status]}</Text>
          </View>
          <Text className="xfh-muted">{found.complexName} · {found.pointsCost} 积分 · 兑换于 {formatDateTime(found.createdAt)}</Text>
          {found.status === 'pending' && <ActionButton id="fulfil" loading={busy} onClick={fulfil}>确认核销</ActionButton>}
        </View>
      )}
    </PageShell>
  );
}
