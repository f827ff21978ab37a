import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { MEETING_TYPE_LABELS, MEETING_TYPES, type MeetingType } from '@shared/opinions';
import { meetingsApi, pressKey, votesApi, type Meeting, type VoteSummary } from '../../../../api/roundtable';
import { aria } from '../../../../a11y';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import { DateTimeField } from '../../../../components/PickerField';
import StatusView from '../../../../components/StatusView';
import { formatDateTime, shanghaiInput, shanghaiToday } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useShowLoad } from '../../../../refresh';
import { useSessionGate } from '../../../../session';

const TYPE_OPTIONS = MEETING_TYPES.map((t) => ({ value: t, label: MEETING_TYPE_LABELS[t] }));

/** 议事会管理: schedule meetings of one's complex, open votes, and go to each one's agenda and minutes. */
export default function StaffMeetingsPage() {
  const user = useSessionGate();
  const complexId = user?.complexIds?.[0];
  const [meetings, setMeetings] = useState<Meeting[] | null>(null);
  const [votes, setVotes] = useState<VoteSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ type: 'roundtable' as MeetingType, topic: '', place: '', start: `${shanghaiToday(1)} 14:00`, end: `${shanghaiToday(1)} 16:00`, capacity: '30' });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(pressKey());

  const load = async () => {
    setError(null);
    try {
      setMeetings((await meetingsApi.list({ complexId })).items);
      setVotes((await votesApi.list({ complexId })).items);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useShowLoad(!!user, load);

  const schedule = async () => {
    const startAt = shanghaiInput(form.start);
    const endAt = shanghaiInput(form.end);
    if (!complexId) return setFormError('您还没有负责的综合体');
    if (!form.topic.trim() || !form.place.trim()) return setFormError('请填写主题和地点');
    if (!startAt || !endAt) return setFormError('请选择开始和结束时间');
    if (endAt <= startAt) return setFormError('结束时间应晚于开始时间');
    setFormError(null);
    setBusy(true);
    try {
      const r = await meetingsApi.schedule({ complexId, type: form.type, topic: form.topic.trim(), place: form.place.trim(), startAt, endAt, capacity: Number(form.capacity) || 1 }, key.current);
      key.current = pressKey();
      Taro.navigateTo({ url: ROUTES.staffMeeting(r.id) });
    } catch (e) {
      const fields = (e as { details?: { fields?: Record<string, string> } }).details?.fields;
      if (fields) setFormError(Object.values(fields).join('；'));
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });

  return (
    <PageShell>
      <Text className="xfh-heading">议事会与票决</Text>
      <StatusView loading={meetings === null && !error} error={error} onRetry={load} empty={meetings?.length === 0 ? '近期没有会议' : null} />
      {meetings?.map((m) => (
        <View key={m.id} className="xfh-card" onClick={() => Taro.navigateTo({ url: ROUTES.staffMeeting(m.id) })} {...aria('link')}>
          <Text className="xfh-section-title">{m.topic}</Text>
          <Text className="xfh-muted">
            {m.typeLabel} · {formatDateTime(m.startAt)} · 报名 {m.signedCount}/{m.capacity}
          </Text>
        </View>
      ))}

      <Text className="xfh-section-title">票决</Text>
      {votes.map((v) => (
        <View key={v.id} className="xfh-card" onClick={() => Taro.navigateTo({ url: ROUTES.staffVote(v.id) })} {...aria('link')}>
          <Text>{v.question}</Text>
          <Text className="xfh-muted">截止 {formatDateTime(v.closesAt)}</Text>
        </View>
      ))}
      <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.staffVote() })}>
        发起票决
      </ActionButton>

      <View className="xfh-card" id="schedule-meeting">
        <Text className="xfh-section-title">安排新会议</Text>
        <ChoiceChips id="meeting-type" label="会议类型" options={TYPE_OPTIONS} value={form.type} onChange={(v) => setForm({ ...form, type: v })} />
        <FormField id="meeting-topic" label="主题" value={form.topic} onInput={set('topic')} maxlength={60} />
        <FormField id="meeting-place" label="地点" value={form.place} onInput={set('place')} maxlength={100} />
        <DateTimeField id="meeting-start" label="开始时间" value={form.start} onChange={set('start')} start={shanghaiToday()} />
        <DateTimeField id="meeting-end" label="结束时间" value={form.end} onChange={set('end')} start={shanghaiToday()} />
        <FormField id="meeting-capacity" label="名额" type="number" value={form.capacity} onInput={set('capacity')} />
        {formError && <Text className="xfh-error">{formError}</Text>}
        <ActionButton loading={busy} onClick={schedule}>
          安排会议
        </ActionButton>
      </View>
    </PageShell>
  );
}
