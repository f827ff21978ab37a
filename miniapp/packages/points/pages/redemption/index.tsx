import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { REDEMPTION_STATUS_LABELS } from '@shared/volunteer';
import { pointsApi, type Redemption } from '../../../../api/points';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { useSessionGate } from '../../../../session';
import { useRemote } from '../../../../refresh';
import { useAction } from '../../../../useAction';
import '../../styles.scss';

/** One redemption: the QR and 8-digit code to show at the counter; cancel before it is used. */
export default function RedemptionPage() {
  useSessionGate();
  const { params } = useRouter();
  const id = Number(params.id);
  const { data: r, error, reload: load } = useRemote<Redemption>(true, () => pointsApi.redemption(id), [id]);
  const [busy, run] = useAction(load);
  const cancel = () => run(() => pointsApi.cancel(id), '已取消，积分已退回', { confirm: { title: '取消兑换', content: '取消后积分将退回您的账户，确定取消吗？' } });
  if (!r) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }
  return (
    <PageShell>
      <View className="xfh-card xfh-vp-qr" id="redemption">
        <Text className="xfh-heading">{r.rewardName}</Text>
        <Text className="xfh-muted">{r.complexName} · {r.pointsCost} 积分</Text>
        <Text className="xfh-vp-status" id="redemption-status">{REDEMPTION_STATUS_LABELS[r.status]}</Text>
        {r.status === 'pending' && r.qrDataUrl && (
          <View className="xfh-vp-qr">
            <Image className="xfh-vp-qr__image" src={r.qrDataUrl} mode="scaleToFill" nativeProps={{ alt: "兑换二维码" }} />
            <Text className="xfh-muted">请到综合体前台出示二维码，或报兑换码</Text>
            <Text className="xfh-vp-qr__code" id="redemption-code">{r.shortCode}</Text>
          </View>
        )}
        {r.fulfilledAt && <Text>已于 {formatDateTime(r.fulfilledAt)} 核销</Text>}
        {r.cancelledAt && <Text>已于 {formatDateTime(r.cancelledAt)} 取消，积分已退回</Text>}
      </View>
      {r.status === 'pending' && (
        <ActionButton id="cancel-redemption" variant="secondary" loading={busy} onClick={cancel}>取消兑换</ActionButton>
      )}
    </PageShell>
  );
}
