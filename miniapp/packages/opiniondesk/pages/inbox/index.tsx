import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { placesApi } from '../../../../api/places';
import { opinionsApi, type OpinionSummary } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import ChoiceChips from '../../../../components/ChoiceChips';
import OpinionCard from '../../../../components/OpinionCard';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useShowLoad } from '../../../../refresh';
import { useSessionGate } from '../../../../session';

const STATUS_FILTERS = [
  { value: '', label: '全部' },
  { value: 'pending_review', label: '待审核' },
  { value: 'submitted', label: '待受理' },
  { value: 'accepted', label: '已受理' },
  { value: 'assigned', label: '已交办' },
  { value: 'in_progress', label: '办理中' },
  { value: 'replied', label: '已答复' },
  { value: 'closed', label: '已评价' },
];
const OVERDUE_FILTERS = [
  { value: '', label: '不限' },
  { value: '1', label: '只看超期' },
];

/** 民意收件箱: the opinions of the worker's complexes, filtered by status, overdue and complex. */
export default function InboxPage() {
  const user = useSessionGate();
  // the 工作台 to-do badges open the inbox already filtered (?status=submitted, ?overdue=1)
  const params = useRouter().params;
  const [status, setStatus] = useState(params.status ?? '');
  const [overdue, setOverdue] = useState(params.overdue ?? '');
  const [complexId, setComplexId] = useState<number | ''>('');
  const [items, setItems] = useState<OpinionSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (f = { status, overdue, complexId }, cursor?: string | null) => {
    setError(null);
    if (!cursor) setItems(null);
    try {
      const page = await opinionsApi.inbox({ status: f.status || undefined, overdue: f.overdue || undefined, complexId: f.complexId || undefined, cursor });
      setItems(cursor ? [...(items ?? []), ...page.items] : page.items);
      setNext(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useShowLoad(!!user, load);
  const [names, setNames] = useState<Record<number, string>>({});
  useEffect(() => {
    placesApi
      .complexes()
      .then((all) => setNames(Object.fromEntries(all.map((c) => [c.id, c.name]))))
      .catch(() => undefined);
  }, []);

  if (user && user.role !== 'worker' && user.role !== 'district_admin') {
    return (
      <PageShell>
        <StatusView error="民意收件箱仅供社区工作者和区级管理员使用" />
      </PageShell>
    );
  }
  const complexOptions = [{ value: '' as const, label: '全部综合体' }, ...(user?.complexIds ?? []).map((id) => ({ value: id, label: names[id] ?? `综合体 ${id}` }))];

  return (
    <PageShell>
      <Text className="xfh-heading">民意收件箱</Text>
      <Text className="xfh-section-title">状态</Text>
      <ChoiceChips id="inbox-status" label="状态" options={STATUS_FILTERS} value={status} onChange={(v) => { setStatus(v); load({ status: v, overdue, complexId }); }} />
      <Text className="xfh-section-title">期限</Text>
      <ChoiceChips id="inbox-overdue" label="是否超期" options={OVERDUE_FILTERS} value={overdue} onChange={(v) => { setOverdue(v); load({ status, overdue: v, complexId }); }} />
      {complexOptions.length > 2 && (
        <View>
          <Text className="xfh-section-title">综合体</Text>
          <ChoiceChips id="inbox-complex" label="综合体" options={complexOptions} value={complexId} onChange={(v) => { setComplexId(v); load({ status, overdue, complexId: v }); }} />
        </View>
      )}
      <StatusView loading={items === null && !error} error={error} onRetry={() => load()} empty={items?.length === 0 ? '没有符合条件的意见' : null} />
      {items?.map((o) => (
        <OpinionCard key={o.id} opinion={o} url={ROUTES.opinionHandle(o.id)} showDeadline />
      ))}
      {next && (
        <ActionButton variant="secondary" onClick={() => load(undefined, next)}>
          加载更多
        </ActionButton>
      )}
      <ActionButton variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.staffMeetings })}>
        议事会与票决
      </ActionButton>
    </PageShell>
  );
}
