import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../../../a11y';
import type { NearbySpace } from '../../../../api/nearby';
import { formatDistance } from '../../../../format';
import { SPACE_TYPE_LOOKS } from '../../../../spaceTypes';
import type { CircleViewProps } from './circleView.types';
import { DISTRICT_OUTLINE, STREETS, WEST_LAKE } from './district';
import { placeRoute } from './placeRoute';
import '../../../../components/SpaceGroups/index.scss';

const MARKS = Object.fromEntries(SPACE_TYPE_LOOKS.map((t) => [t.type, t.mark]));
const M_PER_DEG = 111_320;


/**
 * The browser has no map tiles offline, so it draws its own base: the district outline, the main
 * streets and West Lake, with the 10-minute circle and a marker per space (tap → its page), then
 * the same spaces as a list, nearest first. (The weapp build uses CircleView.weapp.tsx, a real map.)
 */
export default function CircleView({ center, radiusM, spaces }: CircleViewProps) {
  const [whole, setWhole] = useState(false);
  // metres east/north of the centre → SVG units (1 unit = 1 m); the view is the circle plus a
  // margin, or the whole district
  const cos = Math.cos((center.lat * Math.PI) / 180);
  const xy = (lat: number, lng: number) => ({ x: (lng - center.lng) * M_PER_DEG * cos, y: -(lat - center.lat) * M_PER_DEG });
  const half = whole ? 16000 : radiusM * 1.35;
  const pts = (list: readonly (readonly [number, number])[]) => list.map(([lat, lng]) => { const p = xy(lat, lng); return `${p.x.toFixed(0)},${p.y.toFixed(0)}`; }).join(' ');
  const marker = whole ? half / 45 : radiusM / 14;
  const lake = xy(WEST_LAKE.lat, WEST_LAKE.lng);
  return (
    <View>
      <View className="xfh-map__base" id="map-view" {...aria('group', { label: `地图：${spaces.length} 处服务空间在步行 10 分钟范围内` })}>
        <svg viewBox={`${-half} ${-half} ${2 * half} ${2 * half}`} width="100%" height="100%" aria-hidden="true">
          <rect x={-half} y={-half} width={2 * half} height={2 * half} fill="#eef1ea" />
          <polygon points={pts(DISTRICT_OUTLINE)} fill="#f7f8f3" stroke="#1d6b57" strokeWidth={half / 90} strokeDasharray={`${half / 30} ${half / 60}`} />
          <ellipse cx={lake.x} cy={lake.y} rx={WEST_LAKE.rxM} ry={WEST_LAKE.ryM} fill="#b9d7e8" />
          {STREETS.map((s) => (
            <polyline key={s.name} points={pts(s.path)} fill="none" stroke="#ffffff" strokeWidth={whole ? half / 120 : 36} />
          ))}
          {STREETS.map((s) => {
            const [lat, lng] = s.path[Math.floor(s.path.length / 2)];
            const p = xy(lat, lng);
            return (
              <text key={s.name} x={p.x} y={p.y} fontSize={whole ? half / 22 : radiusM / 9} fill="#4a5260">
                {s.name}
              </text>
            );
          })}
          <circle cx={0} cy={0} r={radiusM} fill="rgba(29,107,87,0.10)" stroke="#1d6b57" strokeWidth={whole ? half / 150 : 8} />
          {spaces.map((s) => {
            const p = xy(s.lat, s.lng);
            return <circle key={s.id} cx={p.x} cy={p.y} r={marker} fill={s.bookable ? '#9a4a00' : '#3a4fa0'} stroke="#ffffff" strokeWidth={marker / 4} />;
          })}
          <circle cx={0} cy={0} r={marker * 0.8} fill="#b42318" stroke="#ffffff" strokeWidth={marker / 4} />
        </svg>
        {/* markers to tap: the SVG only draws them */}
        {spaces.map((s) => {
          const p = xy(s.lat, s.lng);
          const left = ((p.x + half) / (2 * half)) * 100;
          const top = ((p.y + half) / (2 * half)) * 100;
          if (left < 0 || left > 100 || top < 0 || top > 100) return null;
          return (
            <View
              key={s.id}
              id={`map-marker-${s.id}`}
              className="xfh-map__marker"
              style={`left: ${left}%; top: ${top}%`}
              onClick={() => Taro.navigateTo({ url: placeRoute(s) })}
              {...aria('link', { label: `${s.name}，${formatDistance(s.distanceM)}` })}
            />
          );
        })}
      </View>
      <View className="xfh-map__legend">
        <Text className="xfh-map__legend-item xfh-map__legend-item--here">您的位置</Text>
        <Text className="xfh-map__legend-item xfh-map__legend-item--book">可预约</Text>
        <Text className="xfh-map__legend-item xfh-map__legend-item--use">到场使用</Text>
        <Text id="map-zoom" className="xfh-link xfh-map__zoom" onClick={() => setWhole(!whole)} {...aria('button')}>
          {whole ? '看附近' : '看全区'}
        </Text>
      </View>
      <View id="map-list">
        {spaces.map((s: NearbySpace) => (
          <View key={s.id} className="xfh-card xfh-map__row" id={`space-${s.id}`} onClick={() => Taro.navigateTo({ url: placeRoute(s) })} {...aria('link')}>
            <View className="xfh-map__row-head">
              <Text className={`xfh-spaces__badge xfh-spaces__badge--${s.type}`}>{MARKS[s.type]}</Text>
              <Text className="xfh-map__name">{s.name}</Text>
            </View>
            <Text className="xfh-muted">{`${s.typeLabel} · ${s.facilityName}`}</Text>
            <Text className="xfh-map__walk">{`${formatDistance(s.distanceM)} · 步行约 ${s.walkMinutes} 分钟`}</Text>
            <Text className="xfh-link">{s.bookable ? '去预约 ›' : '看综合体 ›'}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
