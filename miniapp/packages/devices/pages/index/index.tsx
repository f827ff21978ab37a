import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { devicesApi } from '../../../../api/devices';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { useSessionGate } from '../../../../session';
import { devicePages, useComplexId } from '../../complex';
import { kindLabel, rejectedText, valueText } from '../../present';
import './index.scss';
import { useRemote } from '../../../../refresh';

/** 工作台 → 设备: every device of the complex with status, last value, last seen and rejected messages. */
export default function DevicesPage() {
  const user = useSessionGate();
  const complexId = useComplexId(user);
  const { data, error } = useRemote(!!complexId, () => devicesApi.list(complexId!), [complexId], { pullDown: true });
  const items = data?.items ?? null;
  const unregistered = data?.unregistered ?? {};

  return (
    <PageShell className="xfh-devices">
      <Text className="xfh-heading">设备</Text>
      {complexId && (
        <View className="xfh-devices__actions">
          <ActionButton id="device-register" onClick={() => Taro.navigateTo({ url: devicePages.register(complexId) })}>
            登记新设备
          </ActionButton>
          <ActionButton id="device-live" variant="secondary" onClick={() => Taro.navigateTo({ url: devicePages.live(complexId) })}>
            实时状态
          </ActionButton>
          <ActionButton id="device-alerts" variant="secondary" onClick={() => Taro.navigateTo({ url: devicePages.alerts(complexId) })}>
            设备告警
          </ActionButton>
        </View>
      )}
      <StatusView loading={!items && !error} error={error} empty={items?.length === 0 ? '还没有登记设备' : null} />
      <View id="device-list">
        {items?.map((d) => (
          <View key={d.id} className="xfh-card xfh-devices__item" id={`device-${d.id}`}>
            <View className="xfh-devices__top">
              <Text className="xfh-devices__name">{d.name}</Text>
              <Text className={`xfh-tag ${d.status === 'online' ? 'xfh-devices__on' : 'xfh-devices__off'}`} id={`device-${d.id}-status`}>
                {d.status === 'online' ? '在线' : '离线'}
              </Text>
            </View>
            <Text className="xfh-muted">{kindLabel(d.kind)}</Text>
            <Text id={`device-${d.id}-value`}>{`最新数值：${valueText(d)}`}</Text>
            <Text className="xfh-muted">{`最近上报：${d.lastSeenAt ? formatDateTime(d.lastSeenAt) : '从未上报'}`}</Text>
            <Text className="xfh-muted" id={`device-${d.id}-rejected`}>{`被拒消息：${rejectedText(d.rejected)}`}</Text>
            {d.muted && <Text className="xfh-error">刷屏已被静音（10 分钟）</Text>}
            {d.openAlerts > 0 && <Text className="xfh-error">{`未处理告警 ${d.openAlerts} 条`}</Text>}
          </View>
        ))}
      </View>
      {items && (
        <Text className="xfh-muted" id="device-unregistered">{`未登记设备的消息（全部综合体）：${rejectedText(unregistered)}`}</Text>
      )}
    </PageShell>
  );
}
