import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { dashboardApi, type Dashboard, type DashboardQuery, type DashboardScope } from '../../../../api/dashboard';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import EChart from '../../components/EChart';
import './index.scss';
import { shanghaiToday } from '../../../../time';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const PERIODS = [
  { value: 7, label: '近7天' },
  { value: 30, label: '近30天' },
  { value: 90, label: '近90天' },
  { value: 365, label: '近一年' },
] as const;

const SCOPE_LABEL: Record<DashboardScope, string> = { district: '全区', street: '街道', complex: '综合体' };

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);
const num = (x: number | null, unit = '') => (x === null ? '—' : `${x}${unit}`);

/** ↑ / ↓ and the difference against the previous period; `lowerIsBetter` flips the colour. */
function Delta({ d, kind, lowerIsBetter }: { d: number | null; kind: 'pct' | 'num'; lowerIsBetter?: boolean }) {
  if (d === null) return <Text className="xfh-dash__delta xfh-muted">与上期无可比</Text>;
  if (d === 0) return <Text className="xfh-dash__delta xfh-muted">与上期持平</Text>;
  const up = d > 0;
  const good = lowerIsBetter ? !up : up;
  const text = kind === 'pct' ? `${Math.abs(Math.round(d * 1000) / 10)}个百分点` : `${Math.abs(Math.round(d * 100) / 100)}`;
  return <Text className={`xfh-dash__delta ${good ? 'xfh-dash__delta--good' : 'xfh-dash__delta--bad'}`}>{`${up ? '↑' : '↓'} ${text}`}</Text>;
}

/**
 * 数智平台 cockpit: the 活跃指数 as a big number with its terms, the indicators against the previous
 * period, a trend line, 民意热度 and the children ranked by index; tap a child to drill down
 * (district → street → complex), pick the period, export the 考核 workbook. On a wide browser
 * window (a 1920×1080 wall screen) the sections sit side by side.
 */
