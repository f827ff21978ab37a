import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
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
import { confirmDialog } from '../../../../components/ConfirmDialog';

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
  const [items, setItems] = useState<AlertItemT[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    if (!complexId) return;
    devicesApi
      .alerts(complexId, status)
      .then((r) => setItems(r.items))
      .catch((e: Error) => setError(e.message))
      .finally(() => Taro.stopPullDownRefresh());
  }, [complexId, status]);
  useDidShow(load);
  usePullDownRefresh(load);
  useEffect(load, [load]);
  const [template, setTemplate] = useState<string | null>(null);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    devicesApi
      .summary()
      .then((r) => setTemplate(r.subscribeTemplateId))
      .catch(() => setTemplate(null));
  }, []);
  /** In WeChat, ask (inside this tap) whether we may send the next alert as a subscribe message. */
  const askSubscription = async () => {
    if (!template) return;
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [template], entityIds: [] } as never)) as unknown as Record<string, string>;
      if (res[template] === 'accept') {
        await devicesApi.subscribe([template]);
        Taro.showToast({ title: '下一条告警会发到微信', icon: 'none' });
      }
    } catch {
      // declined or not supported: alerts still arrive in the message centre
    }
  };

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      Taro.showToast({ title: done, icon: 'success' });
      load();
    } catch {
      /* toast shown */
    }
  };
  const resolve = async (a: AlertItemT) => {
    const r = (await confirmDialog({ title: '处理完毕', editable: true, placeholderText: '处理说明（可不填）' })) as { confirm: boolean; content?: string };
    if (r.confirm) act(() => devicesApi.resolve(a.id, r.content?.trim() || undefined), '已处理');
  };

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
              <ActionButton id={`alert-${a.id}-ack`} variant="secondary" onClick={() => act(() => devicesApi.ack(a.id), '已确认')}>
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
