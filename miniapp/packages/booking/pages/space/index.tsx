import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { bookingApi, type Slot } from '../../../../api/booking';
import { devicesApi, occupancyText, type OccupancyT } from '../../../../api/devices';
import ActionButton from '../../../../components/ActionButton';
import Chips from '../../../../components/Chips';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDay, formatTime, shanghaiToday } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useAction } from '../../../../useAction';
import './index.scss';

/** 预约场地: pick a date, see each slot's places left, book one (or cancel it). */
export default function SpacePage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [day, setDay] = useState(shanghaiToday());
  // 智能物联: people there now, from the space's people counter (404 = no counter: nothing shown)
  const { data: occupancy } = useRemote<OccupancyT | null>(true, () => devicesApi.occupancy(id).catch(() => null), [id]);
  const { data, error, reload: load } = useRemote(
    true,
    async () => {
      const d = await bookingApi.spaceDay(id, day);
      Taro.setNavigationBarTitle({ title: d.space.name });
      return d;
    },
    [id, day],
  );
  const [busy, run] = useAction(load);

  const book = (s: Slot) =>
    run(() => bookingApi.bookSlot(id, s.startAt), '预约成功', {
      confirm: { title: '预约场地', content: `${formatDay(s.day)} ${formatTime(s.startAt)}–${formatTime(s.endAt)}，确定预约吗？`, confirmText: '预约', cancelText: '再想想' },
      afterFailure: true,
    });

  const cancel = (bookingId: number) =>
    run(() => bookingApi.cancelSlot(bookingId), '已取消', { confirm: { title: '取消预约', content: '确定取消这个时段吗？', danger: true, confirmText: '确定取消', cancelText: '再想想' }, afterFailure: true });

  const days = data?.days ?? [day];
  const r = data?.rules;
  return (
    <PageShell className="xfh-space">
      {data && <Text className="xfh-heading">{data.space.name}</Text>}
      {data && <Text className="xfh-muted">{data.space.complexName}{data.space.description ? ` · ${data.space.description}` : ''}</Text>}
      {occupancy && (
        <Text id="space-occupancy" className={occupancy.full ? 'xfh-error' : 'xfh-section-title'}>
          {`${occupancyText(occupancy)}${occupancy.full ? ' · 已满' : ''}`}
        </Text>
      )}
      {r && (
        <Text className="xfh-muted xfh-space__rules">
          每时段 {r.slotMinutes} 分钟 · {r.capacityPerSlot === 1 ? '整间预约' : `每时段 ${r.capacityPerSlot} 人`} · 每人每天最多 {r.perUserPerDay} 个、每周 {r.perUserPerWeek} 个时段 · 开始前 {r.cancelDeadlineMinutes} 分钟可取消
        </Text>
      )}
      <Chips label="日期" value={day} onChange={setDay} options={days.map((d) => ({ value: d, label: d === shanghaiToday() ? '今天' : formatDay(d) }))} />
      <StatusView loading={!data && !error} error={error} onRetry={load} />
      {data?.blackout && (
        <View className="xfh-card xfh-space__closed">
          <Text>这一天暂停开放{data.blackout.reason ? `：${data.blackout.reason}` : ''}</Text>
        </View>
      )}
      {data && !data.blackout && <StatusView empty={data.items.length === 0 ? '这一天不开放' : null} />}
      <View id="slot-list">
        {data?.items.map((s) => (
          <View key={s.startAt} className="xfh-card xfh-space__slot">
            <View>
              <Text className="xfh-space__time">{formatTime(s.startAt)}–{formatTime(s.endAt)}</Text>
              <Text className={`xfh-space__left${s.placesLeft === 0 ? ' xfh-space__left--none' : ''}`}>
                {s.myBookingId ? '已预约' : s.placesLeft > 0 ? `余 ${s.placesLeft} 位` : '已满'}
              </Text>
            </View>
            {s.myBookingId ? (
              <ActionButton variant="danger" className="xfh-space__btn" onClick={() => cancel(s.myBookingId!)}>取消</ActionButton>
            ) : (
              <ActionButton className="xfh-space__btn" disabled={busy || !s.bookable} onClick={() => book(s)}>
                {s.bookable ? '预约' : '不可约'}
              </ActionButton>
            )}
          </View>
        ))}
      </View>
      <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.myBookings })}>
        我的预约
      </ActionButton>
    </PageShell>
  );
}
