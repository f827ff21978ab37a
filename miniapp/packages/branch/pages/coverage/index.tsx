import { formatMonth, shanghaiToday, shiftMonth } from '../../../../time';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { branchApi } from '../../../../api/branch';
import { downloadXlsx } from '../../../../api/files';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';

/**
 * District view for a month: each complex with its paired branches and the service categories
 * offered there (a phone-sized rendering of the complexes × categories matrix), complexes without
 * branch service first, then the branch ranking.
 */
export default function CoveragePage() {
  useSessionGate();
  const [month, setMonth] = useState(shanghaiToday().slice(0, 7));
  const { data, error, reload: load } = useRemote(true, () => branchApi.coverage(month), [month]);

  const rows = data ? [...data.complexes].sort((a, b) => Number(b.flagged) - Number(a.flagged)) : [];
  return (
    <PageShell className="xfh-branch">
      <View className="xfh-branch__row">
        <ActionButton variant="secondary" className="xfh-branch__person-action" onClick={() => setMonth(shiftMonth(month, -1))}>上个月</ActionButton>
        <Text className="xfh-section-title" style={{ margin: 0 }}>{formatMonth(month)}</Text>
        <ActionButton variant="secondary" className="xfh-branch__person-action" onClick={() => setMonth(shiftMonth(month, 1))}>下个月</ActionButton>
      </View>
      <ActionButton id="export-coverage" variant="secondary" onClick={() => downloadXlsx(`/district/coverage/export?month=${month}`, `党员服务覆盖-${month}.xlsx`).catch(() => undefined)}>
        导出 Excel
      </ActionButton>
      <ActionButton id="commitment-ranking" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.commitments() })}>
        各支部承诺与践诺
      </ActionButton>
      <StatusView loading={!data && !error} error={error} onRetry={load} />
      {data && (
        <>
          <Text className="xfh-section-title">
            民生综合体（{data.complexes.length}，{data.flaggedCount} 个本月无党员服务）
          </Text>
          <View id="coverage-matrix">
            {rows.map((c) => (
              <View key={c.complexId} className={`xfh-card${c.flagged ? ' xfh-branch__flag' : ''}`} id={`coverage-${c.complexId}`}>
                <View className="xfh-branch__row">
                  <Text className="xfh-branch__field-label" style={{ margin: 0 }}>{c.complexName}</Text>
                  <Text className={c.flagged ? 'xfh-error' : 'xfh-muted'}>{c.flagged ? c.flagReason : `${c.total} 场`}</Text>
                </View>
                <Text className="xfh-muted" style={{ display: 'block' }}>
                  {c.streetName} · 结对：{c.pairedBranches.length ? c.pairedBranches.map((b) => b.name).join('、') : '无'}
                </Text>
                <View className="xfh-branch__cells">
                  {data.categories.map((cat, i) => (
                    <Text key={cat.id} className={`xfh-branch__cell${c.cells[i] ? ' xfh-branch__cell--on' : ''}`}>
                      {cat.name} {c.cells[i]}
                    </Text>
                  ))}
                </View>
              </View>
            ))}
          </View>
          <Text className="xfh-section-title">党支部排名（按服务居民人数）</Text>
          <View className="xfh-card" id="branch-ranking">
            {data.ranking.slice(0, 20).map((b) => (
              <View key={b.branchId} className="xfh-branch__person" onClick={() => Taro.navigateTo({ url: `${ROUTES.branchRecords}?branchId=${b.branchId}` })}>
                <Text>{b.rank}. {b.name}</Text>
                <Text className="xfh-muted">
                  {b.sessionsHeld} 场 · {b.residentsServed} 人 · {b.averageRating === null ? '暂无评价' : `${b.averageRating.toFixed(1)} 分（${b.ratingCount} 人次）`}
                </Text>
              </View>
            ))}
          </View>
        </>
      )}
    </PageShell>
  );
}
