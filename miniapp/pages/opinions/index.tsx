import { Text, View } from '@tarojs/components';
import Hotline from '../../components/Hotline';
import MyComplexBar from '../../components/MyComplexBar';
import PageShell from '../../components/PageShell';
import SpaceGroups from '../../components/SpaceGroups';
import StatusView from '../../components/StatusView';
import { useSessionGate } from '../../session';
import { useMyComplex } from '../../stores/place';
import './index.scss';

const STEPS = [
  { mark: '1', title: '提出', body: '说出您对社区的意见和建议，公开或仅工作人员可见由您决定。' },
  { mark: '2', title: '办理', body: '社区工作者受理、交办，在期限内给您答复，每一步都有记录。' },
  { mark: '3', title: '评议', body: '您对答复打分，满意了这件事才算办完。' },
];

/** 民意: how the round table works, and where the resident's complex holds its meetings. */
export default function OpinionsPage() {
  const user = useSessionGate();
  const { complex, error, reload } = useMyComplex(!!user);

  return (
    <PageShell className="xfh-opinions">
      <Text className="xfh-heading">民意小圆桌</Text>
      <Text className="xfh-muted">决策—推动—评议，居民的事居民一起商量</Text>
      <View className="xfh-opinions__steps">
        {STEPS.map((s) => (
          <View key={s.mark} className="xfh-card xfh-opinions__step">
            <Text className="xfh-opinions__mark">{s.mark}</Text>
            <View className="xfh-opinions__text">
              <Text className="xfh-opinions__title">{s.title}</Text>
              <Text>{s.body}</Text>
            </View>
          </View>
        ))}
      </View>
      <StatusView loading={!complex && !error} error={error} onRetry={reload} />
      {complex && (
        <>
          <MyComplexBar complex={complex} />
          <Text className="xfh-section-title">圆桌会在这里召开</Text>
          <SpaceGroups spaces={complex.spaces} types={['governance']} />
          {complex.hotline && <Hotline phone={complex.hotline} label="电话反映意见" />}
        </>
      )}
    </PageShell>
  );
}
