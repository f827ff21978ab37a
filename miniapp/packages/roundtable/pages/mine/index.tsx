import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { opinionsApi, type OpinionSummary } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import OpinionCard from '../../../../components/OpinionCard';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useShowLoad } from '../../../../refresh';
import { useSessionGate } from '../../../../session';

/** 我的意见: every opinion the resident sent, newest first, with where it stands. */
export default function MyOpinionsPage() {
  const user = useSessionGate();
  const [items, setItems] = useState<OpinionSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (cursor?: string | null) => {
    setError(null);
    try {
      const page = await opinionsApi.mine({ cursor });
      setItems(cursor ? [...(items ?? []), ...page.items] : page.items);
      setNext(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useShowLoad(!!user, load);

  return (
    <PageShell>
      <Text className="xfh-heading">我的意见</Text>
      <StatusView loading={items === null && !error} error={error} onRetry={() => load()} empty={items?.length === 0 ? '您还没有提过意见' : null} />
      {items?.map((o) => (
        <OpinionCard key={o.id} opinion={o} url={ROUTES.opinion(o.id)} />
      ))}
      {next && (
        <ActionButton variant="secondary" onClick={() => load(next)}>
          加载更多
        </ActionButton>
      )}
      <ActionButton onClick={() => Taro.navigateTo({ url: ROUTES.opinionSubmit })}>我要提意见</ActionButton>
    </PageShell>
  );
}
