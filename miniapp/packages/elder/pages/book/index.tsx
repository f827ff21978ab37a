import { Text, View } from '@tarojs/components';
import { BOOKING_STATUS_LABELS } from '@shared/booking';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { bookingApi, type ActivitySummary, type MyActivityBooking } from '../../../../api/booking';
import ActionButton from '../../../../components/ActionButton';
import ActivityCard from '../../../../components/ActivityCard';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useSessionGate } from '../../../../session';
import { formatDateTime } from '../../../../time';
import { confirmDialog } from '../../../../components/ConfirmDialog';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

/**
 * 亲情代办：a family member books activities for a linked senior. The booking is the senior's (their
 * quota and rules), they are told, and each action shows in their 家人代办记录.
 */
export default function BookForSeniorPage() {
  useSessionGate();
  const { params } = useRouter();
  const seniorId = Number(params.seniorId);
  // Opened without a senior (a stale link, a share): say so instead of asking for /family/NaN.
  const noSenior = !Number.isInteger(seniorId) || seniorId <= 0;
  const { data, error: loadError, reload: load } = useRemote(!noSenior, () => Promise.all([bookingApi.seniorBookings(seniorId), bookingApi.activities({})]), [seniorId]);
  const error = noSenior ? '请先在“亲情代办”里选择要代办的长辈' : loadError;
  const mine = data?.[0].items ?? null;
  const list = data?.[1].items.filter((x) => x.status === 'published') ?? null;
  const [running, run] = useAction(load);
  const [which, setWhich] = useState<string | null>(null);
  const busy = running ? which : null;
  const failed = (title: string) => (e: unknown) => confirmDialog({ title, content: (e as Error).message, showCancel: false, confirmText: '知道了' });

  const book = (a: ActivitySummary) => {
    setWhich(`book-${a.id}`);
    return run(() => bookingApi.bookFor(a.id, seniorId), (r) => (r.status === 'booked' ? '已替TA预约' : '已替TA候补'), {
      confirm: { title: '替TA预约', content: `确定替长辈预约「${a.title}」吗？长辈会收到通知。`, confirmText: '确定预约', cancelText: '再想想' },
      onError: failed('没有预约成功'),
    });
  };

  const cancel = (b: MyActivityBooking) => {
    setWhich(`cancel-${b.id}`);
    return run(() => bookingApi.cancelFor(b.id, seniorId), '已取消', {
      confirm: { title: '取消预约', content: `确定替长辈取消「${b.activity.title}」吗？`, danger: true, confirmText: '确定取消', cancelText: '再想想' },
      onError: failed('没有取消成功'),
    });
  };

  const booked = new Set(mine?.map((b) => b.activityId));

  return (
    <PageShell className="xfh-elder">
      <StatusView loading={!list && !error} error={error} onRetry={load} />
      <Text className="xfh-section-title">TA已预约的活动</Text>
      <StatusView empty={mine && mine.length === 0 ? '长辈还没有预约活动' : null} />
      <View id="senior-bookings">
        {mine?.map((b) => (
          <View key={b.id} className="xfh-card">
            <Text className="xfh-section-title">{b.activity.title}</Text>
            <Text>{`${formatDateTime(b.activity.startAt)} · ${b.activity.complexName}`}</Text>
            <Text className="xfh-muted">{`${BOOKING_STATUS_LABELS[b.status]}${b.bookedByName ? ` · ${b.bookedByName}代约` : ''}`}</Text>
            {b.canCancel && (
              <ActionButton variant="danger" loading={busy === `cancel-${b.id}`} disabled={!!busy} onClick={() => cancel(b)}>
                替TA取消
              </ActionButton>
            )}
          </View>
        ))}
      </View>
      <Text className="xfh-section-title">近期活动</Text>
      <StatusView empty={list && list.length === 0 ? '近期没有可以预约的活动' : null} />
      <View id="activities-for-senior">
        {list?.map((a) => (
          <View key={a.id}>
            <ActivityCard a={a} onClick={() => undefined} />
            {booked.has(a.id) ? (
              <ActionButton variant="secondary" disabled>
                TA已预约
              </ActionButton>
            ) : (
              <ActionButton id={`book-for-${a.id}`} loading={busy === `book-${a.id}`} disabled={!!busy} onClick={() => book(a)}>
                替TA预约
              </ActionButton>
            )}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
