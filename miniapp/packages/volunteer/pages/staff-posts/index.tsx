import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { volunteerApi } from '../../../../api/volunteer';
import { aria } from '../../../../a11y';
import ActionButton from '../../../../components/ActionButton';
import { FieldError } from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDay, formatRange, shanghaiInstant, shanghaiToday } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { useAction } from '../../../../useAction';
import '../../styles.scss';

/** Workers publish volunteer posts for their complex and open one to run it. */
export default function StaffPostsPage() {
  const user = useSessionGate();
  const complexId = user?.complexIds?.[0];
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [date, setDate] = useState(shanghaiToday(1));
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('11:00');
  const [positions, setPositions] = useState('5');
  const [rate, setRate] = useState('10');
  const [busy, run] = useAction();

  // after a reload the profile (and so the complex) arrives a moment after the first show
  const { data, error, reload: load } = useRemote(!!complexId, () => volunteerApi.posts(complexId!), [complexId]);
  const posts = data?.items ?? null;

  const publish = () => {
    if (!complexId) return;
    return run(
      () =>
        volunteerApi.publish({
          complexId,
          title: title.trim(),
          description: description.trim(),
          startAt: shanghaiInstant(date, start),
          endAt: shanghaiInstant(date, end),
          positions: Number(positions),
          pointsPerHour: Number(rate),
          skills: [],
        }),
      '已发布',
      {
        then: async (p) => {
          setTitle('');
          setDescription('');
          await load();
          Taro.navigateTo({ url: ROUTES.volunteerStaffPost(p.id) });
        },
      },
    );
  };

  return (
    <PageShell>
      <Text className="xfh-heading">志愿岗位</Text>
      <StatusView empty={user && !complexId ? '您还没有负责的综合体' : null} />
      <StatusView loading={!!complexId && !posts && !error} error={error} onRetry={load} empty={posts?.length === 0 ? '还没有岗位' : null} />
      {posts?.map((p) => (
        <View key={p.id} className="xfh-card xfh-vp-item" {...aria('link')} onClick={() => Taro.navigateTo({ url: ROUTES.volunteerStaffPost(p.id) })}>
          <View className="xfh-vp-item__head">
            <Text className="xfh-vp-item__title">{p.title}</Text>
            <Text className="xfh-vp-status">{p.signedUpCount}/{p.positions}</Text>
          </View>
          <Text className="xfh-muted">{formatRange(p.startAt, p.endAt)}</Text>
        </View>
      ))}

      {complexId && (
        <View className="xfh-card" id="publish-post">
          <Text className="xfh-section-title">发布新岗位</Text>
          <View className="xfh-vp-field">
            <Text className="xfh-vp-field__label">岗位名称</Text>
            <Input id="post-title-input" className="xfh-vp-input" value={title} maxlength={60} placeholder="例如：助老助餐配送" onInput={(e) => setTitle(e.detail.value)} nativeProps={{ 'aria-label': '岗位名称' }} />
            <FieldError name="title" />
          </View>
          <View className="xfh-vp-field">
            <Text className="xfh-vp-field__label">内容说明</Text>
            <Textarea className="xfh-vp-textarea" value={description} maxlength={2000} onInput={(e) => setDescription(e.detail.value)} nativeProps={{ 'aria-label': '内容说明' }} />
            <FieldError name="description" />
          </View>
          <View className="xfh-vp-field">
            <Text className="xfh-vp-field__label">日期与时间</Text>
            <Picker mode="date" value={date} onChange={(e) => setDate(String(e.detail.value))}>
              <View className="xfh-vp-input" {...aria('button', { label: `日期 ${formatDay(date)}` })}>{formatDay(date)}</View>
            </Picker>
            <View className="xfh-vp-actions">
              <Picker mode="time" value={start} onChange={(e) => setStart(String(e.detail.value))}>
                <View className="xfh-vp-input" {...aria('button', { label: `开始 ${start}` })}>开始 {start}</View>
              </Picker>
              <Picker mode="time" value={end} onChange={(e) => setEnd(String(e.detail.value))}>
                <View className="xfh-vp-input" {...aria('button', { label: `结束 ${end}` })}>结束 {end}</View>
              </Picker>
            </View>
            <FieldError name="startAt" />
            <FieldError name="endAt" />
          </View>
          <View className="xfh-vp-actions">
            <View className="xfh-vp-field">
              <Text className="xfh-vp-field__label">名额</Text>
              <Input className="xfh-vp-input" type="number" value={positions} onInput={(e) => setPositions(e.detail.value)} nativeProps={{ 'aria-label': '名额' }} />
              <FieldError name="positions" />
            </View>
            <View className="xfh-vp-field">
              <Text className="xfh-vp-field__label">每小时积分</Text>
              <Input className="xfh-vp-input" type="number" value={rate} onInput={(e) => setRate(e.detail.value)} nativeProps={{ 'aria-label': '每小时积分' }} />
              <FieldError name="pointsPerHour" />
            </View>
          </View>
          <ActionButton id="publish-submit" loading={busy} onClick={publish}>发布岗位</ActionButton>
        </View>
      )}
    </PageShell>
  );
}
