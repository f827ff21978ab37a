import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { devicesApi } from '../../../../api/devices';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { useSessionGate } from '../../../../session';
import { devicePages, useComplexId } from '../../complex';
import { valueText } from '../../present';
import './index.scss';
import { useRemote } from '../../../../refresh';

const REFRESH_MS = 5_000;

/** A complex's devices online/offline and its open alerts, refreshed every 5 s (状态可视). */
export default function LivePage() {
  const user = useSessionGate();
  const complexId = useComplexId(user);
  // refreshed every 5 s while shown; after a reload the complex is known a moment later
  const { data: live, error } = useRemote(!!complexId, () => devicesApi.live(complexId!), [complexId], { pollMs: REFRESH_MS, keepPrevious: true });

  return (
    <PageShell className="xfh-devices">
      <Text className="xfh-heading">实时状态</Text>
      <StatusView loading={!live && !error} error={error} />
      {live && (
        <>
          <View className="xfh-card xfh-devices__counts" id="live-counts">
            <Text className="xfh-devices__on">{`在线 ${live.online}`}</Text>
            <Text className="xfh-devices__off">{`离线 ${live.offline}`}</Text>
            <Text className={live.alerts.length ? 'xfh-error' : 'xfh-muted'}>{`未处理告警 ${live.alerts.length}`}</Text>
          </View>
          {live.alerts.map((a) => (
            <View key={a.id} className="xfh-card xfh-devices__alert" id={`live-alert-${a.id}`}>
              <Text className="xfh-error">{`${a.deviceName}：${a.message}`}</Text>
              <Text className="xfh-muted">{`${formatDateTime(a.openedAt)} · ${a.status === 'acked' ? '已确认' : '待处理'}`}</Text>
            </View>
          ))}
          {live.alerts.length > 0 && complexId && (
            <ActionButton id="live-open-alerts" onClick={() => Taro.navigateTo({ url: devicePages.alerts(complexId) })}>
              去处理告警
            </ActionButton>
          )}
          <View className="xfh-devices__grid">
            {live.devices.map((d) => (
              <View key={d.id} className={`xfh-card xfh-devices__cell ${d.status === 'online' ? '' : 'xfh-devices__cell--off'}`}>
                <Text className="xfh-devices__name">{d.name}</Text>
                <Text>{d.status === 'online' ? `在线 · ${valueText(d)}` : '离线'}</Text>
              </View>
            ))}
          </View>
        </>
      )}
    </PageShell>
  );
}
