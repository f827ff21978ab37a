import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { aria } from '../../a11y';
import type { ComplexDetail } from '../../api/places';
import { ROUTES } from '../../routes';
import ModeTag from '../ModeTag';
import './index.scss';

/** "我的综合体" header on the 活动 and 民意 tabs, with a way to change it. */
export default function MyComplexBar({ complex }: { complex: ComplexDetail }) {
  return (
    <View className="xfh-card xfh-my-complex">
      <Text className="xfh-muted">我的综合体</Text>
      <View
        className="xfh-my-complex__name"
        onClick={() => Taro.navigateTo({ url: ROUTES.complex(complex.id) })}
        {...aria('link')}
      >
        <Text>{complex.name}</Text>
        <ModeTag mode={complex.mode} />
      </View>
      {complex.openingHours && <Text className="xfh-muted">开放时间：{complex.openingHours}</Text>}
      <Text
        className="xfh-link xfh-my-complex__change"
        onClick={() => Taro.navigateTo({ url: ROUTES.complexList })}
        {...aria('link')}
      >
        换一个综合体
      </Text>
    </View>
  );
}
