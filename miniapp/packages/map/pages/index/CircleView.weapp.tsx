import { Map, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { SpaceType } from '@shared/constants';
import { formatDistance } from '../../../../format';
import type { CircleViewProps } from './circleView.types';
import { placeRoute } from './placeRoute';

// Copied into the package by config/index.ts (copy.patterns): a path from the mini-program root.
const iconOf = (type: SpaceType) => `/packages/map/assets/marker-${type}.png`;

/**
 * WeChat: Taro's Map with one marker per space, coloured by its "7+X" type, the 10-minute circle
 * drawn around the user, and the tapped space's distance and walking time below.
 */
export default function CircleView({ center, radiusM, spaces }: CircleViewProps) {
  const [picked, setPicked] = useState<number | null>(null);
  const markers = useMemo(
    () =>
      spaces.map((s, i) => ({
        id: i,
        latitude: s.lat,
        longitude: s.lng,
        iconPath: iconOf(s.type),
        width: 28,
        height: 28,
        title: s.name,
        callout: { content: `${s.name} · 步行 ${s.walkMinutes} 分钟`, color: '#1f2329', fontSize: 14, borderRadius: 6, bgColor: '#ffffff', padding: 6, display: 'BYCLICK' as const, textAlign: 'center' as const },
      })),
    [spaces],
  );
  const circles = [{ latitude: center.lat, longitude: center.lng, radius: radiusM, color: '#1d6b57AA', fillColor: '#1d6b5722', strokeWidth: 2 }];
  const s = picked !== null ? spaces[picked] : null;
  return (
    <View>
      <Map
        id="service-map"
        className="xfh-map__map"
        latitude={center.lat}
        longitude={center.lng}
        scale={15}
        showLocation
        markers={markers as never}
        circles={circles as never}
        onError={() => undefined}
        onMarkerTap={(e) => setPicked(Number((e.detail as { markerId: number }).markerId))}
      />
      {s && (
        <View className="xfh-card">
          <Text className="xfh-map__name">{s.name}</Text>
          <Text className="xfh-muted">{`${s.typeLabel} · ${s.facilityName}`}</Text>
          <Text className="xfh-map__walk">{`${formatDistance(s.distanceM)} · 步行约 ${s.walkMinutes} 分钟`}</Text>
          <Text className="xfh-link" onClick={() => Taro.navigateTo({ url: placeRoute(s) })}>
            {s.bookable ? '去预约 ›' : '看综合体 ›'}
          </Text>
        </View>
      )}
      {spaces.map((x) => (
        <View key={x.id} className="xfh-card xfh-map__row" id={`space-${x.id}`} onClick={() => Taro.navigateTo({ url: placeRoute(x) })}>
          <Text className="xfh-map__name">{x.name}</Text>
          <Text className="xfh-muted">{`${x.typeLabel} · ${formatDistance(x.distanceM)} · 步行约 ${x.walkMinutes} 分钟`}</Text>
        </View>
      ))}
    </View>
  );
}
