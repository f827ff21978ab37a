import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ALERT_KIND_LABELS, type AlertStatus } from '@shared/devices';
import { devicesApi, type AlertItemT } from '../../../../api/devices';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { useSessionGate } from '../../../../session';
import { useComplexId } from '../../complex';
import './index.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const FILTERS: Array<{ value: AlertStatus; label: string }> = [
  { value: 'open', label: '待处理' },
  { value: 'acked', label: '已确认' },
  { value: 'resolved', label: '已处理' },
];

/** Device alerts of a complex: acknowledge (someone is on it) and resolve (with a note). */
export default function AlertsPage() {
  const user = useSessionGate();
  const complexId = useComplexId(user);
  const [status, setStatus] = useState<AlertStatus>('open');
  const { data, error, reload: load } = useRemote(!!complexId, () => devicesApi.alerts(complexId!, status), [complexId, status], { pullDown: true });
  const items = data?.items ?? null;
  const { data: template } = useRemote(process.env.TARO_ENV === 'weapp', () => devicesApi.summary().then((r) => r.subscribeTemplateId, () => null));
  const [, run] = useAction(load);
  /** In WeChat, ask (inside this tap) whether we may send the next alert as a subscribe message. */
  const askSubscription = () =>
    template &&
    run(
      async () => {
        const res = (await Taro.requestSubscribeMessage({ tmplIds: [template], entityIds: [] } as never)) as unknown as Record<string, string>;
        if (res[template] !== 'accept') return false;
        await devicesApi.subscribe([template]);
        return true;
      },
      // declined or not supported: alerts still arrive in the message centre
      (accepted) => (accepted ? '下一条告警会发到微信' : null),
      { plain: true },
    );

  const resolve = (a: AlertItemT) => run((note) => devicesApi.resolve(a.id, note.trim() || undefined), '已处理', { confirm: { title: '处理完毕', editable: true, placeholderText: '处理说明（可不填）' } });

  return (
    <PageShell className="xfh-devices">
      <Text className="xfh-heading">设备告警</Text>
      {template && (
        <ActionButton id="alert-subscribe" variant="secondary" onClick={askSubscription}>
          微信接收告警提醒
        </ActionButton>
      )}
      <ChoiceChips id="alert-filter" label="告警状态" options={FILTERS} value={status} onChange={setStatus} />
      <StatusView loading={!items && !error} error={error} empty={items?.length === 0 ? '没有这类告警' : null} />
      <View id="alert-list">
        {items?.map((a) => (
          <View key={a.id} className="xfh-card xfh-devices__alert" id={`alert-${a.id}`}>
            <Text className="xfh-devices__name">{`${ALERT_KIND_LABELS[a.kind]} · ${a.deviceName}`}</Text>
            <Text>{a.message}</Text>
            <Text className="xfh-muted">{`发生于 ${formatDateTime(a.openedAt)}`}</Text>
            {a.ackedAt && <Text className="xfh-muted">{`已确认 ${formatDateTime(a.ackedAt)}`}</Text>}
            {a.resolvedAt && <Text className="xfh-muted">{`已处理 ${formatDateTime(a.resolvedAt)}${a.resolveNote ? `：${a.resolveNote}` : ''}`}</Text>}
            {a.status === 'open' && (
              <ActionButton id={`alert-${a.id}-ack`} variant="secondary" onClick={() => run(() => devicesApi.ack(a.id), '已确认')}>
                确认（我来处理）
              </ActionButton>
            )}
            {a.status !== 'resolved' && (
              <ActionButton id={`alert-${a.id}-resolve`} onClick={() => resolve(a)}>
                处理完毕
              </ActionButton>
            )}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
