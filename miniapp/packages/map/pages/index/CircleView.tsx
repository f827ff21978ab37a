import { Text, View } from '@tarojs/components';
import type { NearbySpace } from '../../../../api/nearby';
import { formatDistance } from '../../../../format';
import { SPACE_TYPES } from '../../../../labels';
import type { CircleViewProps } from './circleView.types';
import '../../../../components/SpaceGroups/index.scss';

const MARKS = Object.fromEntries(SPACE_TYPES.map((t) => [t.type, t.mark]));

/**
 * The browser shows the 10-minute circle as a list: each space with its type, distance and
 * walking minutes, nearest first (the weapp build uses CircleView.weapp.tsx, a real map).
 */
export default function CircleView({ spaces }: CircleViewProps) {
  return (
    <View id="map-list">
      {spaces.map((s: NearbySpace) => (
        <View key={s.id} className="xfh-card xfh-map__row" id={`space-${s.id}`}>
          <View className="xfh-map__row-head">
            <Text className={`xfh-spaces__badge xfh-spaces__badge--${s.type}`}>{MARKS[s.type]}</Text>
            <Text className="xfh-map__name">{s.name}</Text>
          </View>
          <Text className="xfh-muted">{`${s.typeLabel} · ${s.facilityName}`}</Text>
          <Text className="xfh-map__walk">{`${formatDistance(s.distanceM)} · 步行约 ${s.walkMinutes} 分钟`}</Text>
        </View>
      ))}
    </View>
  );
}
