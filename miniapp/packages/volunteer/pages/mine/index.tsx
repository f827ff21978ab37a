import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { SIGNUP_STATUS_LABELS } from '@shared/volunteer';
import { volunteerApi, type Post, type Signup } from '../../../../api/volunteer';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { aria } from '../../../../a11y';
import { formatRange } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import '../../styles.scss';

type Item = Signup & { post: Post };

function SignupCard({ s }: { s: Item }) {
  return (
    <View className="xfh-card xfh-vp-item" {...aria('link', { label: `${s.post.title}，${SIGNUP_STATUS_LABELS[s.status]}` })} onClick={() => Taro.navigateTo({ url: ROUTES.volunteerPost(s.post.id) })}>
      <View className="xfh-vp-item__head">
        <Text className="xfh-vp-item__title">{s.post.title}</Text>
        <Text className="xfh-vp-status">{SIGNUP_STATUS_LABELS[s.status]}</Text>
      </View>
      <Text className="xfh-muted">{formatRange(s.post.startAt, s.post.endAt)} · {s.post.complexName}</Text>
      {s.status === 'approved' && <Text>{s.approvedHours} 小时 · +{s.pointsAwarded ?? 0} 积分</Text>}
    </View>
  );
}

/** 我的志愿服务: hours (total and this year), upcoming posts and history. */
export default function MyVolunteeringPage() {
  useSessionGate();
  const { data, error, reload: load } = useRemote(true, () => Promise.all([volunteerApi.mine(), volunteerApi.mySignups('upcoming'), volunteerApi.mySignups('history')]));
  const mine = data?.[0] ?? null;
  const upcoming: Item[] | null = data?.[1].items ?? null;
  const history: Item[] | null = data?.[2].items ?? null;
  return (
    <PageShell>
      <View className="xfh-card xfh-vp-stats" id="my-hours">
        <View className="xfh-vp-stat">
          <Text className="xfh-vp-stat__value">{mine?.totalHours ?? '-'}</Text>
          <Text className="xfh-muted">累计时长（小时）</Text>
        </View>
        <View className="xfh-vp-stat">
          <Text className="xfh-vp-stat__value">{mine?.yearHours ?? '-'}</Text>
          <Text className="xfh-muted">今年时长（小时）</Text>
        </View>
        <View className="xfh-vp-stat">
          <Text className="xfh-vp-stat__value">{mine?.approvedPosts ?? '-'}</Text>
          <Text className="xfh-muted">服务次数</Text>
        </View>
      </View>
      <StatusView loading={!mine && !error} error={error} onRetry={load} />
      <Text className="xfh-section-title">即将开始</Text>
      <StatusView empty={upcoming?.length === 0 ? '暂无即将开始的岗位' : null} />
      {upcoming?.map((s) => <SignupCard key={s.id} s={s} />)}
      <Text className="xfh-section-title">服务记录</Text>
      <StatusView empty={history?.length === 0 ? '还没有服务记录' : null} />
      {history?.map((s) => <SignupCard key={s.id} s={s} />)}
    </PageShell>
  );
}
