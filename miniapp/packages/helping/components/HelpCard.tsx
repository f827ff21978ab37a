import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { HelpRequestView } from '../../../api/helping';
import { formatRange } from '../../../time';
import { formatDistance } from '../../../format';
import { ROUTES } from '../../../routes';

/** One request in a list: what, where (roughly), when, how many points; taps open the detail. */
export default function HelpCard({ r }: { r: HelpRequestView }) {
  return (
    <View className="xfh-card xfh-help__card" id={`help-item-${r.id}`} onClick={() => Taro.navigateTo({ url: ROUTES.helpRequest(r.id) })}>
      <View className="xfh-help__head">
        <Text className="xfh-help__title">{r.title}</Text>
        <Text className="xfh-help__points">{`${r.points} 分`}</Text>
      </View>
      <View className="xfh-help__head">
        <Text className="xfh-help__tag">{r.categoryLabel}</Text>
        <Text className="xfh-muted">{r.statusLabel}</Text>
      </View>
      <Text className="xfh-muted">{`${r.roughPlace}${r.distanceM != null ? ` · ${formatDistance(r.distanceM)}` : ''}`}</Text>
      <Text className="xfh-muted">{formatRange(r.from, r.to)}</Text>
    </View>
  );
}
