import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { bookingApi, type CheckInResult } from '../../../../api/booking';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { useAction } from '../../../../useAction';
import './index.scss';

/**
 * 扫码签到: the resident scans the rotating code on the worker's screen. WeChat scans with the
 * camera; the browser build (no camera API) takes the code typed or pasted.
 */
export default function CheckInPage() {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [busy, run] = useAction();
  const weapp = process.env.TARO_ENV === 'weapp';

  const submit = async (c: string) => {
    if (!c.trim()) return;
    // the result card says how it went; a failure clears the last one
    if (!(await run(async () => setResult(await bookingApi.checkIn(c.trim())), null))) setResult(null);
  };

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await submit(r.result);
    } catch {
      // cancelled by the user
    }
  };

  return (
    <PageShell className="xfh-checkin">
      <Text className="xfh-heading">到场签到</Text>
      <Text className="xfh-muted">请扫描工作人员手机上的签到二维码（每 30 秒更新一次）</Text>
      {weapp ? (
        <ActionButton disabled={busy} onClick={scan}>
          扫一扫签到
        </ActionButton>
      ) : (
        <View className="xfh-card">
          <Text>输入或粘贴签到码</Text>
          <Input className="xfh-checkin__input" id="checkin-code" value={code} onInput={(e) => setCode(e.detail.value)} placeholder="签到码" nativeProps={{ 'aria-label': '签到码' }} />
          <ActionButton disabled={busy || !code.trim()} onClick={() => submit(code)}>
            签到
          </ActionButton>
        </View>
      )}
      {result && (
        <View className="xfh-card xfh-checkin__ok" id="checkin-result">
          <Text className="xfh-checkin__ok-title">{result.alreadyCheckedIn ? '您已签到过' : '签到成功'}</Text>
          <Text>{result.title}</Text>
          {result.pointsAwarded > 0 && <Text className="xfh-checkin__points">获得 {result.pointsAwarded} 积分</Text>}
          {result.pointsNote && (
            <Text className="xfh-checkin__note" id="checkin-points-note">
              {result.pointsNote}
            </Text>
          )}
          {result.alreadyCheckedIn && <Text className="xfh-muted">同一场活动只签到一次，积分已在第一次签到时计入。</Text>}
        </View>
      )}
    </PageShell>
  );
}
