import { formatMonth, formatStart, shanghaiToday, shiftMonth } from '../../../../time';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { branchApi } from '../../../../api/branch';
import { commitmentsApi, type Commitments } from '../../../../api/projects';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useUser } from '../../../../stores/auth';
import { useActingBranchId } from '../../acting';
import MonthStats from '../../components/MonthStats';
import { formatRating } from '../../format';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';

/** The branch's record for a month: sessions held, residents served, volunteer hours, rating. */
export default function RecordsPage() {
  const branchId = useActingBranchId();
  // Signed in (profile loaded) but no branch to act for: nothing will load, say why.
  const noBranch = !!useUser() && !branchId;
  const [month, setMonth] = useState(shanghaiToday().slice(0, 7));
  // 承诺–践诺–评诺: the year's promises against what was delivered, with the residents' rating
  const year = Number(month.slice(0, 4));
  const { data: promises } = useRemote<Commitments | null>(!!branchId, () => commitmentsApi.get(branchId!, year).catch(() => null), [branchId, year]);
  const { data: record, error, reload: load } = useRemote(!!branchId, () => branchApi.monthRecord(branchId!, month), [branchId, month]);

  return (
    <PageShell className="xfh-branch">
      <View className="xfh-branch__row">
        <ActionButton variant="secondary" className="xfh-branch__person-action" onClick={() => setMonth(shiftMonth(month, -1))}>上个月</ActionButton>
        <Text className="xfh-section-title" style={{ margin: 0 }} id="record-month">{formatMonth(month)}</Text>
        <ActionButton variant="secondary" className="xfh-branch__person-action" onClick={() => setMonth(shiftMonth(month, 1))}>下个月</ActionButton>
      </View>
      {branchId && (
        <View className="xfh-card" id="record-promises">
          <Text className="xfh-branch__field-label">{year} 年承诺与践诺</Text>
          {promises && promises.items.length > 0 ? (
            <>
              <Text style={{ display: 'block' }} id="record-promises-sessions">
                承诺 {promises.totals.target.sessions} 场 · 已开展 {promises.totals.delivered.sessions} 场 · 服务 {promises.totals.delivered.residents}/{promises.totals.target.residents} 人次
              </Text>
              <Text className="xfh-muted" style={{ display: 'block' }}>
                评诺：{formatRating(promises.totals.rating.average, promises.totals.rating.count)}
                {promises.behind ? ' · 进度落后' : ''}
              </Text>
            </>
          ) : (
            <Text className="xfh-muted" style={{ display: 'block' }}>还没有提交今年的承诺清单</Text>
          )}
          <ActionButton id="record-commitments" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.commitments(branchId) })}>
            年度承诺与践诺
          </ActionButton>
        </View>
      )}
      <StatusView
        loading={!noBranch && !record && !error}
        error={noBranch ? '您的账号还没有关联党支部，请联系区级管理员' : error}
        onRetry={noBranch ? undefined : load}
      />
      {record && (
        <>
          <View style={{ margin: '12px 0' }} id="record-stats">
            <MonthStats record={record} full idPrefix="record" />
          </View>
          <Text className="xfh-muted">服务记录中填写的服务人数合计 {record.peopleServedRecorded} 人（{record.sessionsRecorded}/{record.sessionsHeld} 场已填写）。</Text>
          <Text className="xfh-section-title">各场服务</Text>
          <StatusView empty={record.sessions.length === 0 ? '这个月还没有开展服务' : null} />
          {record.sessions.map((s) => (
            <View key={s.offeringId} className="xfh-card" onClick={() => Taro.navigateTo({ url: ROUTES.branchSession(s.offeringId) })}>
              <Text className="xfh-branch__field-label">{s.title}</Text>
              <Text className="xfh-muted" style={{ display: 'block' }}>{formatStart(s.startAt)} · {s.complexName}</Text>
              <Text>签到 {s.checkedIn} 人 · {s.recorded ? `记录服务 ${s.peopleServed} 人` : '未填写记录'}</Text>
              <Text className="xfh-muted" style={{ display: 'block' }} id={`session-rating-${s.offeringId}`}>{formatRating(s.averageRating, s.ratingCount)}</Text>
            </View>
          ))}
        </>
      )}
    </PageShell>
  );
}
