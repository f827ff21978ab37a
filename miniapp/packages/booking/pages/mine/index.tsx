import { Text, View } from '@tarojs/components';
import { BOOKING_STATUS_LABELS } from '@shared/booking';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { bookingApi } from '../../../../api/booking';
import { aria } from '../../../../a11y';
import ActionButton from '../../../../components/ActionButton';
import Chips from '../../../../components/Chips';
import PageShell from '../../../../components/PageShell';
import QrImage from '../../../../components/QrImage';
import StatusView from '../../../../components/StatusView';
import { formatRange } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useAction } from '../../../../useAction';
import './index.scss';

type Tab = 'activities' | 'spaces';
const ACTIVE = ['booked', 'waitlisted', 'checked_in'];

/** 我的预约: activity and space bookings, each with its QR booking code and a cancel button. */
export default function MyBookingsPage() {
  const [tab, setTab] = useState<Tab>('activities');
  const { data, error, reload: load } = useRemote(true, () => Promise.all([bookingApi.myBookings(), bookingApi.mySlotBookings()]));
  const acts = data?.[0].items ?? null;
  const slots = data?.[1].items ?? null;
  const [qr, setQr] = useState<{ key: string; dataUrl: string; code: string } | null>(null);
  // the activity booking just cancelled here: one tap books it again (while seats last)
  const [undo, setUndo] = useState<{ activityId: number; title: string } | null>(null);
  const [, run] = useAction(load);
  const [, fetchCode] = useAction();

  const showQr = (kind: 'a' | 's', id: number) => {
    const key = `${kind}${id}`;
    if (qr?.key === key) return setQr(null);
    return fetchCode(async () => setQr({ key, ...(kind === 'a' ? await bookingApi.bookingQr(id) : await bookingApi.slotQr(id)) }), null);
  };

  const cancel = (kind: 'a' | 's', id: number, title: string, activityId?: number) =>
    run(
      async () => {
        if (kind === 'a') await bookingApi.cancel(id);
        else await bookingApi.cancelSlot(id);
        // a cancelled booking's code no longer checks anyone in: never leave it on screen
        if (qr?.key === `${kind}${id}`) setQr(null);
        setUndo(kind === 'a' && activityId ? { activityId, title } : null);
      },
      '已取消',
      { confirm: { title: '取消预约', content: `确定取消「${title}」吗？`, danger: true, confirmText: '确定取消', cancelText: '再想想' }, afterFailure: true },
    );

  const rebook = () => {
    if (!undo) return;
    return run(() => bookingApi.book(undo.activityId), (r) => (r.status === 'waitlisted' ? '已重新排入候补' : '已重新预约'), { then: () => setUndo(null), afterFailure: true });
  };

  const code = (key: string, status: string) =>
    status === 'booked' &&
    qr?.key === key && (
      <View className="xfh-mine__qr">
        <QrImage className="xfh-mine__qr-img" src={qr.dataUrl} alt="我的预约码二维码" />
        <Text className="xfh-muted">到场后请出示给工作人员扫码签到</Text>
      </View>
    );

  return (
    <PageShell className="xfh-mine">
      <Chips label="预约类型" value={tab} onChange={setTab} options={[{ value: 'activities', label: '活动' }, { value: 'spaces', label: '场地' }]} />
      <StatusView loading={!acts && !error} error={error} onRetry={load} />
      {undo && (
        <View className="xfh-card" id="booking-undo">
          <Text>{`已取消「${undo.title}」。取消错了？`}</Text>
          <ActionButton id="booking-rebook" variant="secondary" onClick={rebook}>
            重新预约
          </ActionButton>
        </View>
      )}
      {tab === 'activities' && acts && (
        <View id="my-activity-bookings">
          <StatusView empty={acts.length === 0 ? '还没有预约活动' : null} />
          {acts.map((b) => (
            <View key={b.id} className={`xfh-card xfh-mine__item${ACTIVE.includes(b.status) ? '' : ' xfh-mine__item--past'}`}>
              <View className="xfh-mine__head" onClick={() => Taro.navigateTo({ url: ROUTES.activity(b.activityId) })} {...aria('link')}>
                <Text className="xfh-mine__title">{b.activity.title}</Text>
                <Text className={`xfh-mine__status xfh-mine__status--${b.status}`}>{BOOKING_STATUS_LABELS[b.status]}</Text>
              </View>
              <Text>{formatRange(b.activity.startAt, b.activity.endAt)}</Text>
              <Text className="xfh-muted">{b.activity.complexName}{b.activity.location ? ` · ${b.activity.location}` : ''}</Text>
              {b.bookedByName && <Text className="xfh-muted">{`家人${b.bookedByName}为您代约`}</Text>}
              {b.status === 'booked' && (
                <ActionButton variant="secondary" onClick={() => showQr('a', b.id)}>
                  {qr?.key === `a${b.id}` ? '收起预约码' : '出示预约码'}
                </ActionButton>
              )}
              {code(`a${b.id}`, b.status)}
              {b.canCancel && (
                <ActionButton variant="danger" onClick={() => cancel('a', b.id, b.activity.title, b.activityId)}>
                  {b.status === 'waitlisted' ? '取消候补' : '取消预约'}
                </ActionButton>
              )}
            </View>
          ))}
        </View>
      )}
      {tab === 'spaces' && slots && (
        <View>
          <StatusView empty={slots.length === 0 ? '还没有预约场地' : null} />
          {slots.map((b) => (
            <View key={b.id} className={`xfh-card xfh-mine__item${ACTIVE.includes(b.status) ? '' : ' xfh-mine__item--past'}`}>
              <View className="xfh-mine__head">
                <Text className="xfh-mine__title">{b.spaceName}</Text>
                <Text className={`xfh-mine__status xfh-mine__status--${b.status}`}>{BOOKING_STATUS_LABELS[b.status]}</Text>
              </View>
              <Text>{formatRange(b.startAt, b.endAt)}</Text>
              {b.status === 'booked' && (
                <ActionButton variant="secondary" onClick={() => showQr('s', b.id)}>
                  {qr?.key === `s${b.id}` ? '收起预约码' : '出示预约码'}
                </ActionButton>
              )}
              {code(`s${b.id}`, b.status)}
              {b.canCancel && (
                <ActionButton variant="danger" onClick={() => cancel('s', b.id, b.spaceName)}>
                  取消预约
                </ActionButton>
              )}
            </View>
          ))}
        </View>
      )}
      <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.checkin })}>
        到场扫码签到
      </ActionButton>
    </PageShell>
  );
}
