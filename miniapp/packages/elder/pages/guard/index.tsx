import { Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { devicesApi, type QuietHomeStatusT } from '../../../../api/devices';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const COLUMN = { display: 'flex', flexDirection: 'column' as const };

const STATUS_TEXT: Record<QuietHomeStatusT['status'], string> = {
  off: '未开启',
  pending_consent: '等待长辈同意',
  active: '守护中',
};

/**
 * 亲情守护: the senior (or linked family, with the senior's consent) turns on the quiet-home alert.
 * ?seniorId=… for family; without it, the signed-in senior's own.
 */
export default function GuardPage() {
  const user = useSessionGate();
  const { params } = useRouter();
  const seniorId = params.seniorId ? Number(params.seniorId) : user?.id;
  const self = !!user && seniorId === user.id;
  // the signed-in user arrives after the first show: loads once the senior is known
  const { data: s, error, reload: load, setData } = useRemote(!!seniorId, () => devicesApi.quietHome(seniorId!), [seniorId]);
  const [busy, act] = useAction();
  const run = (fn: () => Promise<QuietHomeStatusT>) => act(async () => setData(await fn()), null);
  const toggle = (on: boolean) => seniorId && run(() => devicesApi.setQuietHome(seniorId, on));

  return (
    <PageShell className="xfh-elder">
      <Text className="xfh-heading">亲情守护</Text>
      <Text className="xfh-muted">
        家中的活动感应器白天长时间（默认 12 小时）没有检测到活动时，社区会收到“系统预警”并安排上门探望，家人也会收到提醒。只有您本人、绑定的家人和社区工作人员能看到这些信息，随时可以关闭。
      </Text>
      <StatusView loading={!s && !error} error={error} onRetry={load} />
      {s && (
        <>
          <View className="xfh-card" id="guard-status" style={COLUMN}>
            <View className="xfh-guard__row" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <Text className="xfh-section-title">{`状态：${STATUS_TEXT[s.status]}`}</Text>
              <Switch id="guard-switch" checked={s.status !== 'off'} disabled={busy} onChange={(e) => toggle(e.detail.value)} ariaLabel="开启亲情守护" nativeProps={{ 'aria-label': '开启亲情守护' }} />
            </View>
            <Text>{`${s.quietHours} 小时无活动提醒（白天 ${s.window.start}–${s.window.end}）`}</Text>
            <Text>{s.device ? `感应器：${s.device.name}（${s.device.status === 'online' ? '在线' : '离线'}）` : '还没有安装感应器，请联系社区工作人员'}</Text>
            <Text className="xfh-muted">{`最近一次活动：${s.lastMotionAt ? formatDateTime(s.lastMotionAt) : '暂无'}`}</Text>
            {s.consentedAt && <Text className="xfh-muted">{`长辈同意于 ${formatDateTime(s.consentedAt)}`}</Text>}
            {s.status === 'off' && s.revokedAt && <Text className="xfh-muted">{`已于 ${formatDateTime(s.revokedAt)} 关闭`}</Text>}
          </View>
          {s.alert && (
            <View className="xfh-card" id="guard-alert" style={COLUMN}>
              <Text className="xfh-error">{`系统预警：${formatDateTime(s.alert.raisedAt)} 起已通知社区上门探望`}</Text>
              <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.careRequest(s.alert!.careRequestId) })}>
                查看上门探访进度
              </ActionButton>
            </View>
          )}
          {self && s.status === 'pending_consent' && (
            <View className="xfh-card" id="guard-consent" style={COLUMN}>
              <Text>家人申请为您开启亲情守护，您同意吗？</Text>
              <ActionButton id="guard-consent-yes" disabled={busy} onClick={() => run(() => devicesApi.consent(true))}>
                同意开启
              </ActionButton>
              <ActionButton id="guard-consent-no" variant="secondary" disabled={busy} onClick={() => run(() => devicesApi.consent(false))}>
                暂不开启
              </ActionButton>
            </View>
          )}
          {!self && s.status === 'pending_consent' && <Text className="xfh-muted">已发送申请，长辈在自己的手机上同意后开始守护。</Text>}
        </>
      )}
    </PageShell>
  );
}
