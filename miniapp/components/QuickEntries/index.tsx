import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { aria } from '../../a11y';
import type { Feature } from '../../features';
import Icon from '../Icon';
import { TAB_ROUTES } from '../../routes';
import './index.scss';

/** The grid of quick entries on 首页 (two columns, one in elder mode). */
export default function QuickEntries({ features }: { features: Feature[] }) {
  if (features.length === 0) return null;
  return (
    <View className="xfh-entries">
      {features.map((f) => (
        <View
          key={f.key}
          id={`entry-${f.key}`}
          className="xfh-entries__item"
          onClick={() => (TAB_ROUTES.includes(f.url) ? Taro.switchTab({ url: f.url }) : Taro.navigateTo({ url: f.url }))}
          {...aria('link')}
        >
          <View className="xfh-entries__mark">
            <Icon name={f.icon} color="#ffffff" size="l" />
          </View>
          <View className="xfh-entries__text">
            <Text className="xfh-entries__title">{f.title}</Text>
            <Text className="xfh-entries__hint">{f.hint}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
