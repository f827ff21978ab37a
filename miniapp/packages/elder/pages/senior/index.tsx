import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { careApi } from '../../../../api/care';
import { familyApi } from '../../../../api/family';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import CareCard from '../../components/CareCard';
import { formatDateTime } from '../../../../time';
import { useRemote } from '../../../../refresh';

/** A family member's view of a linked senior: points, care requests and booking activities for them (each view is visible to the senior). */
export default function SeniorPage() {
  useSessionGate();
  const { params } = useRouter();
  const seniorId = Number(params.id);
  const { data, error, reload: load } = useRemote(true, () => Promise.all([familyApi.seniorPoints(seniorId), careApi.forSenior(seniorId)]), [seniorId]);
  const points = data?.[0] ?? null;
  const care = data?.[1].items ?? null;

  return (
    <PageShell className="xfh-elder">
      <StatusView loading={!points && !error} error={error} onRetry={load} />
      {points && (
        <View className="xfh-card">
          <Text className="xfh-section-title">{`积分余额：${points.balance}`}</Text>
          {points.items.map((e) => (
            <View key={e.id}>
              <Text>{`${e.delta > 0 ? '+' : ''}${e.delta} ${e.description}`}</Text>
              <Text className="xfh-muted">{` ${formatDateTime(e.createdAt)}`}</Text>
            </View>
          ))}
        </View>
      )}
      <ActionButton onClick={() => Taro.navigateTo({ url: ROUTES.elderCareFor(seniorId) })}>为TA申请养老服务</ActionButton>
      <ActionButton id="book-for-senior" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.familyBookFor(seniorId) })}>
        替TA预约活动
      </ActionButton>
      <ActionButton id="guard-for-senior" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.quietHomeFor(seniorId) })}>
        亲情守护（居家无活动提醒）
      </ActionButton>
      <Text className="xfh-section-title">养老服务申请</Text>
      <StatusView empty={care && care.length === 0 ? '还没有申请' : null} />
      {care?.map((r) => (
        <CareCard key={r.id} r={r} />
      ))}
    </PageShell>
  );
}
