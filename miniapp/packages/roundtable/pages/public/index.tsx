import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { opinionsApi, type OpinionSummary } from '../../../../api/roundtable';
import ActionButton from '../../../../components/ActionButton';
import OpinionCard from '../../../../components/OpinionCard';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useShowLoad } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { myComplexId } from '../../../../stores/place';

/** 大家的意见: public opinions of the resident's complex (names masked), each with 附议 once. */
export default function PublicOpinionsPage() {
  const user = useSessionGate();
  const [items, setItems] = useState<OpinionSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const complexId = myComplexId() ?? undefined;

  const load = async (cursor?: string | null) => {
    setError(null);
    try {
      const page = await opinionsApi.publicList({ complexId, cursor });
      setItems(cursor ? [...(items ?? []), ...page.items] : page.items);
      setNext(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useShowLoad(!!user, load);

  const cosign = async (o: OpinionSummary) => {
    try {
      const r = await opinionsApi.cosign(o.id);
      setItems((items ?? []).map((x) => (x.id === o.id ? { ...x, cosignCount: r.cosignCount, cosignedByMe: true } : x)));
    } catch {
      // the request wrapper showed why
    }
  };

  return (
    <PageShell>
      <Text className="xfh-heading">大家的意见</Text>
      <Text className="xfh-muted">同样关心的事，点“附议”让工作人员知道</Text>
      <StatusView loading={items === null && !error} error={error} onRetry={() => load()} empty={items?.length === 0 ? '还没有公开的意见' : null} />
      {items?.map((o) => (
        <View key={o.id}>
          <OpinionCard opinion={o} url={ROUTES.opinion(o.id)} />
          {!o.mine && o.status !== 'closed' && o.status !== 'rejected' && (
            o.cosignedByMe ? (
              <Text className="xfh-muted">您已附议</Text>
            ) : (
              <ActionButton variant="secondary" onClick={() => cosign(o)} id={`cosign-${o.id}`}>
                附议（{o.cosignCount}）
              </ActionButton>
            )
          )}
        </View>
      ))}
      {next && (
        <ActionButton variant="secondary" onClick={() => load(next)}>
          加载更多
        </ActionButton>
      )}
    </PageShell>
  );
}
