import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { WALK_METERS_PER_MINUTE } from '@shared/constants';
import { aria } from '../../../../a11y';
import { nearbyApi, type ServiceCircle } from '../../../../api/nearby';
import type { SpaceType } from '@shared/constants';
import { placesApi, type ComplexSummary } from '../../../../api/places';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { formatDistance } from '../../../../format';
import { SPACE_TYPE_LOOKS } from '../../../../spaceTypes';
import { currentPosition, type Position } from '../../../../location';
import { ROUTES } from '../../../../routes';
import { myComplexId } from '../../../../stores/place';
import { formatTime } from '../../../../time';
import CircleView from './CircleView';
import './index.scss';

/** The walk of the service circle (10 minutes at WALK_METERS_PER_MINUTE, about 800 m). */
const CIRCLE_MINUTES = 10;

/**
 * 数字民生地图: what is within a 10-minute walk — spaces by "7+X" type (filterable) and today's
 * activities. Centre: where the user stands, or a complex they pick when location is off.
 */
export default function ServiceMapPage() {
  const [center, setCenter] = useState<Position | null>(null);
  const [centerName, setCenterName] = useState('');
  const [located, setLocated] = useState<'pending' | 'found' | 'none'>('pending');
  const [complexes, setComplexes] = useState<ComplexSummary[]>([]);
  const [circle, setCircle] = useState<ServiceCircle | null>(null);
  const [type, setType] = useState<SpaceType | 'all'>('all');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    currentPosition().then(async (pos) => {
      if (pos) {
        setCenter(pos);
        setLocated('found');
        return;
      }
      setLocated('none');
      const all = await placesApi.complexes().catch(() => []);
      setComplexes(all);
      const mine = all.find((c) => c.id === myComplexId()) ?? all[0];
      if (mine) {
        setCenter({ lat: mine.lat, lng: mine.lng });
        setCenterName(mine.name);
      }
    });
  }, []);

  useEffect(() => {
    if (!center) return;
    setError(null);
    nearbyApi
      .circle(center.lat, center.lng, CIRCLE_MINUTES)
      .then(setCircle)
      .catch((e: Error) => setError(e.message));
  }, [center]);

  const spaces = useMemo(() => (circle?.spaces ?? []).filter((s) => type === 'all' || s.type === type), [circle, type]);
  const typesPresent = useMemo(() => new Set((circle?.spaces ?? []).map((s) => s.type)), [circle]);

  return (
    <PageShell className="xfh-map">
      <Text className="xfh-heading">十分钟服务圈</Text>
      <Text className="xfh-muted">{located === 'found' ? `从您现在的位置步行 ${CIRCLE_MINUTES} 分钟（约 ${CIRCLE_MINUTES * WALK_METERS_PER_MINUTE} 米）能到的服务` : `没有获取到您的位置，以「${centerName}」为中心`}</Text>
      {located === 'none' && complexes.length > 0 && (
        <Picker mode="selector" range={complexes.map((c) => c.name)} onChange={(e) => {
          const c = complexes[Number(e.detail.value)];
          if (c) {
            setCenter({ lat: c.lat, lng: c.lng });
            setCenterName(c.name);
          }
        }}>
          <View className="xfh-map__center" {...aria('button')}>
            <Text className="xfh-link">换一个综合体</Text>
          </View>
        </Picker>
      )}

      <View className="xfh-map__filters" id="map-filters" {...aria('radiogroup', { label: '按空间类型筛选' })}>
        {[{ type: 'all' as const, label: '全部', mark: '全' }, ...SPACE_TYPE_LOOKS.filter((t) => typesPresent.has(t.type))].map((t) => (
          <Text
            key={t.type}
            id={`map-filter-${t.type}`}
            className={`xfh-map__filter${type === t.type ? ' xfh-map__filter--on' : ''}`}
            onClick={() => setType(t.type)}
            {...aria('radio', { checked: type === t.type })}
          >
            {t.label}
          </Text>
        ))}
      </View>

      <StatusView loading={located === 'pending' || (!!center && !circle && !error)} error={error} empty={circle && spaces.length === 0 ? `步行 ${CIRCLE_MINUTES} 分钟内没有这类空间` : null} />
      {circle && center && <CircleView center={center} radiusM={circle.radiusM} spaces={spaces} />}

      {circle && circle.activities.length > 0 && (
        <View>
          <Text className="xfh-section-title">今天附近的活动</Text>
          {circle.activities.map((a) => (
            <View key={a.id} className="xfh-card xfh-map__row" id={`map-activity-${a.id}`} onClick={() => Taro.navigateTo({ url: ROUTES.activity(a.id) })} {...aria('link')}>
              <Text className="xfh-map__name">{a.title}</Text>
              <Text className="xfh-muted">{`${formatTime(a.startAt)}–${formatTime(a.endAt)} · ${a.location || a.facilityName}`}</Text>
              <Text className="xfh-map__walk">{`${formatDistance(a.distanceM)} · 步行约 ${a.walkMinutes} 分钟`}</Text>
              <Text className="xfh-link">看详情、预约 ›</Text>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
