import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { SIGNUP_CANCEL_DEADLINE_MINUTES, SIGNUP_CANCEL_RULE, SIGNUP_STATUS_LABELS, VOLUNTEER_SKILL_LABELS, type VolunteerSkill } from '@shared/volunteer';
import { volunteerApi, type Post } from '../../../../api/volunteer';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { aria } from '../../../../a11y';
import { formatDateTime, formatRange } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { useRemote } from '../../../../refresh';
import { hint, useAction } from '../../../../useAction';
import '../../styles.scss';

/** Reads the post's venue QR: the camera in WeChat; in a browser the code is typed or pasted. */
async function scanVenueCode(typed: string): Promise<string | null> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      return r.result;
    } catch {
      return null;
    }
  }
  return typed.trim() || null;
}

/** A post: what, when, where; sign up or cancel; check in and out with the venue QR. */
export default function PostPage() {
  const user = useSessionGate();
  const { params } = useRouter();
  const id = Number(params.id);
  const { data: post, error, reload: load } = useRemote<Post>(true, () => volunteerApi.post(id), [id]);
  const [code, setCode] = useState('');

  const [busy, act] = useAction(load);

  const signUp = () => act(() => volunteerApi.signUp(id), '报名成功');
  const cancel = () => {
    const signup = post?.mySignup;
    if (!signup) return;
    return act(() => volunteerApi.cancel(signup.id), '已取消', { confirm: { title: '取消报名', content: `确定取消报名吗？${SIGNUP_CANCEL_RULE}。` } });
  };
  const scan = async (step: 'in' | 'out') => {
    const c = await scanVenueCode(code);
    if (!c) return hint('请扫描现场签到码');
    act(() => (step === 'in' ? volunteerApi.checkIn(c) : volunteerApi.checkOut(c)), step === 'in' ? '签到成功' : '签退成功');
  };

  if (!post) {
    return (
      <PageShell>
        <StatusView loading={!error} error={error} onRetry={load} />
      </PageShell>
    );
  }
  const s = post.mySignup && post.mySignup.status !== 'cancelled' ? post.mySignup : null;
  const untilStart = new Date(post.startAt).getTime() - Date.now();
  const started = untilStart <= 0;
  const cancellable = untilStart >= SIGNUP_CANCEL_DEADLINE_MINUTES * 60_000;
  return (
    <PageShell>
      <View className="xfh-card xfh-stack">
        <Text className="xfh-heading" id="post-title">{post.title}</Text>
        <Text className="xfh-muted">{formatRange(post.startAt, post.endAt)}</Text>
        <Text className="xfh-muted">{post.complexName}{post.location ? ` · ${post.location}` : ''}</Text>
        <Text>名额 {post.signedUpCount}/{post.positions} · 每小时 {post.pointsPerHour} 积分</Text>
        {post.skills.length > 0 && <Text className="xfh-muted">需要：{post.skills.map((k) => VOLUNTEER_SKILL_LABELS[k as VolunteerSkill] ?? k).join('、')}</Text>}
        {post.description && <Text>{post.description}</Text>}
      </View>

      {s ? (
        <View className="xfh-card" id="my-signup" {...aria(null, { live: 'polite' })}>
          <View className="xfh-vp-item__head">
            <Text className="xfh-vp-item__title">我的报名</Text>
            <Text className="xfh-vp-status" id="signup-status">{SIGNUP_STATUS_LABELS[s.status]}</Text>
          </View>
          {s.checkedInAt && <Text className="xfh-muted">签到 {formatDateTime(s.checkedInAt)}</Text>}
          {s.checkedOutAt && <Text className="xfh-muted">签退 {formatDateTime(s.checkedOutAt)}</Text>}
          {s.status === 'approved' && (
            <Text id="signup-approved">
              确认时长 {s.approvedHours} 小时，获得 {s.pointsAwarded ?? 0} 积分{s.adjustReason ? `（${s.adjustReason}）` : ''}
            </Text>
          )}
          {(s.status === 'signed_up' || s.status === 'checked_in') && (
            <View>
              {process.env.TARO_ENV !== 'weapp' && (
                <Input className="xfh-vp-input" value={code} placeholder="输入现场签到码" onInput={(e) => setCode(e.detail.value)} nativeProps={{ 'aria-label': '现场签到码' }} />
              )}
              <ActionButton id="scan-venue" loading={busy} onClick={() => scan(s.status === 'signed_up' ? 'in' : 'out')}>
                {s.status === 'signed_up' ? '扫码签到' : '扫码签退'}
              </ActionButton>
            </View>
          )}
          {s.status === 'signed_up' && cancellable && (
            <ActionButton id="cancel-signup" variant="secondary" disabled={busy} onClick={cancel}>
              取消报名
            </ActionButton>
          )}
          {s.status === 'signed_up' && !started && !cancellable && <Text className="xfh-muted">{`${SIGNUP_CANCEL_RULE}，请联系社区工作人员`}</Text>}
        </View>
      ) : (
        <View>
          {user && !user.isVolunteer && <Text className="xfh-muted">注册并通过审核后才能报名。</Text>}
          {user && !user.isVolunteer ? (
            <ActionButton onClick={() => Taro.navigateTo({ url: ROUTES.volunteerRegister })}>注册志愿者</ActionButton>
          ) : (
            <ActionButton id="sign-up" loading={busy} disabled={post.remaining === 0 || started} onClick={signUp}>
              {started ? '已开始' : post.remaining === 0 ? '名额已满' : '我要报名'}
            </ActionButton>
          )}
        </View>
      )}
      {post.canManage && (
        <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.volunteerStaffPost(post.id) })}>
          管理此岗位
        </ActionButton>
      )}
    </PageShell>
  );
}
