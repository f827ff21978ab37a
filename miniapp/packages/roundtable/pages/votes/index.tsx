import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { votesApi, type VoteSummary } from '../../../../api/roundtable';
import { aria } from '../../../../a11y';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useRemote } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { myComplexId } from '../../../../stores/place';

const STATE_LABELS = { upcoming: '未开始', open: '进行中', closed: '已截止' } as const;

/** 投票表决: the votes of the resident's complex. */
export default function VotesPage() {
  const user = useSessionGate();
  const { data: items, error, reload: load } = useRemote<VoteSummary[]>(!!user, async () => (await votesApi.list({ complexId: myComplexId() ?? undefined })).items);
  return (
    <PageShell>
      <Text className="xfh-heading">投票表决</Text>
      <StatusView loading={items === null && !error} error={error} onRetry={load} empty={items?.length === 0 ? '暂时没有投票' : null} />
      {items?.map((v) => (
        <View key={v.id} className="xfh-card" id={`vote-${v.id}`} onClick={() => Taro.navigateTo({ url: ROUTES.vote(v.id) })} {...aria('link')}>
          <Text className="xfh-tag xfh-tag--flagship">{STATE_LABELS[v.state]}</Text>
          <Text className="xfh-section-title">{v.question}</Text>
          <Text className="xfh-muted">
            {v.eligibility.label} · 截止 {formatDateTime(v.closesAt)}
          </Text>
        </View>
      ))}
    </PageShell>
  );
}
