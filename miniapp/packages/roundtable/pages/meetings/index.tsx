import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { meetingsApi, type Meeting } from '../../../../api/roundtable';
import { aria } from '../../../../a11y';
import ChoiceChips from '../../../../components/ChoiceChips';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDateTime } from '../../../../time';
import { ROUTES } from '../../../../routes';
import { useShowLoad } from '../../../../refresh';
import { useSessionGate } from '../../../../session';
import { myComplexId } from '../../../../stores/place';

const WHEN = [
  { value: 'upcoming' as const, label: '即将召开' },
  { value: 'past' as const, label: '已召开' },
];

/** 议事会: the round tables of the resident's complex, to sign up for or read the minutes of. */
export default function MeetingsPage() {
  const user = useSessionGate();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [items, setItems] = useState<Meeting[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (w = when) => {
    setError(null);
    setItems(null);
    try {
      setItems((await meetingsApi.list({ complexId: myComplexId() ?? undefined, past: w === 'past' ? '1' : undefined })).items);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useShowLoad(!!user, load);

  return (
    <PageShell>
      <Text className="xfh-heading">议事会</Text>
      <Text className="xfh-muted">民意小圆桌 · 民生圆桌会 · 居民议事会</Text>
      <ChoiceChips id="meetings-when" label="时间" options={WHEN} value={when} onChange={(w) => { setWhen(w); load(w); }} />
      <StatusView loading={items === null && !error} error={error} onRetry={() => load()} empty={items?.length === 0 ? (when === 'past' ? '还没有召开过的会议' : '近期没有安排会议') : null} />
      {items?.map((m) => (
        <View key={m.id} className="xfh-card" id={`meeting-${m.id}`} onClick={() => Taro.navigateTo({ url: ROUTES.meeting(m.id) })} {...aria('link')}>
          <Text className="xfh-tag xfh-tag--flagship">{m.typeLabel}</Text>
          <Text className="xfh-section-title">{m.topic}</Text>
          <Text>
            {formatDateTime(m.startAt)} · {m.place}
          </Text>
          <Text className="xfh-muted">
            {m.complexName} · 已报名 {m.signedCount}/{m.capacity}
            {m.signedUp ? ' · 我已报名' : ''}
          </Text>
        </View>
      ))}
    </PageShell>
  );
}
