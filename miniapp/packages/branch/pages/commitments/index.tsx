import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { branchApi } from '../../../../api/branch';
import { commitmentsApi, type Commitments } from '../../../../api/projects';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { aria } from '../../../../a11y';
import { useRemote } from '../../../../refresh';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { hint, useAction } from '../../../../useAction';
import '../../styles.scss';
import './index.scss';
import { shanghaiYear } from '../../../../time';

const ratingText = (r: { average: number | null; count: number }) => (r.count ? `${r.average} 星（${r.count} 人评）` : '暂无评价');

/** The district's view: every branch's promises against delivery, with the rating. */
function Ranking({ year }: { year: number }) {
  const { data, error, reload } = useRemote(true, () => commitmentsApi.ranking(year), [year]);
  if (!data) return <StatusView loading={!error} error={error} onRetry={reload} />;
  return (
    <View id="commitment-ranking" {...aria('list')}>
      <StatusView empty={data.items.length === 0 ? '还没有党支部提交承诺清单' : null} />
      {data.items.map((r) => (
        <View key={r.branchId} className={`xfh-card xfh-promise ${r.behind ? 'xfh-promise--behind' : ''}`} {...aria('listitem')} onClick={() => Taro.navigateTo({ url: ROUTES.commitments(r.branchId) })}>
          <Text className="xfh-promise__name">{r.name}</Text>
          <Text className="xfh-promise__line">
            承诺 {r.promisedSessions} 场 · 已开展 {r.deliveredSessions} 场 · 服务 {r.deliveredResidents}/{r.promisedResidents} 人次
          </Text>
          <Text className="xfh-muted">
            评诺：{ratingText({ average: r.averageRating, count: r.ratingCount })} · {r.status === 'approved' ? '已批准' : '待审核'}
          </Text>
          {r.behind && <Text className="xfh-promise__warn">进度落后：{r.behindItems.join('；')}</Text>}
        </View>
      ))}
    </View>
  );
}

/** A branch's yearly 承诺清单: promised, delivered (counted from sessions held), rated. */
export default function CommitmentsPage() {
  const user = useSessionGate();
  // without ?id= a branch admin sees their own branch's list; the district admin the ranking
  const branchId = Number(useRouter().params.id) || (user?.role === 'branch_admin' ? (user.branchId ?? null) : null);
  const [year, setYear] = useState(shanghaiYear());
  const { data, error, reload } = useRemote<Commitments | null>(!!user && !!branchId, () => (branchId ? commitmentsApi.get(branchId, year) : Promise.resolve(null)), [branchId, year]);
  const { data: branch } = useRemote(!!user && !!branchId, () => branchApi.branch(branchId!), [branchId]);
  const { data: catalog } = useRemote(!!user && user.role === 'branch_admin', () => branchApi.catalog(), []);
  const [busy, run] = useAction(reload);
  const [itemId, setItemId] = useState<number | null>(null);
  const [complexId, setComplexId] = useState<number | null>(null);
  const [sessions, setSessions] = useState('12');
  const [residents, setResidents] = useState('300');

  const mine = user?.role === 'branch_admin' && user.branchId === branchId;
  const canFile = mine && data?.status !== 'approved';
  const addItem = async () => {
    if (!branchId || !data || !itemId || !complexId || !Number(sessions)) return hint('请选择服务项目、综合体并填写场次');
    const items = [
      ...data.items.filter((i) => !(i.catalogItemId === itemId && i.complexId === complexId)).map((i) => ({ catalogItemId: i.catalogItemId, complexId: i.complexId, target: i.target })),
      { catalogItemId: itemId, complexId, target: { sessions: Number(sessions), residents: Number(residents) || 0 } },
    ];
    await run(() => commitmentsApi.file(branchId, { year, items }), '承诺清单已提交，等待区里审核');
  };

  return (
    <PageShell className="xfh-branch">
      <Text className="xfh-heading">{branchId ? `${branch?.name ?? '党支部'} 承诺清单` : '各支部承诺与践诺'}</Text>
      <View className="xfh-branch__row">
        <ActionButton variant="secondary" className="xfh-branch__person-action" onClick={() => setYear(year - 1)}>
          上一年
        </ActionButton>
        <Text className="xfh-section-title" style={{ margin: 0 }} id="commitment-year">
          {year} 年
        </Text>
        <ActionButton variant="secondary" className="xfh-branch__person-action" onClick={() => setYear(year + 1)}>
          下一年
        </ActionButton>
      </View>
      <Text className="xfh-muted">已开展场次按真正举办、填写了服务记录的活动自动统计；评诺取自居民对这些服务的评价。</Text>

      {!branchId ? (
        <Ranking year={year} />
      ) : !data ? (
        <StatusView loading={!error} error={error} onRetry={reload} />
      ) : (
        <>
          <View className="xfh-card">
            <Text className="xfh-promise__line" id="commitment-status">
              状态：{data.status === 'approved' ? '已批准' : data.status === 'submitted' ? '待区里审核' : '尚未提交'}
            </Text>
            <Text className="xfh-promise__line">
              合计：承诺 {data.totals.target.sessions} 场，已开展 {data.totals.delivered.sessions} 场；服务 {data.totals.delivered.residents}/{data.totals.target.residents} 人次
            </Text>
            <Text className="xfh-muted">评诺：{ratingText(data.totals.rating)}</Text>
          </View>
          <View id="commitment-items" {...aria('list')}>
            {data.items.map((i) => (
              <View key={`${i.catalogItemId}-${i.complexId}`} className={`xfh-card xfh-promise ${i.behind ? 'xfh-promise--behind' : ''}`} {...aria('listitem')}>
                <Text className="xfh-promise__name">{i.catalogItemName}</Text>
                <Text className="xfh-muted">{i.complexName}</Text>
                <Text className="xfh-promise__line">
                  场次 {i.delivered.sessions}/{i.target.sessions} · 人次 {i.delivered.residents}/{i.target.residents}
                </Text>
                <Text className="xfh-muted">评诺：{ratingText(i.rating)}</Text>
                {i.behind && <Text className="xfh-promise__warn">进度落后于计划</Text>}
              </View>
            ))}
          </View>
          {user?.role === 'district_admin' && data.status === 'submitted' && (
            <ActionButton id="commitment-approve" loading={busy} onClick={() => run(() => commitmentsApi.approve(branchId, year), '已批准')}>
              批准承诺清单
            </ActionButton>
          )}
          {canFile && catalog && branch && (
            <View className="xfh-card" id="commitment-form">
              <Text className="xfh-section-title">添加承诺项目</Text>
              <Text className="xfh-muted">服务项目</Text>
              <ChoiceChips id="commitment-item" label="服务项目" options={catalog.flatMap((c) => c.items.map((it) => ({ value: it.id, label: it.name })))} value={itemId} onChange={setItemId} />
              <Text className="xfh-muted">结对综合体</Text>
              <ChoiceChips id="commitment-complex" label="结对综合体" options={branch.complexes.map((c) => ({ value: c.id, label: c.name }))} value={complexId} onChange={setComplexId} />
              <FormField id="commitment-sessions" label="全年目标场次" type="number" value={sessions} onInput={setSessions} />
              <FormField id="commitment-residents" label="全年目标服务人次" type="number" value={residents} onInput={setResidents} />
              <ActionButton id="commitment-submit" loading={busy} onClick={addItem}>
                加入清单并提交
              </ActionButton>
            </View>
          )}
        </>
      )}
    </PageShell>
  );
}
