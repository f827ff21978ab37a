import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AGENDA_DECISION_LABELS, AGENDA_DECISIONS, type AgendaDecision } from '@shared/opinions';
import { meetingsApi, opinionsApi, pressKey, type MeetingDetail, type OpinionSummary } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import ProjectFromSource from '../../../../components/ProjectFromSource';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { useRemote } from '../../../../refresh';
import { hint, useAction } from '../../../../useAction';
import { useSessionGate } from '../../../../session';
import VenueQr from '../../components/VenueQr';

const DECISION_OPTIONS = AGENDA_DECISIONS.map((d) => ({ value: d, label: AGENDA_DECISION_LABELS[d] }));

/** 议程与纪要: build the agenda from accepted opinions, show the venue QR, publish minutes and decisions. */
export default function StaffMeetingPage() {
  const user = useSessionGate();
  const id = Number(useRouter().params.id);
  const [title, setTitle] = useState('');
  const [minutes, setMinutes] = useState('');
  const [decisions, setDecisions] = useState<Record<number, AgendaDecision>>({});
  const [showQr, setShowQr] = useState(false);
  const key = useRef(pressKey());

  const { data, error, reload: load } = useRemote(
    !!user,
    async () => {
      const meeting = await meetingsApi.detail(id);
      const onAgenda = new Set(meeting.agenda.map((a) => a.opinionId));
      // the candidates are extra: the meeting shows even when they fail (the request wrapper said why)
      const candidates = await Promise.all(['accepted', 'assigned', 'in_progress'].map((status) => opinionsApi.inbox({ status, complexId: meeting.complexId })))
        .then((pages) => pages.flatMap((p) => p.items).filter((o) => !onAgenda.has(o.id)).sort((a, b) => b.cosignCount - a.cosignCount))
        .catch((): OpinionSummary[] => []);
      return { meeting, candidates };
    },
    [id],
  );
  const m: MeetingDetail | null = data?.meeting ?? null;
  const candidates = data?.candidates ?? [];
  const [busy, act] = useAction(load);
  const run = (fn: () => Promise<unknown>, done: string) => (busy ? undefined : act(fn, done));

  if (!m) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }
  const open = m.status === 'scheduled';
  const allDecided = m.agenda.every((a) => decisions[a.id]);

  return (
    <PageShell>
      <View className="xfh-card">
        <Text className="xfh-heading">{m.topic}</Text>
        <Text className="xfh-muted">
          {m.typeLabel} · {formatDateTime(m.startAt)} · {m.place} · 报名 {m.signedCount}/{m.capacity} · 签到 {m.checkedInCount}
        </Text>
      </View>
      {open && (
        <ActionButton variant="secondary" onClick={() => setShowQr(!showQr)}>
          {showQr ? '收起签到码' : '出示现场签到码'}
        </ActionButton>
      )}
      {showQr && <VenueQr meetingId={m.id} />}

      <Text className="xfh-section-title">议程</Text>
      <StatusView empty={m.agenda.length === 0 ? '还没有议题' : null} />
      {m.agenda.map((a) => (
        <View key={a.id} className="xfh-card">
          <Text className="xfh-section-title">
            {a.seq}. {a.title}
          </Text>
          {a.opinionId && <Text className="xfh-muted">来自居民意见 · 附议 {a.cosignCount}</Text>}
          {a.decisionLabel && <Text>决定：{a.decisionLabel}</Text>}
          {a.decision === 'adopted' && m.canManage && <ProjectFromSource sourceType="agenda_item" sourceId={a.id} complexId={m.complexId} title={a.title} />}
          {open && (
            <>
              <ChoiceChips id={`decision-${a.id}`} label="决定" options={DECISION_OPTIONS} value={decisions[a.id] ?? null} onChange={(d) => setDecisions({ ...decisions, [a.id]: d })} />
              <ActionButton variant="danger" onClick={() => run(() => meetingsApi.removeAgenda(m.id, a.id), '已移出')}>
                移出议程
              </ActionButton>
            </>
          )}
        </View>
      ))}

      {open && (
        <>
          <Text className="xfh-section-title">从居民意见加入议程</Text>
          <StatusView empty={candidates.length === 0 ? '没有可加入的已受理意见' : null} />
          {candidates.slice(0, 10).map((o) => (
            <View key={o.id} className="xfh-card">
              <Text>{o.title}</Text>
              <Text className="xfh-muted">附议 {o.cosignCount} · {o.statusLabel}</Text>
              <ActionButton variant="secondary" onClick={() => run(() => meetingsApi.addAgenda(m.id, { opinionId: o.id }), '已加入议程')}>
                加入议程
              </ActionButton>
            </View>
          ))}
          <FormField id="agenda-title" label="或自拟议题" value={title} onInput={setTitle} maxlength={60} />
          <ActionButton variant="secondary" onClick={() => (title.trim() ? run(() => meetingsApi.addAgenda(m.id, { title: title.trim() }).then(() => setTitle('')), '已加入议程') : hint('请填写议题'))}>
            加入议程
          </ActionButton>

          <View className="xfh-card" id="meeting-minutes-form">
            <Text className="xfh-section-title">发布纪要（会后）</Text>
            <FormField id="minutes-text" label="会议纪要" value={minutes} onInput={setMinutes} maxlength={5000} multiline />
            {!allDecided && <Text className="xfh-muted">请先为每个议题选择决定</Text>}
            <ActionButton
             
              onClick={() => (!minutes.trim() || !allDecided ? hint('请填写纪要并为每个议题作出决定') : run(() => meetingsApi.minutes(m.id, { minutes: minutes.trim(), decisions: m.agenda.map((a) => ({ itemId: a.id, decision: decisions[a.id] })) }, key.current), '纪要已发布'))}
            >
              发布纪要与决定
            </ActionButton>
          </View>
        </>
      )}
      {m.minutes && (
        <View className="xfh-card">
          <Text className="xfh-section-title">会议纪要</Text>
          <Text>{m.minutes}</Text>
        </View>
      )}
    </PageShell>
  );
}
