import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { volunteerApi } from '../../../../api/volunteer';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { aria } from '../../../../a11y';
import { formatRange } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { myComplexId } from '../../../../stores/place';
import '../../styles.scss';

/** 志愿服务: my hours at a glance, my registration, and the posts I can sign up for. */
export default function VolunteerHome() {
  const user = useSessionGate();
  const { data, error, reload: load } = useRemote(true, () => Promise.all([volunteerApi.mine(), volunteerApi.posts(myComplexId() ?? undefined)]));
  const mine = data?.[0] ?? null;
  const posts = data?.[1].items ?? null;

  const pending = mine?.registration?.complexes.some((c) => c.status === 'pending');
  return (
    <PageShell>
      <View className="xfh-card" id="volunteer-summary">
        <Text className="xfh-heading">志愿服务</Text>
        {mine?.isVolunteer ? (
          <View className="xfh-vp-stats">
            <View className="xfh-vp-stat">
              <Text className="xfh-vp-stat__value" id="total-hours">{mine.totalHours}</Text>
              <Text className="xfh-muted">累计时长（小时）</Text>
            </View>
            <View className="xfh-vp-stat">
              <Text className="xfh-vp-stat__value">{mine.yearHours}</Text>
              <Text className="xfh-muted">今年时长（小时）</Text>
            </View>
            <View className="xfh-vp-stat">
              <Text className="xfh-vp-stat__value">{mine.pointsEarned}</Text>
              <Text className="xfh-muted">获得积分</Text>
            </View>
          </View>
        ) : (
          <Text className="xfh-muted">
            {pending ? '您的志愿者注册正在审核中，通过后即可报名岗位。' : '注册成为志愿者，为邻里服务，服务时长可兑换幸福荟积分。'}
          </Text>
        )}
        <View className="xfh-vp-actions">
          <ActionButton id="go-register" variant={mine?.registration ? 'secondary' : 'primary'} onClick={() => Taro.navigateTo({ url: ROUTES.volunteerRegister })}>
            {mine?.registration ? '我的注册信息' : '注册志愿者'}
          </ActionButton>
          {mine?.registration && (
            <ActionButton id="go-mine" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.volunteerMine })}>
              我的服务记录
            </ActionButton>
          )}
        </View>
      </View>

      <Text className="xfh-section-title">志愿岗位</Text>
      <StatusView loading={!!user && !posts && !error} error={error} onRetry={load} empty={posts?.length === 0 ? '暂时没有可报名的岗位' : null} />
      <View id="post-list">
        {posts?.map((p) => (
          <View
            key={p.id}
            className="xfh-card xfh-vp-item"
            {...aria('link')}
            onClick={() => Taro.navigateTo({ url: ROUTES.volunteerPost(p.id) })}
          >
            <View className="xfh-vp-item__head">
              <Text className="xfh-vp-item__title">{p.title}</Text>
              {p.mySignup && p.mySignup.status !== 'cancelled' ? (
                <Text className="xfh-vp-status">已报名</Text>
              ) : (
                <Text className={`xfh-vp-status ${p.remaining === 0 ? 'xfh-vp-status--warn' : ''}`}>{p.remaining === 0 ? '已满' : `剩 ${p.remaining} 人`}</Text>
              )}
            </View>
            <Text className="xfh-muted">{formatRange(p.startAt, p.endAt)}</Text>
            <Text className="xfh-muted">{p.complexName}{p.location ? ` · ${p.location}` : ''} · 每小时 {p.pointsPerHour} 积分</Text>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
