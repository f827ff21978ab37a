import { Text, View } from '@tarojs/components';
import { BOOKING_STATUS_LABELS } from '@shared/booking';
import Taro, { useRouter } from '@tarojs/taro';
import { bookingApi, type ActivityDetail } from '../../../../api/booking';
import { aria } from '../../../../a11y';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime, formatRange } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useAction } from '../../../../useAction';
import './index.scss';

/** Why the book button is off, or null when it may be pressed. */
function closedReason(a: ActivityDetail, now: number): string | null {
  if (a.status === 'cancelled') return '活动已取消';
  if (a.status === 'finished' || Date.parse(a.endAt) <= now) return '活动已结束';
  if (a.bookingOpensAt && Date.parse(a.bookingOpensAt) > now) return `${formatDateTime(a.bookingOpensAt)} 开放预约`;
  if (Date.parse(a.bookingClosesAt) <= now) return '预约已截止';
  return null;
}

/** One activity: details, seats left and the waitlist; book, join the waitlist or cancel. */
export default function ActivityDetailPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { data: a, error, reload: load } = useRemote(true, () => bookingApi.activity(id), [id]);
  const [busy, run] = useAction(load);

  const book = () => run(() => bookingApi.book(id), (r) => (r.status === 'booked' ? '预约成功' : '已加入候补'), { afterFailure: true });

  const cancel = () => {
    if (!a?.myBooking) return;
    const booking = a.myBooking;
    return run(() => bookingApi.cancel(booking.id), '已取消', {
      confirm: { title: '取消预约', content: `确定取消「${a.title}」的${booking.status === 'waitlisted' ? '候补' : '预约'}吗？`, danger: true, confirmText: '确定取消', cancelText: '再想想' },
      afterFailure: true,
    });
  };

  if (!a) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }

  const mine = a.myBooking && ['booked', 'waitlisted', 'checked_in'].includes(a.myBooking.status) ? a.myBooking : null;
  const closed = closedReason(a, Date.now());
  const waitLeft = a.waitlistCapacity - a.waitlistCount;

  return (
    <PageShell className="xfh-detail">
      <Text className="xfh-heading" id="activity-title">{a.title}</Text>
      <View className="xfh-detail__tags">
        {a.elderFriendly && <Text className="xfh-tag xfh-tag--flagship">适合老年人</Text>}
        <Text className="xfh-tag xfh-tag--star_moon">{a.category}</Text>
        {a.pointsReward > 0 && <Text className="xfh-tag xfh-tag--pearl_chain">签到 +{a.pointsReward} 积分</Text>}
      </View>

      <View className="xfh-card xfh-detail__seats" {...aria(null, { live: 'polite' })} id="activity-seats">
        <View className="xfh-detail__seat">
          <Text className="xfh-detail__num">{a.seatsLeft}</Text>
          <Text className="xfh-muted">剩余名额</Text>
        </View>
        <View className="xfh-detail__seat">
          <Text className="xfh-detail__num">{a.bookedCount}/{a.capacity}</Text>
          <Text className="xfh-muted">已预约</Text>
        </View>
        {a.waitlistCapacity > 0 && (
          <View className="xfh-detail__seat">
            <Text className="xfh-detail__num">{a.waitlistCount}/{a.waitlistCapacity}</Text>
            <Text className="xfh-muted">候补</Text>
          </View>
        )}
      </View>

      <View className="xfh-card">
        <View className="xfh-detail__row"><Text className="xfh-detail__label">时间</Text><Text>{formatRange(a.startAt, a.endAt)}</Text></View>
        <View className="xfh-detail__row"><Text className="xfh-detail__label">地点</Text><Text>{a.complexName}{a.location ? ` · ${a.location}` : ''}</Text></View>
        {a.organizerBranchName && <View className="xfh-detail__row"><Text className="xfh-detail__label">主办</Text><Text>{a.organizerBranchName}</Text></View>}
        {a.audienceNote && <View className="xfh-detail__row"><Text className="xfh-detail__label">对象</Text><Text>{a.audienceNote}</Text></View>}
        <View className="xfh-detail__row"><Text className="xfh-detail__label">取消</Text><Text>{formatDateTime(a.cancelDeadline)} 前可取消</Text></View>
      </View>

      {a.description && (
        <View className="xfh-card">
          <Text>{a.description}</Text>
        </View>
      )}

      {mine && (
        <View className="xfh-card xfh-detail__mine" id="my-booking">
          <Text className="xfh-detail__mine-status">
            {BOOKING_STATUS_LABELS[mine.status]}
            {mine.waitlistPosition ? `（第 ${mine.waitlistPosition} 位，有人取消后自动转为正式预约并通知您）` : ''}
          </Text>
          {mine.status !== 'waitlisted' && (
            <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.myBookings })}>
              查看预约码
            </ActionButton>
          )}
          {mine.canCancel && (
            <ActionButton variant="danger" disabled={busy} onClick={cancel}>
              {mine.status === 'waitlisted' ? '取消候补' : '取消预约'}
            </ActionButton>
          )}
        </View>
      )}

      {!mine &&
        (closed ? (
          <ActionButton disabled>{closed}</ActionButton>
        ) : a.seatsLeft > 0 ? (
          <ActionButton id="book-button" disabled={busy} onClick={book}>立即预约</ActionButton>
        ) : waitLeft > 0 ? (
          <ActionButton id="book-button" disabled={busy} onClick={book}>名额已满，加入候补</ActionButton>
        ) : (
          <ActionButton disabled>已约满</ActionButton>
        ))}

      {a.canManage && (
        <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.roster(a.id) })}>
          报名名单与签到
        </ActionButton>
      )}
    </PageShell>
  );
}
