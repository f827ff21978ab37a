import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { aria } from '../../a11y';
import { ROUTES } from '../../routes';
import type { Space } from '../../api/places';
import { SPACE_TYPE_LOOKS } from '../../spaceTypes';
import Icon from '../Icon';
import './index.scss';

interface Props {
  spaces: Space[];
  /** names of facilities by id, to say where a space is */
  facilityNames?: Record<number, string>;
  /** only these types (e.g. governance on the 民意 tab) */
  types?: Space['type'][];
}

/** The "7+X" spaces of a complex, grouped by type, each group with its badge icon; a bookable one leads to its booking. */
export default function SpaceGroups({ spaces, facilityNames = {}, types }: Props) {
  const groups = SPACE_TYPE_LOOKS.filter((t) => !types || types.includes(t.type))
    .map((t) => ({ ...t, items: spaces.filter((s) => s.type === t.type) }))
    .filter((g) => g.items.length > 0);

  if (groups.length === 0) return <Text className="xfh-muted">暂无服务空间信息</Text>;

  return (
    <View className="xfh-spaces">
      {groups.map((g) => (
        <View key={g.type} className="xfh-spaces__group">
          <View className="xfh-spaces__group-head">
            <View className={`xfh-spaces__badge xfh-spaces__badge--${g.type}`}>
              <Icon name={g.icon} color="#ffffff" />
            </View>
            <Text className="xfh-spaces__group-title">{g.label}</Text>
            <Text className="xfh-spaces__count">{g.items.length} 处</Text>
          </View>
          {g.items.map((s) => (
            <View
              key={s.id}
              id={`space-item-${s.id}`}
              className="xfh-spaces__item"
              {...(s.bookable ? { onClick: () => Taro.navigateTo({ url: ROUTES.space(s.id) }), ...aria('link') } : {})}
            >
              <Text className="xfh-spaces__name">{s.name}</Text>
              <Text className="xfh-spaces__meta">
                {s.bookable ? '可预约' : '到场使用'}
                {s.capacity ? ` · 可容纳 ${s.capacity} 人` : ''}
                {s.facilityId && facilityNames[s.facilityId] ? ` · ${facilityNames[s.facilityId]}` : ''}
              </Text>
              {s.bookable && <Text className="xfh-link">选时段预约 ›</Text>}
              {s.occupancy && (
                <Text className={`xfh-spaces__meta${s.occupancy.full ? ' xfh-error' : ''}`} id={`space-${s.id}-occupancy`}>
                  {s.occupancy.capacity > 0 ? `现在 ${s.occupancy.count} 人 / 容量 ${s.occupancy.capacity}` : `现在 ${s.occupancy.count} 人`}
                  {s.occupancy.full ? ' · 已满' : ''}
                </Text>
              )}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}
