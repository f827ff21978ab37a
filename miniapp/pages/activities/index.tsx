import { Text } from '@tarojs/components';
import Hotline from '../../components/Hotline';
import MyComplexBar from '../../components/MyComplexBar';
import PageShell from '../../components/PageShell';
import SpaceGroups from '../../components/SpaceGroups';
import StatusView from '../../components/StatusView';
import { useSessionGate } from '../../session';
import { useMyComplex } from '../../stores/place';

/** 活动: what the resident's complex offers — its "7+X" spaces, bookable ones marked. */
export default function ActivitiesPage() {
  const user = useSessionGate();
  const { complex, error, reload } = useMyComplex(!!user);

  return (
    <PageShell>
      <Text className="xfh-heading">活动与空间</Text>
      <Text className="xfh-muted">综合体里的讲座、课程、健康检查都在这些空间举办</Text>
      <StatusView loading={!complex && !error} error={error} onRetry={reload} />
      {complex && (
        <>
          <MyComplexBar complex={complex} />
          <Text className="xfh-section-title">服务空间</Text>
          <SpaceGroups spaces={complex.spaces} />
          {complex.hotline && <Hotline phone={complex.hotline} label="咨询活动安排" />}
        </>
      )}
    </PageShell>
  );
}
