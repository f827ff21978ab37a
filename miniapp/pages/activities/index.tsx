import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ACTIVITY_CATEGORIES } from '@shared/booking';
import { bookingApi } from '../../api/booking';
import { aria } from '../../a11y';
import ActionButton from '../../components/ActionButton';
import ActivityCard from '../../components/ActivityCard';
import Chips from '../../components/Chips';
import MyComplexBar from '../../components/MyComplexBar';
import PageShell from '../../components/PageShell';
import StatusView from '../../components/StatusView';
import { shanghaiToday } from '../../time';
import { usePagedRemote } from '../../refresh';
import { ROUTES } from '../../routes';
import { useSessionGate } from '../../session';
import { useMyComplex } from '../../stores/place';
import './index.scss';

type When = 'all' | 'today' | 'tomorrow' | 'week';
type Scope = 'mine' | 'district';

const WHEN: { value: When; label: string }[] = [
  { value: 'all', label: '近期全部' },
  { value: 'today', label: '今天' },
  { value: 'tomorrow', label: '明天' },
  { value: 'week', label: '7 天内' },
];

function range(w: When): { from?: string; to?: string } {
  if (w === 'today') return { from: shanghaiToday(0), to: shanghaiToday(0) };
  if (w === 'tomorrow') return { from: shanghaiToday(1), to: shanghaiToday(1) };
  if (w === 'week') return { to: shanghaiToday(6) };
  return {};
}

/** 活动: what is on at the resident's complex (or the whole district), to book in a few taps. */
export default function ActivitiesPage() {
  const user = useSessionGate();
  const { complex, source, choose } = useMyComplex(!!user);
  const [scope, setScope] = useState<Scope>('mine');
  const [when, setWhen] = useState<When>('all');
  const [category, setCategory] = useState('all');
  const [elder, setElder] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filterSummary = [
    scope === 'mine' ? '我的综合体' : '全区',
    WHEN.find((w) => w.value === when)?.label,
    category === 'all' ? '全部类别' : category,
    elder ? '适合老年人' : null,
  ]
    .filter(Boolean)
    .join(' · ');

  // a filter change restarts from the first page; 加载更多 (or scrolling down) appends the next
  const { items, error, reload, hasMore, loadMore } = usePagedRemote(
    !!user && (scope !== 'mine' || !!complex),
    (cursor?: string) =>
      bookingApi.activities({
        complexId: scope === 'mine' ? complex!.id : undefined,
        category: category === 'all' ? undefined : category,
        elderFriendly: elder,
        cursor: cursor ?? null,
        ...range(when),
      }),
    [user?.id, scope, complex?.id, category, elder, when],
  );

  const open = (id: number) => Taro.navigateTo({ url: ROUTES.activity(id) });
  const bookable = complex?.spaces.filter((s) => s.bookable) ?? [];

  return (
    <PageShell className="xfh-activities">
      <Text className="xfh-heading">活动预约</Text>
      <View className="xfh-activities__entries">
        <View className="xfh-card xfh-activities__entry" onClick={() => Taro.navigateTo({ url: ROUTES.myBookings })} {...aria('link')} id="entry-my-bookings">
          <Text className="xfh-activities__entry-title">我的预约</Text>
          <Text className="xfh-muted">预约码 · 取消</Text>
        </View>
        <View className="xfh-card xfh-activities__entry" onClick={() => Taro.navigateTo({ url: ROUTES.checkin })} {...aria('link')}>
          <Text className="xfh-activities__entry-title">扫码签到</Text>
          <Text className="xfh-muted">到场后扫一扫</Text>
        </View>
      </View>

      {/* One 筛选 control instead of four rows of chips: the list stays on the first screen. */}
      <View
        id="activity-filter-toggle"
        className="xfh-card xfh-activities__filter"
        onClick={() => setFiltersOpen(!filtersOpen)}
        {...aria('button', { expanded: filtersOpen })}
      >
        <Text className="xfh-activities__entry-title">筛选</Text>
        <Text className="xfh-muted" id="activity-filter-summary">
          {filterSummary}
        </Text>
        <Text className="xfh-link">{filtersOpen ? '收起' : '更改'}</Text>
      </View>
      {filtersOpen && (
        <View id="activity-filters">
          <Chips
            label="范围"
            value={scope}
            onChange={setScope}
            options={[
              { value: 'mine', label: '我的综合体' },
              { value: 'district', label: '全区' },
            ]}
          />
          <Chips label="时间" value={when} onChange={setWhen} options={WHEN} />
          <Chips
            label="类别"
            value={category}
            onChange={setCategory}
            options={[{ value: 'all', label: '全部类别' }, ...ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: c }))]}
          />
          <Chips
            label="适合人群"
            value={elder ? 'elder' : 'any'}
            onChange={(v) => setElder(v === 'elder')}
            options={[
              { value: 'any', label: '不限人群' },
              { value: 'elder', label: '适合老年人' },
            ]}
          />
          <ActionButton id="activity-filter-done" variant="secondary" onClick={() => setFiltersOpen(false)}>
            完成
          </ActionButton>
        </View>
      )}
      {scope === 'mine' && complex && <MyComplexBar complex={complex} source={source} onChoose={choose} />}

      <StatusView loading={!items && !error} error={error} onRetry={reload} empty={items?.length === 0 ? '暂时没有符合条件的活动' : null} />
      <View id="activity-list">
        {items?.map((a) => <ActivityCard key={a.id} a={a} onClick={() => open(a.id)} />)}
      </View>
      {hasMore && (
        <ActionButton variant="secondary" onClick={loadMore}>
          加载更多
        </ActionButton>
      )}

      {bookable.length > 0 && (
        <>
          <Text className="xfh-section-title">预约场地</Text>
          {bookable.map((s) => (
            <View key={s.id} className="xfh-card xfh-activities__space" onClick={() => Taro.navigateTo({ url: ROUTES.space(s.id) })} {...aria('link')}>
              <Text className="xfh-activities__entry-title">{s.name}</Text>
              <Text className="xfh-muted">{s.capacity === 1 ? '整间预约' : `每时段 ${s.capacity ?? ''} 人`} · 选日期看余位</Text>
            </View>
          ))}
        </>
      )}
    </PageShell>
  );
}
