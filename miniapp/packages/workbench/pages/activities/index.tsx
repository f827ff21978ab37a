import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { bookingApi } from '../../../../api/booking';
import { placesApi } from '../../../../api/places';
import { aria } from '../../../../a11y';
import ActionButton from '../../../../components/ActionButton';
import ActivityCard from '../../../../components/ActivityCard';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';

/** 活动管理 (工作台): the activities I run — drafts and cancelled ones too — and my bookable spaces. */
export default function ManageActivitiesPage() {
  const user = useSessionGate();
  const { data, error, reload: load } = useRemote(true, () => bookingApi.activities({ manage: true }));
  const items = data?.items ?? null;
  const { data: complexes } = useRemote(
    user?.role === 'worker' && !!user.complexIds?.length,
    () => Promise.all((user?.complexIds ?? []).slice(0, 3).map((id) => placesApi.complex(id))),
    [user?.role, user?.complexIds?.join()],
  );
  const spaces = (complexes ?? []).flatMap((c) => c.spaces.filter((s) => s.bookable).map((s) => ({ ...s, complexName: c.name })));

  if (user?.role === 'resident') return <PageShell><StatusView error="仅供社区工作者和党支部使用" /></PageShell>;

  return (
    <PageShell>
      <Text className="xfh-heading">活动管理</Text>
      <ActionButton id="new-activity" onClick={() => Taro.navigateTo({ url: ROUTES.editActivity() })}>
        发布新活动
      </ActionButton>
      <Text className="xfh-section-title">我组织的活动</Text>
      <StatusView loading={!items && !error} error={error} onRetry={load} empty={items?.length === 0 ? '还没有活动，点上方按钮发布' : null} />
      <View id="managed-activities">
        {items?.map((a) => <ActivityCard key={a.id} a={a} onClick={() => Taro.navigateTo({ url: ROUTES.roster(a.id) })} />)}
      </View>
      {spaces.length > 0 && (
        <>
          <Text className="xfh-section-title">场地预约管理</Text>
          {spaces.map((s) => (
            <View key={s.id} className="xfh-card" onClick={() => Taro.navigateTo({ url: ROUTES.spaceAdmin(s.id) })} {...aria('link')}>
              <Text className="xfh-activity__title">{s.name}</Text>
              <Text className="xfh-muted"> · {s.complexName}</Text>
            </View>
          ))}
        </>
      )}
    </PageShell>
  );
}
