import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { familyApi, type FamilyLink } from '../../../../api/family';
import { helpingApi } from '../../../../api/helping';
import { placesApi } from '../../../../api/places';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { currentPosition } from '../../../../location';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import HelpCard from '../../components/HelpCard';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';

/**
 * 邻里互助: ask a neighbour for a small help, or help one. Open requests nearest first (to where
 * the user stands, else their home complex), the big 我要求助 button, my requests and my help,
 * and — for a family member — a button to ask for each linked senior (亲情代办).
 */
export default function HelpingHome() {
  const user = useSessionGate();
  const verified = user?.residency?.status === 'verified';
  const homeId = user?.residency?.complexId ?? null;
  // the first show may come before the session is read (a cold start on this page): loads once it is
  const { data, error, reload: load } = useRemote(
    !!user,
    async () => {
      let pos = await currentPosition(2500);
      if (!pos && homeId) {
        const c = await placesApi.complex(homeId);
        pos = { lat: c.lat, lng: c.lng };
      }
      const [list, links] = await Promise.all([helpingApi.list({ status: 'open', ...(pos ?? {}) }), familyApi.links().catch((): FamilyLink[] => [])]);
      return { items: list.items, seniors: links.filter((l) => l.as === 'family' && l.status === 'active') };
    },
    [homeId],
    { pullDown: true },
  );
  const items = data?.items ?? null;
  const seniors = data?.seniors ?? [];

  return (
    <PageShell className="xfh-help">
      <Text className="xfh-heading">邻里互助</Text>
      <Text className="xfh-muted xfh-help__intro">请邻居帮个小忙，用积分答谢；帮助邻居也能挣积分。</Text>
      {user && !verified && (
        <View className="xfh-card" id="help-unverified">
          <Text>认证为综合体居民后，才能发布求助和帮忙。</Text>
          <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.residency })}>去认证</ActionButton>
        </View>
      )}
      <View className="xfh-help__actions">
        {verified && <ActionButton id="help-post" onClick={() => Taro.navigateTo({ url: ROUTES.helpPost() })}>我要求助</ActionButton>}
        <ActionButton id="help-mine" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.helpMine })}>我的求助</ActionButton>
        <ActionButton id="help-helping" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.helpHelping })}>我帮的忙</ActionButton>
      </View>
      {seniors.map((s) => (
        <ActionButton key={s.id} id={`help-post-for-${s.other.id}`} variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.helpPost(s.other.id) })}>
          {`为${s.other.nickname}求助（亲情代办）`}
        </ActionButton>
      ))}

      <Text className="xfh-section-title">附近的求助</Text>
      <StatusView loading={items === null && !error} error={error} onRetry={load} empty={items?.length === 0 ? '附近暂时没有求助' : null} />
      <View id="help-list">
        {items?.map((r) => <HelpCard key={r.id} r={r} />)}
      </View>
    </PageShell>
  );
}
