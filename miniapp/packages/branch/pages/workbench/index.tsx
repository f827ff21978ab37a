import { formatMonth } from '../../../../time';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { branchApi } from '../../../../api/branch';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useActingBranchId } from '../../acting';
import MonthStats from '../../components/MonthStats';
import OfferingCard from '../../components/OfferingCard';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';

/** The branch's workbench: this month's figures, what is coming up, and what still needs a record. */
export default function BranchWorkbenchPage() {
  const branchId = useActingBranchId();
  // Coming back from publishing or a session refreshes; after a reload the user (and so the
  // branch) arrives after the first show.
  const { data, error, reload: load } = useRemote(
    !!branchId,
    () => Promise.all([branchApi.branch(branchId!), branchApi.monthRecord(branchId!), branchApi.branchOfferings(branchId!, 'upcoming'), branchApi.branchOfferings(branchId!, 'past')]),
    [branchId],
  );
  const [branch, record, upcoming] = data ?? [];
  const past = data?.[3].slice(0, 10) ?? [];

  const query = branchId ? `?branchId=${branchId}` : '';
  return (
    <PageShell className="xfh-branch">
      <Text className="xfh-heading">{branch?.name ?? '支部工作台'}</Text>
      {branch && <Text className="xfh-muted">结对：{branch.complexes.map((c) => c.name).join('、')}</Text>}
      <StatusView loading={!!branchId && !upcoming && !error} error={branchId ? error : '您的账号还没有关联党支部，请联系区级管理员'} onRetry={load} />

      {record && (
        <View className="xfh-card" style={{ marginTop: '12px' }} id="month-summary" onClick={() => Taro.navigateTo({ url: ROUTES.branchRecords + query })}>
          <Text className="xfh-section-title" style={{ marginTop: 0 }}>本月记录（{formatMonth(record.month)}）</Text>
          <MonthStats record={record} idPrefix="month" />
          <Text className="xfh-link">查看月度记录</Text>
        </View>
      )}

      {branchId && (
        <ActionButton id="publish-offering" onClick={() => Taro.navigateTo({ url: ROUTES.branchPublish + query })}>
          发布送服务
        </ActionButton>
      )}

      <Text className="xfh-section-title">即将开展（{upcoming?.length ?? 0}）</Text>
      <StatusView empty={upcoming?.length === 0 ? '还没有即将开展的服务，点上方按钮发布' : null} />
      <View id="upcoming-offerings">
        {upcoming?.map((o) => (
          <View key={o.id}>
            <OfferingCard offering={o} url={ROUTES.branchSession(o.id)} />
          </View>
        ))}
      </View>

      {past.length > 0 && (
        <>
          <Text className="xfh-section-title">已结束</Text>
          {past.map((o) => (
            <View key={o.id}>
              <OfferingCard offering={o} url={ROUTES.branchSession(o.id)} />
              {!o.record && o.status !== 'cancelled' && <Text className="xfh-error">待填写服务记录</Text>}
            </View>
          ))}
        </>
      )}
    </PageShell>
  );
}