export default function CockpitPage() {
  const user = useSessionGate();
  const router = useRouter();
  const [stack, setStack] = useState<DashboardQuery[]>([]);
  const [days, setDays] = useState<number>(30);
  const [denied, setDenied] = useState<string | null>(null);

  // where to start: the page's query, else the caller's widest scope
  useEffect(() => {
    if (!user || stack.length) return;
    const p = router.params;
    if (p.scope) return setStack([{ scope: p.scope as DashboardScope, id: p.id ? Number(p.id) : undefined }]);
    if (user.role === 'district_admin') setStack([{ scope: 'district' }]);
    else if (user.role === 'street_admin') setStack([{ scope: 'street' }]);
    else if (user.role === 'worker' && user.complexIds?.length) setStack([{ scope: 'complex', id: user.complexIds[0] }]);
    else setDenied('数智平台仅供工作人员使用');
  }, [user, stack.length, router.params]);

  const current = stack[stack.length - 1];
  const query = useMemo(() => (current ? { ...current, from: shanghaiToday(1 - days), to: shanghaiToday() } : null), [current, days]);

  // switching period or scope keeps the charts until the new figures arrive
  const remote = useRemote(!!query, () => dashboardApi.get(query!), [query], { keepPrevious: true });
  const { data, loading, reload: load } = remote;
  const error = denied ?? remote.error;
  const [, exportReport] = useAction();

  const trendOption = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        legend: { data: ['预约', '签到', '意见'], top: 0 },
        grid: { left: 40, right: 16, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: data.trend.map((d) => d.date.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '预约', type: 'line', smooth: true, showSymbol: false, data: data.trend.map((d) => d.bookings), color: '#1d6b57' },
          { name: '签到', type: 'line', smooth: true, showSymbol: false, data: data.trend.map((d) => d.checkIns), color: '#9a4a00' },
          { name: '意见', type: 'line', smooth: true, showSymbol: false, data: data.trend.map((d) => d.opinions), color: '#3d5a99' },
        ],
      },
    [data],
  );
  const topicOption = useMemo(
    () =>
      data && {
        tooltip: { trigger: 'axis' },
        grid: { left: 72, right: 16, top: 8, bottom: 24 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: data.hotTopics.slice(0, 8).map((t) => t.term) },
        series: [{ type: 'bar', data: data.hotTopics.slice(0, 8).map((t) => t.weight), color: '#9a4a00', barMaxWidth: 18 }],
      },
    [data],
  );

  const drill = (c: Dashboard['children'][number]) => setStack((s) => [...s, { scope: c.scope as DashboardScope, id: c.id }]);
  const up = () => setStack((s) => s.slice(0, -1));
  const ind = data?.indicators;

  return (
    <PageShell className="xfh-dash">
      <View className="xfh-card xfh-dash__head">
        <View className="xfh-dash__title">
          <Text className="xfh-heading" id="dash-name">
            {data ? `${data.name}` : '数智平台'}
          </Text>
          {data && <Text className="xfh-tag xfh-tag--flagship">{SCOPE_LABEL[data.scope]}</Text>}
        </View>
        {data && <Text className="xfh-muted">{`${data.from} 至 ${data.to}，对比上期 ${data.previousPeriod.from} 至 ${data.previousPeriod.to}`}</Text>}
        <ChoiceChips id="dash-period" label="时间段" options={PERIODS} value={days} onChange={setDays} />
        <View className="xfh-dash__actions">
          {stack.length > 1 && (
            <ActionButton id="dash-up" variant="secondary" onClick={up}>
              返回上一级
            </ActionButton>
          )}
          {query && data && (
            <ActionButton id="dash-export" variant="secondary" onClick={() => exportReport(() => dashboardApi.report(query, `${data.name}-${data.from}-${data.to}`), null)}>
              导出考核表
            </ActionButton>
          )}
          {user?.role === 'district_admin' && (
            <ActionButton id="dash-weights" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.dashboardWeights })}>
              指数权重设置
            </ActionButton>
          )}
        </View>
      </View>

      <StatusView loading={loading && !data} error={error} onRetry={load} />

      {data && ind && (
        <View className="xfh-dash__grid">
          <View className="xfh-card xfh-dash__index" id="dash-index">
            <Text className="xfh-section-title">活跃指数</Text>
            <View className="xfh-dash__big">
              <Text className="xfh-dash__value" id="dash-index-value">
                {data.activityIndex.value}
              </Text>
              <Text className="xfh-muted">/ 100</Text>
            </View>
            <Delta d={data.activityIndex.delta} kind="num" />
            <View className="xfh-dash__terms" id="dash-terms">
              {data.activityIndex.terms.map((t) => (
                <View key={t.key} className="xfh-dash__term">
                  <View className="xfh-dash__term-row">
                    <Text>{t.label}</Text>
                    <Text className="xfh-muted">{`权重 ${Math.round(t.weight * 100)}% · 得分 ${t.score}`}</Text>
                  </View>
                  <View className="xfh-dash__bar">
                    <View className="xfh-dash__bar-fill" style={{ width: `${Math.min(100, t.score)}%` }} />
                  </View>
                  <Text className="xfh-muted xfh-dash__term-value">
                    {t.value === null
                      ? '暂无数据'
                      : t.key === 'attendanceRate' || t.key === 'onTimeReplies'
                        ? `实际 ${pct(t.value)}`
                        : t.key === 'satisfaction'
                          ? `实际 ${t.value} 星`
                          : t.key === 'volunteerHours'
                            ? `实际 ${t.value} 小时`
                            : `实际 ${t.value}`}
                  </Text>
                </View>
              ))}
            </View>
          </View>

          <View className="xfh-card" id="dash-indicators">
            <Text className="xfh-section-title">评价指标</Text>
            <View className="xfh-dash__kpis">
              <View className="xfh-dash__kpi">
                <Text className="xfh-muted">满意度</Text>
                <Text className="xfh-dash__kpi-value">{ind.satisfaction.average === null ? '—' : `${ind.satisfaction.average} 星`}</Text>
                <Text className="xfh-muted" id="dash-satisfaction-count">{`${ind.satisfaction.count} 条评价`}</Text>
                <Delta d={ind.delta.satisfaction.average} kind="num" />
              </View>
              <View className="xfh-dash__kpi">
                <Text className="xfh-muted">2个工作日内受理</Text>
                <Text className="xfh-dash__kpi-value">{pct(ind.acceptOnTimeRate)}</Text>
                <Delta d={ind.delta.acceptOnTimeRate} kind="pct" />
              </View>
              <View className="xfh-dash__kpi">
                <Text className="xfh-muted">15日内答复</Text>
                <Text className="xfh-dash__kpi-value">{pct(ind.replyOnTimeRate)}</Text>
                <Delta d={ind.delta.replyOnTimeRate} kind="pct" />
              </View>
              <View className="xfh-dash__kpi">
                <Text className="xfh-muted">办结率</Text>
                <Text className="xfh-dash__kpi-value">{pct(ind.resolutionRate)}</Text>
                <Delta d={ind.delta.resolutionRate} kind="pct" />
              </View>
              <View className="xfh-dash__kpi">
                <Text className="xfh-muted">首次响应（中位）</Text>
                <Text className="xfh-dash__kpi-value">{num(ind.medianFirstResponseHours, ' 小时')}</Text>
                <Delta d={ind.delta.medianFirstResponseHours} kind="num" lowerIsBetter />
              </View>
            </View>
            <View className="xfh-dash__counts" id="dash-counts">
              <Text>{`预约 ${data.counts.bookings}`}</Text>
              <Text>{`签到 ${data.counts.checkIns}`}</Text>
              <Text>{`志愿 ${data.counts.volunteerHours} 小时`}</Text>
              <Text>{`意见 ${data.counts.opinions}`}</Text>
              <Text>{`养老服务 ${data.counts.careRequests}`}</Text>
              <Text>{`服务居民 ${data.counts.residentsServed} 人次`}</Text>
            </View>
          </View>

          <View className="xfh-card" id="dash-projects">
            <Text className="xfh-section-title">民生项目（当前）</Text>
            <View className="xfh-dash__kpis">
              <View className="xfh-dash__kpi">
                <Text className="xfh-muted">在办项目（计划中、推进中）</Text>
                <Text className="xfh-dash__kpi-value" id="dash-projects-open">{`${data.projects.open} 个`}</Text>
              </View>
              <View className="xfh-dash__kpi">
                <Text className="xfh-muted">逾期节点</Text>
                <Text className={`xfh-dash__kpi-value${data.projects.overdueMilestones ? ' xfh-error' : ''}`} id="dash-projects-overdue">{`${data.projects.overdueMilestones} 个`}</Text>
              </View>
            </View>
            <Text className="xfh-muted">居民对已完成项目的评议计入上方满意度。</Text>
          </View>

          <View className="xfh-card xfh-dash__wide" id="dash-trend">
            <Text className="xfh-section-title">每日趋势</Text>
            {trendOption && <EChart id="dash-trend-chart" option={trendOption} height={220} />}
          </View>

          <View className="xfh-card" id="dash-topics">
            <Text className="xfh-section-title">{`民意热度（${data.opinionCount} 条意见）`}</Text>
            {data.hotTopics.length === 0 ? (
              <Text className="xfh-muted">这段时间还没有意见</Text>
            ) : (
              topicOption && <EChart id="dash-topic-chart" option={topicOption} height={Math.max(120, Math.min(8, data.hotTopics.length) * 30 + 32)} />
            )}
          </View>

          {data.children.length > 0 && (
            <View className="xfh-card" id="dash-children">
              <Text className="xfh-section-title">{data.scope === 'district' ? '各街道排名' : '各综合体排名'}</Text>
              {data.children.map((c, i) => (
                <View key={`${c.scope}-${c.id}`} className="xfh-dash__child" id={`dash-child-${c.scope}-${c.id}`} onClick={() => drill(c)}>
                  <Text className="xfh-dash__rank">{i + 1}</Text>
                  <View className="xfh-dash__child-main">
                    <Text>{c.name}</Text>
                    <Text className="xfh-muted">{`满意度 ${c.satisfaction === null ? '—' : `${c.satisfaction} 星`} · 签到 ${c.counts.checkIns} · 意见 ${c.counts.opinions}${c.projects.overdueMilestones ? ` · 逾期节点 ${c.projects.overdueMilestones}` : ''}`}</Text>
                  </View>
                  <Text className="xfh-dash__child-index">{c.activityIndex}</Text>
                  <Text className="xfh-muted">›</Text>
                </View>
              ))}
            </View>
          )}
        </View>
      )}
    </PageShell>
  );
}
