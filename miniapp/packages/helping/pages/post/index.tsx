import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { HELP_CATEGORIES, HELP_CATEGORY_LABELS, HELP_POINTS_DEFAULT, HELP_POINTS_MAX, HELP_POINTS_MIN, type HelpCategory } from '@shared/helping';
import { aria } from '../../../../a11y';
import { careApi } from '../../../../api/care';
import { helpingApi } from '../../../../api/helping';
import { pointsApi } from '../../../../api/points';
import ActionButton from '../../../../components/ActionButton';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDay, shanghaiInstant, shanghaiToday } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import '../../styles.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const HINTS: Record<HelpCategory, string> = {
  escort: '陪着去医院、排队',
  errand: '买菜、取药、取快递',
  company: '聊聊天、散散步',
  phone_help: '教用手机、挂号、视频',
  repair: '换灯泡、修水龙头',
  other: '别的小事',
};

interface Slot {
  key: string;
  label: string;
  from: string;
  to: string;
}

/** Half-day slots for today (the ones not yet over), tomorrow and the day after, in Shanghai time. */
/** when a time choice runs, as the button shows it under its name */
const slotHint = (s: { from: string; to: string }) => `${formatDay(s.from.slice(0, 10))} ${s.from.slice(11, 16)}–${s.to.slice(11, 16)}`;

function slots(now = Date.now()): Slot[] {
  const out: Slot[] = [];
  const names = ['今天', '明天', '后天'];
  for (let d = 0; d < 3; d++) {
    const day = shanghaiToday(d);
    for (const [part, from, to] of [['上午', '08:00', '12:00'], ['下午', '13:00', '18:00']] as const) {
      const f = shanghaiInstant(day, from);
      const t = shanghaiInstant(day, to);
      if (new Date(t).getTime() - 30 * 60_000 <= now) continue;
      out.push({ key: `${d}-${part}`, label: `${names[d]}${part}`, from: f, to: t });
    }
  }
  return out;
}

/**
 * 我要求助 in three steps with big buttons (no typing needed): 1 what kind of help, 2 when,
 * 3 confirm (points offered, held until it is done). `?forUserId=` when family posts for a senior.
 */
export default function HelpPostPage() {
  const user = useSessionGate();
  const { params } = useRouter();
  const forUserId = params.forUserId ? Number(params.forUserId) : undefined;
  const forOther = !!forUserId && !!user && forUserId !== user.id;
  const [step, setStep] = useState(1);
  const [category, setCategory] = useState<HelpCategory | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [points, setPoints] = useState(HELP_POINTS_DEFAULT);
  const [note, setNote] = useState('');
  // loads once the session is read (a cold start on this page has no user at first)
  const { data: place, error, reload: load } = useRemote(
    !!user,
    async () => {
      if (forOther) {
        const p = await careApi.profile(forUserId);
        return { complexId: p.complex?.id ?? null, who: p.senior.nickname, available: null };
      }
      return { complexId: user!.residency?.status === 'verified' ? (user!.residency.complexId ?? null) : null, who: '', available: (await pointsApi.mine()).available };
    },
    [user, forOther, forUserId],
  );
  const complexId = place?.complexId ?? null;
  const who = place?.who ?? '';
  const available = place?.available ?? null;
  const [sending, run] = useAction();

  const submit = () => {
    if (!category || !slot || !complexId || sending) return;
    // a failure (e.g. 积分不足) was shown by the request wrapper
    return run(
      () =>
        helpingApi.post({
          complexId,
          category,
          title: note.trim() || `需要${HELP_CATEGORY_LABELS[category]}`,
          detail: note.trim(),
          from: slot.from,
          to: slot.to,
          points,
          ...(forOther ? { forUserId } : {}),
        }),
      '已发布',
      { then: (r) => Taro.redirectTo({ url: ROUTES.helpRequest(r.id) }) },
    );
  };

  if (!user || (!place && !error)) {
    return (
      <PageShell className="xfh-help">
        <StatusView loading={!!user && !error} error={error} onRetry={load} />
      </PageShell>
    );
  }
  if (!complexId) {
    return (
      <PageShell className="xfh-help">
        <StatusView error={forOther ? '这位长辈还没有认证所在的综合体，暂时不能代为求助' : '认证为综合体居民后才能求助'} />
      </PageShell>
    );
  }

  return (
    <PageShell className="xfh-help">
      <Text className="xfh-heading">{forOther ? `为${who}求助` : '我要求助'}</Text>
      <Text className="xfh-help__step" id="help-step">{`第 ${step} 步，共 3 步`}</Text>

      {step === 1 && (
        <View>
          <Text className="xfh-section-title">需要什么帮助？</Text>
          <View className="xfh-help__grid" {...aria('radiogroup', { label: '需要什么帮助' })}>
            {HELP_CATEGORIES.map((c) => (
              <View
                key={c}
                id={`help-cat-${c}`}
                className="xfh-help__big"
                onClick={() => {
                  setCategory(c);
                  setStep(2);
                }}
                {...aria('button')}
              >
                <Text className="xfh-help__big-label">{HELP_CATEGORY_LABELS[c]}</Text>
                <Text className="xfh-help__big-hint">{HINTS[c]}</Text>
              </View>
            ))}
          </View>
        </View>
      )}

      {step === 2 && (
        <View>
          <Text className="xfh-section-title">什么时候？</Text>
          <View className="xfh-help__grid">
            {slots().map((s) => (
              <View
                key={s.key}
                id={`help-slot-${s.key}`}
                className="xfh-help__big"
                onClick={() => {
                  setSlot(s);
                  setStep(3);
                }}
                {...aria('button')}
              >
                <Text className="xfh-help__big-label">{s.label}</Text>
                <Text className="xfh-help__big-hint">{slotHint(s)}</Text>
              </View>
            ))}
          </View>
          <ActionButton variant="secondary" onClick={() => setStep(1)}>上一步</ActionButton>
        </View>
      )}

      {step === 3 && category && slot && (
        <View>
          <View className="xfh-card xfh-help__card" id="help-summary">
            <Text className="xfh-section-title">请确认</Text>
            <Text className="xfh-help__status">{`${HELP_CATEGORY_LABELS[category]} · ${slot.label}`}</Text>
            <Text className="xfh-muted">{`${formatDay(slot.from.slice(0, 10))} ${slot.from.slice(11, 16)}–${slot.to.slice(11, 16)}`}</Text>
            <Text>答谢积分（完成后才转给帮手，取消或过期会退回）</Text>
            <View className="xfh-help__stepper">
              <ActionButton id="help-points-minus" variant="secondary" disabled={points <= HELP_POINTS_MIN} onClick={() => setPoints(Math.max(HELP_POINTS_MIN, points - 5))}>少 5 分</ActionButton>
              <Text className="xfh-help__stepper-value" id="help-points">{points}</Text>
              <ActionButton id="help-points-plus" variant="secondary" disabled={points >= HELP_POINTS_MAX} onClick={() => setPoints(Math.min(HELP_POINTS_MAX, points + 5))}>多 5 分</ActionButton>
            </View>
            {available !== null && <Text className="xfh-muted">{`我的可用积分：${available}`}</Text>}
            <FormField id="help-note" label="想补充一句（可不填）" value={note} onInput={setNote} maxlength={40} placeholder="例如：到浙大一院复查" />
          </View>
          <ActionButton id="help-confirm" loading={sending} onClick={submit}>确认发布</ActionButton>
          <ActionButton variant="secondary" onClick={() => setStep(2)}>上一步</ActionButton>
        </View>
      )}
    </PageShell>
  );
}
