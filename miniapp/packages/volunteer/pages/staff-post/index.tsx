import { Image, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { SIGNUP_STATUS_LABELS } from '@shared/volunteer';
import { volunteerApi, type RosterItem } from '../../../../api/volunteer';
import ActionButton from '../../../../components/ActionButton';
import CopyCode from '../../../../components/CopyCode';
import { FieldError } from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime, formatRange } from '../../../../time';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { useAction } from '../../../../useAction';
import '../../styles.scss';

const formatMinutes = (m: number) => (m >= 60 ? `${Math.floor(m / 60)} 小时${m % 60 ? ` ${m % 60} 分钟` : ''}` : `${m} 分钟`);

/** One volunteer on the roster: mark check-in/out, approve or adjust the hours (with a reason). */
function RosterRow({ s, pointsPerHour, onChanged }: { s: RosterItem; pointsPerHour: number; onChanged: () => void }) {
  const [minutes, setMinutes] = useState(s.presentMinutes === null ? '' : String(s.presentMinutes));
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [busy, run] = useAction(onChanged);
  // Approving is final (the hours and points cannot be taken back here): the box must say how
  // long, and the worker confirms what will be recorded.
  const approve = () => {
    const typed = minutes.trim();
    if (!/^\d+$/.test(typed)) return setMissing('请填写确认的服务时长（分钟），例如 90');
    setMissing(null);
    const m = Number(typed);
    const hours = Math.round((m / 60) * 10) / 10;
    return run(() => volunteerApi.approve(s.id, { minutes: m, ...(reason.trim() ? { reason: reason.trim() } : {}) }), '时长已确认', {
      confirm: {
        title: m === 0 ? '记为 0 小时？' : '确认服务时长',
        content:
          m === 0
            ? `将给${s.realName}记 0 小时、不发积分，确认后不能再改。`
            : `给${s.realName}记 ${formatMinutes(m)}（约 ${hours} 小时），按每小时 ${pointsPerHour} 积分发放，确认后不能再改。`,
        danger: m === 0,
        confirmText: '确认发放',
        cancelText: '再看看',
      },
    });
  };
  return (
    <View className="xfh-card xfh-vp-item" id={`signup-${s.id}`}>
      <View className="xfh-vp-item__head">
        <Text className="xfh-vp-item__title">{s.realName}</Text>
        <Text className="xfh-vp-status">{SIGNUP_STATUS_LABELS[s.status]}</Text>
      </View>
      <Text className="xfh-muted">{s.phoneMasked}</Text>
      {s.checkedInAt && <Text className="xfh-muted">签到 {formatDateTime(s.checkedInAt)}{s.checkedOutAt ? ` · 签退 ${formatDateTime(s.checkedOutAt)}` : ''}</Text>}
      {s.presentMinutes !== null && <Text>在岗 {s.presentMinutes} 分钟</Text>}
      {s.status === 'approved' && <Text>已确认 {s.approvedHours} 小时 · 发放 {s.pointsAwarded ?? 0} 积分{s.adjustReason ? `（${s.adjustReason}）` : ''}</Text>}
      {s.status === 'signed_up' && <ActionButton className="mark-in" loading={busy} onClick={() => run(() => volunteerApi.markIn(s.id), '已签到')}>代为签到</ActionButton>}
      {s.status === 'checked_in' && <ActionButton className="mark-out" loading={busy} onClick={() => run(() => volunteerApi.markOut(s.id), '已签退')}>代为签退</ActionButton>}
      {(s.status === 'checked_in' || s.status === 'checked_out') && (
        <View>
          <Input className="xfh-vp-input approve-minutes" type="number" placeholder="确认时长（分钟）" value={minutes} onInput={(e) => setMinutes(e.detail.value)} nativeProps={{ 'aria-label': `${s.realName} 确认时长（分钟）` }} />
          {missing && <Text className="xfh-error approve-missing">{missing}</Text>}
          <FieldError name="minutes" />
          <Input className="xfh-vp-input approve-reason" placeholder="调整时长的原因（与在岗时长不同时必填）" value={reason} onInput={(e) => setReason(e.detail.value)} nativeProps={{ 'aria-label': `${s.realName} 调整原因` }} />
          <ActionButton className="approve-hours" loading={busy} onClick={approve}>确认时长并发放积分</ActionButton>
        </View>
      )}
    </View>
  );
}

/** Running a post on the day: the rotating check-in QR and the roster. */
export default function StaffPostPage() {
  useSessionGate();
  const { params } = useRouter();
  const id = Number(params.id);
  const { data, error, reload: load } = useRemote(true, () => Promise.all([volunteerApi.post(id), volunteerApi.roster(id)]), [id]);
  const post = data?.[0] ?? null;
  const roster = data?.[1].items ?? null;
  // the code is valid for 60 s: a fresh one every 30 s keeps the screen always scannable
  const { data: venue } = useRemote(true, () => volunteerApi.venueCode(id).catch(() => null), [id], { pollMs: 30_000 });

  return (
    <PageShell>
      <StatusView loading={!post && !error} error={error} onRetry={load} />
      {post && (
        <View className="xfh-card">
          <Text className="xfh-heading">{post.title}</Text>
          <Text className="xfh-muted">{formatRange(post.startAt, post.endAt)} · 已报名 {post.signedUpCount}/{post.positions}</Text>
        </View>
      )}
      {venue && (
        <View className="xfh-card xfh-vp-qr" id="venue-qr">
          <Text className="xfh-section-title">现场签到码（每 30 秒刷新）</Text>
          <Image className="xfh-vp-qr__image" src={venue.qrDataUrl} mode="scaleToFill" nativeProps={{ alt: "志愿岗位签到二维码" }} />
          <CopyCode code={venue.code} />
        </View>
      )}
      <Text className="xfh-section-title">报名名单</Text>
      <StatusView empty={roster?.length === 0 ? '还没有人报名' : null} />
      {roster?.map((s) => <RosterRow key={`${s.id}-${s.status}`} s={s} pointsPerHour={post?.pointsPerHour ?? 0} onChanged={load} />)}
    </PageShell>
  );
}
