import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ACTIVITY_CATEGORIES } from '@shared/booking';
import { bookingApi, type ActivityInput } from '../../../../api/booking';
import { placesApi } from '../../../../api/places';
import { request } from '../../../../api/request';
import ActionButton from '../../../../components/ActionButton';
import Chips from '../../../../components/Chips';
import { FieldError } from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDay, formatTime, shanghaiDayOf, shanghaiInstant, shanghaiToday } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import './index.scss';
import { hint, useAction } from '../../../../useAction';

interface Form {
  complexId: number | null;
  title: string;
  category: string;
  date: string;
  start: string;
  end: string;
  capacity: string;
  waitlist: string;
  points: string;
  location: string;
  description: string;
  elderFriendly: boolean;
  draft: boolean;
}

/** Publish or edit an activity (workers at their complexes; branches at paired complexes). */
export default function EditActivityPage() {
  const user = useSessionGate();
  const { params } = useRouter();
  const id = params.id ? Number(params.id) : null;
  const [complexes, setComplexes] = useState<number[]>([]);
  const [names, setNames] = useState<Record<number, string>>({});
  const [f, setF] = useState<Form>({
    complexId: null,
    title: '',
    category: ACTIVITY_CATEGORIES[0],
    date: shanghaiToday(1),
    start: '09:00',
    end: '10:30',
    capacity: '30',
    waitlist: '0',
    points: '5',
    location: '',
    description: '',
    elderFriendly: false,
    draft: false,
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useAction();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));

  useEffect(() => {
    if (!user) return;
    if ((user.role === 'worker' || user.role === 'street_admin') && user.complexIds) setComplexes(user.complexIds);
    if (user.role === 'branch_admin' && user.branchId) {
      request<{ items: { id: number; complexIds: number[] }[] }>('/branches', { query: { limit: 100 } })
        .then((r) => setComplexes(r.items.find((b) => b.id === user.branchId)?.complexIds ?? []))
        .catch(() => undefined);
    }
  }, [user]);
  useEffect(() => {
    if (complexes.length > 1) placesApi.complexes().then((l) => setNames(Object.fromEntries(l.map((c) => [c.id, c.name])))).catch(() => undefined);
  }, [complexes.length]);
  useEffect(() => {
    if (complexes.length && f.complexId === null) set('complexId', complexes[0]);
  }, [complexes, f.complexId]);

  useEffect(() => {
    if (!id) return;
    bookingApi
      .activity(id)
      .then((a) =>
        setF({
          complexId: a.complexId,
          title: a.title,
          category: a.category,
          date: shanghaiDayOf(a.startAt),
          start: formatTime(a.startAt),
          end: formatTime(a.endAt),
          capacity: String(a.capacity),
          waitlist: String(a.waitlistCapacity),
          points: String(a.pointsReward),
          location: a.location,
          description: a.description,
          elderFriendly: a.elderFriendly,
          draft: a.status === 'draft',
        }),
      )
      .catch((e: Error) => setError(e.message));
  }, [id]);

  const save = () => {
    if (!f.complexId) return hint('没有可发布的综合体');
    const body: ActivityInput = {
      title: f.title.trim(),
      category: f.category,
      startAt: shanghaiInstant(f.date, f.start),
      endAt: shanghaiInstant(f.date, f.end),
      capacity: Number(f.capacity),
      waitlistCapacity: Number(f.waitlist || 0),
      pointsReward: Number(f.points || 0),
      location: f.location.trim(),
      description: f.description.trim(),
      elderFriendly: f.elderFriendly,
      audienceNote: f.elderFriendly ? '适合老年人' : '',
      status: f.draft ? 'draft' : 'published',
    };
    return run(() => (id ? bookingApi.update(id, body) : bookingApi.create({ ...body, complexId: f.complexId! })), id ? '已保存' : '已发布', {
      then: (a) => Taro.redirectTo({ url: ROUTES.roster(a.id) }),
    });
  };

  // `name`: the API field, whose own message from the server shows under it
  const field = (label: string, el: JSX.Element, name?: string) => (
    <View className="xfh-form__field">
      <Text className="xfh-form__label">{label}</Text>
      {el}
      {name && <FieldError name={name} />}
    </View>
  );

  return (
    <PageShell className="xfh-form">
      <Text className="xfh-heading">{id ? '编辑活动' : '发布活动'}</Text>
      <StatusView error={error} />
      {!id && complexes.length > 1 && (
        <Chips label="综合体" value={String(f.complexId ?? '')} onChange={(v) => set('complexId', Number(v))} options={complexes.map((c) => ({ value: String(c), label: names[c] ?? '综合体' }))} />
      )}
      {field('活动名称', <Input nativeProps={{ 'aria-label': '活动名称' }} id="f-title" className="xfh-form__input" value={f.title} maxlength={60} onInput={(e) => set('title', e.detail.value)} placeholder="例如：太极拳入门" />, 'title')}
      {field('类别', <Chips label="类别" value={f.category} onChange={(v) => set('category', v)} options={ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: c }))} />, 'category')}
      {field('日期', <Picker mode="date" value={f.date} start={shanghaiToday()} onChange={(e) => set('date', e.detail.value)}><View className="xfh-form__input xfh-form__picker">{formatDay(f.date)}</View></Picker>)}
      <View className="xfh-form__row">
        {field('开始', <Picker mode="time" value={f.start} onChange={(e) => set('start', e.detail.value)}><View className="xfh-form__input xfh-form__picker">{f.start}</View></Picker>, 'startAt')}
        {field('结束', <Picker mode="time" value={f.end} onChange={(e) => set('end', e.detail.value)}><View className="xfh-form__input xfh-form__picker">{f.end}</View></Picker>, 'endAt')}
      </View>
      <View className="xfh-form__row">
        {field('名额', <Input nativeProps={{ 'aria-label': '名额' }} id="f-capacity" className="xfh-form__input" type="number" value={f.capacity} onInput={(e) => set('capacity', e.detail.value)} />, 'capacity')}
        {field('候补名额', <Input nativeProps={{ 'aria-label': '候补名额' }} className="xfh-form__input" type="number" value={f.waitlist} onInput={(e) => set('waitlist', e.detail.value)} />, 'waitlistCapacity')}
        {field('签到积分', <Input nativeProps={{ 'aria-label': '签到积分' }} className="xfh-form__input" type="number" value={f.points} onInput={(e) => set('points', e.detail.value)} />, 'pointsReward')}
      </View>
      {field('地点', <Input nativeProps={{ 'aria-label': '地点' }} className="xfh-form__input" value={f.location} maxlength={100} onInput={(e) => set('location', e.detail.value)} placeholder="例如：1 楼活力空间" />, 'location')}
      {field('介绍', <Textarea nativeProps={{ 'aria-label': '介绍' }} className="xfh-form__input xfh-form__textarea" value={f.description} maxlength={2000} onInput={(e) => set('description', e.detail.value)} />, 'description')}
      <View className="xfh-form__switch">
        <Text>适合老年人</Text>
        <Switch checked={f.elderFriendly} onChange={(e) => set('elderFriendly', e.detail.value)} nativeProps={{ 'aria-label': '适合老年人' }} />
      </View>
      <View className="xfh-form__switch">
        <Text>先存为草稿（居民看不到）</Text>
        <Switch checked={f.draft} onChange={(e) => set('draft', e.detail.value)} nativeProps={{ 'aria-label': '先存为草稿' }} />
      </View>
      <ActionButton id="save-activity" disabled={busy || !f.title.trim()} onClick={save}>
        {id ? '保存修改' : f.draft ? '保存草稿' : '发布'}
      </ActionButton>
    </PageShell>
  );
}
