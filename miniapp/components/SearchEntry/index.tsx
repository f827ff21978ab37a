import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { aria } from '../../a11y';
import { ROUTES } from '../../routes';
import { refreshUnread } from '../../stores/unread';
import Icon from '../Icon';
import './index.scss';

/**
 * The search box at the top of 首页 (a tap opens 搜索). It also brings the 我的 tab's unread
 * badge up to date whenever 首页 shows, the tab residents open first.
 */
export default function SearchEntry() {
  useDidShow(() => void refreshUnread());
  return (
    <View id="home-search" className="xfh-search-entry" onClick={() => Taro.navigateTo({ url: ROUTES.search })} {...aria('search')}>
      <View className="xfh-search-entry__box" {...aria('link', { label: '搜索活动、场地、综合体、兑换' })}>
        <Icon name="search" size="s" color="#4a5260" />
        <Text className="xfh-search-entry__text">搜索活动、场地、综合体、兑换</Text>
      </View>
    </View>
  );
}
