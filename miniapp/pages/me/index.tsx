import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { aria } from '../../a11y';
import ElderModeSwitch from '../../components/ElderModeSwitch';
import PageShell from '../../components/PageShell';
import { ROLE_LABELS } from '../../labels';
import { ROUTES } from '../../routes';
import { useSessionGate } from '../../session';
import { isStaff, signOut } from '../../stores/auth';
import ActionButton from '../../components/ActionButton';
import './index.scss';

export default function MePage() {
  const user = useSessionGate();

  const confirmSignOut = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '退出后需要重新登录才能预约和查看记录，确定退出吗？',
      confirmText: '退出',
      cancelText: '取消',
    });
    if (!confirm) return;
    await signOut();
    Taro.reLaunch({ url: ROUTES.login });
  };

  const row = (id: string, title: string, url: string) => (
    <View id={id} className="xfh-me__row" onClick={() => Taro.navigateTo({ url })} {...aria('link')}>
      <Text>{title}</Text>
      <Text className="xfh-me__arrow">›</Text>
    </View>
  );

  return (
    <PageShell className="xfh-me">
      <View className="xfh-card xfh-me__profile">
        <Text className="xfh-me__avatar">{(user?.nickname || '居').slice(0, 1)}</Text>
        <View className="xfh-me__who">
          <Text className="xfh-me__name">{user?.nickname || '幸福荟用户'}</Text>
          <Text className="xfh-me__phone" id="me-phone">{user?.phoneMasked || '未绑定手机号'}</Text>
          {user && (
            <Text className="xfh-tag xfh-tag--flagship xfh-me__role" id="me-role">
              {ROLE_LABELS[user.role]}
              {user.isVolunteer ? ' · 志愿者' : ''}
            </Text>
          )}
        </View>
      </View>

      {user && user.role === 'resident' && (
        <View className="xfh-card xfh-me__points">
          <Text>幸福荟积分</Text>
          <Text className="xfh-me__points-value">{user.pointsBalance}</Text>
        </View>
      )}

      <ElderModeSwitch />

      <View className="xfh-card xfh-me__menu">
        {isStaff(user) && row('me-workbench', '我的工作台', ROUTES.workbench)}
        {row('me-privacy', '隐私保护指引', `${ROUTES.privacy}?view=1`)}
      </View>

      <ActionButton id="sign-out" variant="danger" onClick={confirmSignOut}>
        退出登录
      </ActionButton>
    </PageShell>
  );
}
