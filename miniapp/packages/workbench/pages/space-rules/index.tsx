import { Input, Picker, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { bookingApi, type SpaceRules } from '../../../../api/booking';
import ActionButton from '../../../../components/ActionButton';
import { FieldError } from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDay, formatTime, shanghaiToday } from '../../../../time';
import { useAction } from '../../../../useAction';
import RotatingCode from '../../components/RotatingCode';
import '../activity-edit/index.scss';

type Roster = Awaited<ReturnType<typeof bookingApi.spaceRoster>>;

/** 场地预约管理: opening hours and quotas, closed days, today's bookings and the check-in code. */
export default function SpaceAdminPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const [rules, setRules] = useState<SpaceRules | null>(null);
  const [hours, setHours] = useState({ open: '08:30', close: '20:30' });
  const [blackouts, setBlackouts] = useState<{ day: string; reason: string }[]>([]);
  const [newDay, setNewDay] = useState(shanghaiToday(1));
  const [reason, setReason] = useState('');
  const [roster, setRoster] = useState<Roster | null>(null);
  const [showQr, setShowQr] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [r, b, today] = await Promise.all([bookingApi.spaceRules(id), bookingApi.blackouts(id), bookingApi.spaceRoster(id, shanghaiToday())]);
      setRules(r);
      const first = Object.values(r.weeklyHours).find((w) => w && w.length)?.[0];
      if (first) setHours({ open: first.open, close: Object.values(r.weeklyHours).find((w) => w && w.length)!.slice(-1)[0].close });
      setBlackouts(b.items);
      setRoster(today);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [id]);
  useEffect(() => {
    load();
  }, [load]);

  const num = (k: keyof SpaceRules, label: string) => (
    <Input nativeProps={{ 'aria-label': label }} className="xfh-form__input" type="number" value={String(rules?.[k] ?? '')} onInput={(e) => setRules((r) => (r ? { ...r, [k]: Number(e.detail.value) } : r))} />
  );

  const [, run] = useAction(load);
  // the answer is the saved rules: nothing to reload
  const [, save] = useAction();
  const saveRules = () => {
    if (!rules) return;
    const weeklyHours = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ open: hours.open, close: hours.close }]]));
    return save(async () => setRules(await bookingApi.putSpaceRules(id, { ...rules, weeklyHours })), '规则已保存');
  };

  const addBlackout = () =>
    run(() => bookingApi.addBlackout(id, newDay, reason.trim()), (r) => (r.cancelledBookings ? `已暂停，取消 ${r.cancelledBookings} 个预约` : '已设为暂停开放'), {
      confirm: {
        title: '暂停开放这一天？',
        content: `${formatDay(newDay)}已有的场地预约会全部取消，并通知预约的居民。`,
        danger: true,
        confirmText: '暂停开放',
        cancelText: '再想想',
      },
      plain: true,
      then: () => setReason(''),
    });

  const field = (label: string, el: JSX.Element, name?: string) => (
    <View className="xfh-form__field">
      <Text className="xfh-form__label">{label}</Text>
      {el}
      {name && <FieldError name={name} />}
    </View>
  );

  if (!rules) return <PageShell><StatusView loading={!error} error={error} onRetry={load} /></PageShell>;

  return (
    <PageShell className="xfh-form">
      <Text className="xfh-heading">场地预约管理</Text>
      <ActionButton onClick={() => setShowQr(!showQr)}>{showQr ? '收起签到码' : '出示现场签到码'}</ActionButton>
      {showQr && <RotatingCode load={() => bookingApi.spaceCheckinCode(id)} />}

      <Text className="xfh-section-title">今天的预约（{roster?.items.length ?? 0}）</Text>
      <StatusView empty={roster?.items.length === 0 ? '今天还没有预约' : null} />
      {roster?.items.map((r) => (
        <View key={r.bookingId} className="xfh-card">
          <Text>{formatTime(r.startAt)}–{formatTime(r.endAt)} · {r.nickname} {r.phoneMasked ?? ''} · {r.statusLabel}</Text>
        </View>
      ))}

      <Text className="xfh-section-title">预约规则</Text>
      <View className="xfh-form__row">
        {field('每天开门', <Picker mode="time" value={hours.open} onChange={(e) => setHours((h) => ({ ...h, open: e.detail.value }))}><View className="xfh-form__input xfh-form__picker">{hours.open}</View></Picker>)}
        {field('关门', <Picker mode="time" value={hours.close} onChange={(e) => setHours((h) => ({ ...h, close: e.detail.value }))}><View className="xfh-form__input xfh-form__picker">{hours.close}</View></Picker>)}
      </View>
      <View className="xfh-form__row">
        {field('时段（分钟）', num('slotMinutes', '时段（分钟）'), 'slotMinutes')}
        {field('每时段人数', num('capacityPerSlot', '每时段人数'), 'capacityPerSlot')}
      </View>
      <View className="xfh-form__row">
        {field('可提前天数', num('daysAhead', '可提前天数'), 'daysAhead')}
        {field('每人每天', num('perUserPerDay', '每人每天'), 'perUserPerDay')}
        {field('每人每周', num('perUserPerWeek', '每人每周'), 'perUserPerWeek')}
      </View>
      <ActionButton onClick={saveRules}>保存规则</ActionButton>

      <Text className="xfh-section-title">暂停开放日</Text>
      {blackouts.map((b) => (
        <View key={b.day} className="xfh-card">
          <Text>{formatDay(b.day)}{b.reason ? ` · ${b.reason}` : ''}</Text>
          <ActionButton variant="secondary" onClick={() => run(() => bookingApi.removeBlackout(id, b.day), null)}>恢复开放</ActionButton>
        </View>
      ))}
      <View className="xfh-form__row">
        {field('日期', <Picker mode="date" value={newDay} start={shanghaiToday()} onChange={(e) => setNewDay(e.detail.value)}><View className="xfh-form__input xfh-form__picker">{newDay}</View></Picker>)}
        {field('原因', <Input nativeProps={{ 'aria-label': '暂停原因' }} className="xfh-form__input" value={reason} maxlength={60} onInput={(e) => setReason(e.detail.value)} placeholder="如：设备检修" />)}
      </View>
      <ActionButton variant="danger" onClick={addBlackout}>设为暂停开放（已有预约将取消并通知）</ActionButton>
    </PageShell>
  );
}
