import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { familyApi } from '../../../../api/family';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { formatDateTime } from '../../../../time';
import { useRemote } from '../../../../refresh';

/** Everything family members did for me (亲情代办), newest first, from the audit log. */
export default function ProxyActionsPage() {
  useSessionGate();
  const { data: items, error, reload: load } = useRemote(true, () => familyApi.proxyActions());
  return (
    <PageShell className="xfh-elder">
      <StatusView loading={!items && !error} error={error} empty={items?.length === 0 ? '家人还没有为您代办过' : null} onRetry={load} />
      <View id="proxy-actions">
        {items?.map((a) => (
          <View key={a.id} className="xfh-card">
            <Text>{`${a.actor.nickname}：${a.summary}`}</Text>
            <Text className="xfh-muted">{` ${formatDateTime(a.createdAt)}`}</Text>
          </View>
        ))}
      </View>
      {/* family may book activities for me: my bookings show who made each one */}
      <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.myBookings })}>
        查看我的活动预约
      </ActionButton>
    </PageShell>
  );
}
