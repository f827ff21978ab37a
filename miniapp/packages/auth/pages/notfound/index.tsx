import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import ActionButton from '../../../../components/ActionButton';
import PageShell from '../../../../components/PageShell';
import { ROUTES } from '../../../../routes';
import './index.scss';

/** Where an unknown link lands (app.ts, usePageNotFound): say so plainly and offer the way home. */
export default function NotFoundPage() {
  const canGoBack = Taro.getCurrentPages().length > 1;
  return (
    <PageShell className="xfh-notfound">
      <View className="xfh-card xfh-notfound__card" id="not-found">
        <Text className="xfh-heading">找不到这个页面</Text>
        <Text>这个链接可能已经失效，或者输入有误。您可以回到首页，从那里找到需要的服务。</Text>
        <ActionButton id="not-found-home" onClick={() => Taro.reLaunch({ url: ROUTES.home })}>
          回到首页
        </ActionButton>
        {canGoBack && (
          <ActionButton variant="secondary" onClick={() => Taro.navigateBack()}>
            返回上一页
          </ActionButton>
        )}
      </View>
    </PageShell>
  );
}
