import { Text, View } from '@tarojs/components';
import { aria } from '../../a11y';
import type { TimelineEntry } from '../../api/roundtable';
import { formatDateTime } from '../../time';
import './index.scss';

/** 办理时间线: who did what, when — newest last, as the story of the opinion. */
export default function OpinionTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className="xfh-timeline" id="opinion-timeline" {...aria('list')}>
      {entries.map((e) => (
        <View key={e.id} className="xfh-timeline__item" {...aria('listitem')}>
          <View className="xfh-timeline__dot" />
          <View className="xfh-timeline__body">
            <Text className="xfh-timeline__label">{e.label}</Text>
            <Text className="xfh-muted">
              {e.actorName} · {formatDateTime(e.at)}
            </Text>
            {e.note && <Text className="xfh-timeline__note">{e.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
