import { Image, Text, View } from '@tarojs/components';
import { API_BASE } from '../../api/request';
import Taro from '@tarojs/taro';
import { aria, imgAlt } from '../../a11y';
import type { ComplexSummary } from '../../api/places';
import { formatDistance, walkMinutes } from '../../format';
import { ROUTES } from '../../routes';
import ModeTag from '../ModeTag';
import './index.scss';

/** One complex in a list: name, mode, distance and address; tap opens its page. */
export default function ComplexCard({ complex }: { complex: ComplexSummary }) {
  const open = () => Taro.navigateTo({ url: ROUTES.complex(complex.id) });
  const hasDistance = typeof complex.distanceM === 'number';
  return (
    <View className="xfh-complex-card" onClick={open} {...aria('link')}>
      {complex.coverPhotoUrl && <Image className="xfh-complex-card__photo" src={`${API_BASE}${complex.coverPhotoUrl}`} mode="aspectFill" lazyLoad ariaLabel={`${complex.name}照片`} {...imgAlt(`${complex.name}照片`)} />}
      <View className="xfh-complex-card__head">
        <Text className="xfh-complex-card__name">{complex.name}</Text>
        <ModeTag mode={complex.mode} />
      </View>
      {hasDistance && (
        <Text className="xfh-complex-card__distance">
          距您 {formatDistance(complex.distanceM)} · 步行约 {walkMinutes(complex.distanceM!)} 分钟
        </Text>
      )}
      <Text className="xfh-complex-card__address">
        {complex.streetName ? `${complex.streetName} · ` : ''}
        {complex.address}
      </Text>
      <Text className="xfh-complex-card__more">查看详情 ›</Text>
    </View>
  );
}
