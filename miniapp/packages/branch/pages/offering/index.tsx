import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { branchApi } from '../../../../api/branch';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { isSignedIn } from '../../../../stores/auth';
import { formatSlot } from '../../../../time';
import { seatsLeft } from '../../format';
import '../../styles.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const BOOKING_TEXT: Record<string, string> = {
  booked: '您已预约，请按时到场签到',
  waitlisted: '您在候补名单中，有空位会通知您',
  checked_in: '您已签到，感谢参加',
  cancelled: '您的预约已取消',
  no_show: '您预约后未到场',
};

/** One offering: what, when, where, which branch; residents book it, its branch manages it. */
export default function OfferingPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { data: o, error, reload: load } = useRemote(id > 0, () => branchApi.offering(id), [id]);
  const [busy, run] = useAction(load);

  const book = () => {
    if (!isSignedIn()) return Taro.navigateTo({ url: ROUTES.login });
    return run(() => branchApi.book(id), (b) => (b.status === 'waitlisted' ? '已加入候补' : '预约成功'));
  };

  const cancelBooking = () =>
    o?.myBooking && run(() => branchApi.cancelBooking(o.myBooking!.id), '已取消预约', { confirm: { title: '取消预约？', content: '取消后名额会让给其他居民。', danger: true, confirmText: '取消预约', cancelText: '保留' } });

  if (!o) {
    return (
      <PageShell>
        <StatusView loading={id > 0 && !error} error={id > 0 ? error : '没有找到这项服务'} onRetry={id > 0 ? load : undefined} />
      </PageShell>
    );
  }

  const left = seatsLeft(o);
  const active = o.myBooking && o.myBooking.status !== 'cancelled';
  return (
    <PageShell className="xfh-branch">
      <Text className="xfh-heading" id="offering-title">{o.title}</Text>
      <Text className="xfh-tag xfh-tag--flagship">{o.categoryName} · {o.serviceItemName}</Text>

      <View className="xfh-card" style={{ marginTop: '12px' }}>
        <View className="xfh-branch__row">
          <Text className="xfh-branch__label">时间</Text>
          <Text className="xfh-branch__value">{formatSlot(o.startAt, o.endAt)}</Text>
        </View>
        <View className="xfh-branch__row">
          <Text className="xfh-branch__label">地点</Text>
          <Text className="xfh-branch__value">{[o.complexName, o.location].filter(Boolean).join(' · ')}</Text>
        </View>
        <View className="xfh-branch__row">
          <Text className="xfh-branch__label">名额</Text>
          <Text className="xfh-branch__value" id="offering-seats">
            共 {o.capacity} 人，已约 {o.bookedCount} 人
          </Text>
        </View>
        <View className="xfh-branch__row">
          <Text className="xfh-branch__label">服务支部</Text>
          <Text className="xfh-link xfh-branch__value" onClick={() => Taro.navigateTo({ url: ROUTES.branchPage(o.branchId) })}>
            {o.branchName}
          </Text>
        </View>
      </View>

      {o.description && (
        <View className="xfh-card">
          <Text>{o.description}</Text>
        </View>
      )}

      {o.status === 'cancelled' ? (
        <StatusView error="这场服务已取消" />
      ) : active ? (
        <View className="xfh-card" id="my-booking">
          <Text>{BOOKING_TEXT[o.myBooking!.status] ?? o.myBooking!.status}</Text>
          {o.myBooking!.waitlistPosition ? <Text className="xfh-muted" style={{ display: 'block' }}>候补第 {o.myBooking!.waitlistPosition} 位</Text> : null}
          {o.myBooking!.canCancel && (
            <ActionButton variant="secondary" id="cancel-booking" onClick={cancelBooking}>
              取消预约
            </ActionButton>
          )}
        </View>
      ) : (
        <ActionButton id="book-offering" disabled={busy || left === 0 || undefined} onClick={book}>
          {left === 0 ? '名额已满' : busy ? '正在预约…' : '立即预约'}
        </ActionButton>
      )}

      {o.canManage && (
        <View style={{ marginTop: '24px' }}>
          <Text className="xfh-section-title">本支部管理</Text>
          <ActionButton id="manage-session" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.branchSession(o.id) })}>
            名单、签到与服务记录
          </ActionButton>
        </View>
      )}
    </PageShell>
  );
}
