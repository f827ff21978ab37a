import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { bookingApi, type Slot, type SpaceDay } from '../../../../api/booking';
import { devicesApi, occupancyText, type OccupancyT } from '../../../../api/devices';
import ActionButton from '../../../../components/ActionButton';
import Chips from '../../../../components/Chips';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDay, formatTime, shanghaiToday } from '../../../../time';
import { ROUTES } from '../../../../routes';
import './index.scss';
import { confirmDialog } from '../../../../components/ConfirmDialog';

/** 预约场地: pick a date, see each slot's places left, book one (or cancel it). */
export default function SpacePage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [day, setDay] = useState(shanghaiToday());
  const [data, setData] = useState<SpaceDay | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // 智能物联: people there now, from the space's people counter (404 = no counter: nothing shown)
  const [occupancy, setOccupancy] = useState<OccupancyT | null>(null);
  useEffect(() => {
    devicesApi.occupancy(id).then(setOccupancy, () => setOccupancy(null));
  }, [id]);

  const load = useCallback(async () => {
    setError(null);
    try {
      const d = await bookingApi.spaceDay(id, day);
      setData(d);
      Taro.setNavigationBarTitle({ title: d.space.name });
    } catch (e) {
      setError((e as Error).message);
    }
  }, [id, day]);
  useEffect(() => {
    load();
  }, [load]);

  const book = async (s: Slot) => {
    const { confirm } = await confirmDialog({ title: '预约场地', content: `${formatDay(s.day)} ${formatTime(s.startAt)}–${formatTime(s.endAt)}，确定预约吗？`, confirmText: '预约', cancelText: '再想想' });
    if (!confirm) return;
    setBusy(true);
    try {
      await bookingApi.bookSlot(id, s.startAt);
      Taro.showToast({ title: '预约成功', icon: 'success' });
    } finally {
      setBusy(false);
      await load();
    }
  };

  const cancel = async (bookingId: number) => {
    const { confirm } = await confirmDialog({ title: '取消预约', content: '确定取消这个时段吗？', danger: true, confirmText: '确定取消', cancelText: '再想想' });
    if (!confirm) return;
    try {
      await bookingApi.cancelSlot(bookingId);
      Taro.showToast({ title: '已取消', icon: 'success' });
    } finally {
      await load();
    }
  };

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
