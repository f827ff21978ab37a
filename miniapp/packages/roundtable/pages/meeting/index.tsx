import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { meetingsApi, pressKey, type MeetingDetail } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { useAction } from '../../../../useAction';

/** One meeting: agenda, sign-up (capacity-safe on the server), check-in by the venue QR, minutes. */
export default function MeetingPage() {
  const user = useSessionGate();
  const id = Number(useRouter().params.id);
  const { data: m, error, reload: load } = useRemote<MeetingDetail>(!!user, () => meetingsApi.detail(id), [id]);
  const [code, setCode] = useState('');
  const [busy, run] = useAction(load);
  const key = useRef(pressKey());

  const act = (fn: () => Promise<unknown>, done: string) => (busy ? undefined : run(fn, done));

  /** WeChat scans the venue QR; the browser build types the code shown under it. */
  const checkIn = async () => {
    let value = code.trim();
    if (process.env.TARO_ENV === 'weapp') {
      try {
        value = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
      } catch {
        return;
      }
    }
    if (value) await act(() => meetingsApi.checkIn(id, value), '签到成功');
  };

  if (!m) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }
  const started = new Date(m.startAt).getTime() <= Date.now();

  return (
    <PageShell>
      <View className="xfh-card">
        <Text className="xfh-tag xfh-tag--flagship">{m.typeLabel}</Text>
        <Text className="xfh-heading">{m.topic}</Text>
        <Text>时间：{formatDateTime(m.startAt)} – {formatDateTime(m.endAt).split(' ')[1]}</Text>
        <Text>地点：{m.complexName} {m.place}</Text>
        <Text className="xfh-muted">已报名 {m.signedCount}/{m.capacity} 人{m.checkedInCount ? ` · 已签到 ${m.checkedInCount} 人` : ''}</Text>
        {m.description && <Text>{m.description}</Text>}
      </View>

      {m.status === 'scheduled' && !m.mySignup &&
        (m.signupOpen ? (
          <ActionButton id="meeting-signup" loading={busy} onClick={() => act(() => meetingsApi.signUp(id, key.current), '报名成功')}>
            报名参加
          </ActionButton>
        ) : (
          <Text className="xfh-card">{started ? '会议已开始，不能报名' : '名额已满'}</Text>
        ))}
      {m.mySignup && !m.mySignup.checkedInAt && m.status === 'scheduled' && (
        <View className="xfh-card" id="meeting-checkin">
          <Text className="xfh-section-title">到场签到</Text>
          {process.env.TARO_ENV !== 'weapp' && <FormField id="meeting-code" name="code" label="签到码（现场工作人员出示）" value={code} onInput={setCode} />}
          <ActionButton onClick={checkIn}>
            {process.env.TARO_ENV === 'weapp' ? '扫码签到' : '签到'}
          </ActionButton>
          {!started && (
            <ActionButton variant="secondary" onClick={() => act(() => meetingsApi.cancel(id), '已取消报名')}>
              取消报名
            </ActionButton>
          )}
        </View>
      )}
      {m.mySignup?.checkedInAt && <Text className="xfh-card">您已于 {formatDateTime(m.mySignup.checkedInAt)} 签到</Text>}

      <Text className="xfh-section-title">议程</Text>
      <StatusView empty={m.agenda.length === 0 ? '议程还在征集中' : null} />
      {m.agenda.map((a) => (
        <View key={a.id} className="xfh-card" onClick={a.opinionId ? () => Taro.navigateTo({ url: ROUTES.opinion(a.opinionId!) }) : undefined}>
          <Text className="xfh-section-title">
            {a.seq}. {a.title}
          </Text>
          {a.opinionId && <Text className="xfh-muted">来自居民意见 · 附议 {a.cosignCount}</Text>}
          {a.decisionLabel && (
            <Text>
              决定：{a.decisionLabel}
              {a.decisionNote ? `（${a.decisionNote}）` : ''}
            </Text>
          )}
        </View>
      ))}

      {m.minutes && (
        <View className="xfh-card" id="meeting-minutes">
          <Text className="xfh-section-title">会议纪要</Text>
          <Text>{m.minutes}</Text>
        </View>
      )}
      {m.canManage && (
        <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.staffMeeting(m.id) })}>
          管理议程与纪要
        </ActionButton>
      )}
    </PageShell>
  );
}
