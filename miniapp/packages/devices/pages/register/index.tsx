import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { DEVICE_KINDS, DEVICE_KIND_LABELS, type DeviceKind } from '@shared/devices';
import { devicesApi, type RegisteredDeviceT } from '../../../../api/devices';
import { placesApi } from '../../../../api/places';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import QrImage from '../../../../components/QrImage';
import { useSessionGate } from '../../../../session';
import { useComplexId } from '../../complex';
import './index.scss';
import { useAction, hint } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

/** Register a device; its secret is shown this once, as text and as a QR for the installer. */
export default function RegisterDevicePage() {
  const user = useSessionGate();
  const complexId = useComplexId(user);
  const [kind, setKind] = useState<DeviceKind>('people_counter');
  const [name, setName] = useState('');
  const [spaceId, setSpaceId] = useState<number | null>(null);
  const { data: spaces } = useRemote(!!complexId, () => placesApi.complex(complexId!).then((c) => c.spaces.map((s) => ({ value: s.id, label: s.name })), () => []), [complexId]);
  const [done, setDone] = useState<RegisteredDeviceT | null>(null);
  const [busy, run] = useAction();

  const submit = () => {
    if (!complexId || !name.trim()) return hint('请填写设备名称');
    return run(async () => setDone(await devicesApi.register(complexId, { kind, name: name.trim(), ...(spaceId && kind === 'people_counter' ? { spaceId } : {}) })), null);
  };

  if (done) {
    return (
      <PageShell className="xfh-devices">
        <Text className="xfh-heading">设备已登记</Text>
        <View className="xfh-card xfh-devices__item" id="device-secret-card">
          <Text className="xfh-error">密钥只显示这一次，请让安装人员现在扫码或抄下。</Text>
          <QrImage src={done.qr} alt="设备配置二维码（含密钥）" className="xfh-devices__qr" />
          <Text>{`设备编号：${done.deviceKey}`}</Text>
          <Text id="device-secret" className="xfh-devices__secret" userSelect>{`密钥：${done.secret}`}</Text>
          <Text className="xfh-muted">{`上报主题：${done.topics.telemetry}`}</Text>
          <Text className="xfh-muted">{`状态主题：${done.topics.status}`}</Text>
        </View>
        <ActionButton id="device-register-done" onClick={() => Taro.navigateBack()}>
          已记下，返回设备列表
        </ActionButton>
      </PageShell>
    );
  }

  return (
    <PageShell className="xfh-devices">
      <Text className="xfh-heading">登记设备</Text>
      <Text className="xfh-section-title">设备类型</Text>
      <ChoiceChips id="device-kind" label="设备类型" options={DEVICE_KINDS.map((k) => ({ value: k, label: DEVICE_KIND_LABELS[k] }))} value={kind} onChange={setKind} />
      <FormField id="device-name" label="设备名称" value={name} onInput={setName} maxlength={64} placeholder="如：活动室人流计数器" />
      {kind === 'people_counter' && (
        <>
          <Text className="xfh-section-title">所在场地（人流计数器必选）</Text>
          <ChoiceChips id="device-space" label="所在场地" options={spaces ?? []} value={spaceId} onChange={setSpaceId} />
        </>
      )}
      <ActionButton id="device-submit" loading={busy} disabled={busy} onClick={submit}>
        登记并生成密钥
      </ActionButton>
    </PageShell>
  );
}
