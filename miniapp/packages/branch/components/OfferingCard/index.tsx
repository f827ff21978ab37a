import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { aria } from '../../../../a11y';
import type { Offering } from '../../../../api/branch';
import { formatSlot } from '../../../../time';
import { formatDistance } from '../../../../format';
import { ROUTES } from '../../../../routes';
import { seatsLeft } from '../../format';
import './index.scss';

/** One offering in a list: what, when, where, who brings it and how many seats are left. */
export default function OfferingCard({ offering: o, url }: { offering: Offering; url?: string }) {
  const left = seatsLeft(o);
  return (
    <View
      className="xfh-card xfh-offering-card"
      id={`offering-${o.id}`}
      onClick={() => Taro.navigateTo({ url: url ?? ROUTES.offering(o.id) })}
      {...aria('link')}
    >
      <View className="xfh-offering-card__head">
        <Text className="xfh-offering-card__title">{o.title}</Text>
        <Text className="xfh-tag xfh-tag--flagship">{o.categoryName}</Text>
      </View>
      <Text className="xfh-offering-card__line">{formatSlot(o.startAt, o.endAt)}</Text>
      <Text className="xfh-offering-card__line">
        {o.complexName}
        {o.distanceM !== undefined ? ` · ${formatDistance(o.distanceM)}` : ''}
      </Text>
      <View className="xfh-offering-card__foot">
        <Text className="xfh-muted">{o.branchName}</Text>
        <Text className={left > 0 ? 'xfh-offering-card__seats' : 'xfh-offering-card__seats xfh-offering-card__seats--full'}>
          {o.status === 'cancelled' ? '已取消' : left > 0 ? `剩 ${left} 个名额` : '已约满'}
        </Text>
      </View>
    </View>
  );
}
