import { formatMonth } from '../../../../time';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { pointsApi } from '../../../../api/points';
import { aria } from '../../../../a11y';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useSessionGate } from '../../../../session';
import { myComplexId } from '../../../../stores/place';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';

type Scope = 'community' | 'street';
type Metric = 'hours' | 'points';

function Toggle<T extends string>({ value, options, onChange, label }: { value: T; options: Array<[T, string]>; onChange: (v: T) => void; label: string }) {
  return (
    <View className="xfh-vp-chips" {...aria('radiogroup', { label })}>
      {options.map(([v, text]) => (
        <View key={v} className={`xfh-vp-chip ${v === value ? 'xfh-vp-chip--on' : ''}`} {...aria('radio', { checked: v === value, label: text })} onClick={() => onChange(v)}>
          <Text>{text}</Text>
        </View>
      ))}
    </View>
  );
}

/** 月度排行榜 of my complex's community or street: volunteer hours or points earned; names masked. */
export default function LeaderboardPage() {
  useSessionGate();
  const [scope, setScope] = useState<Scope>('community');
  const [metric, setMetric] = useState<Metric>('hours');
  const { data: board, error } = useRemote(true, () => pointsApi.leaderboard({ scope, complexId: myComplexId() ?? 1, metric }), [scope, metric], { keepPrevious: true });

  return (
    <PageShell>
      <Text className="xfh-heading">{board ? `${board.areaName} · ${formatMonth(board.month)}` : '月度排行榜'}</Text>
      <Toggle label="范围" value={scope} options={[['community', '本社区'], ['street', '本街道']]} onChange={setScope} />
      <Toggle label="榜单" value={metric} options={[['hours', '志愿时长'], ['points', '获得积分']]} onChange={setMetric} />
      <StatusView loading={!board && !error} error={error} empty={board?.items.length === 0 ? '本月还没有记录' : null} />
      {board && board.items.length > 0 && (
        <View className="xfh-card">
          {board.items.map((r) => (
            <View key={`${r.rank}-${r.name}`} className="xfh-vp-item__head">
              <Text>{r.rank}. {r.name}{r.isMe ? '（我）' : ''}</Text>
              <Text className="xfh-vp-points xfh-vp-points--plus">{r.value} {metric === 'hours' ? '小时' : '分'}</Text>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
