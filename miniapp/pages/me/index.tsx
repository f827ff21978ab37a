import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { RESIDENCY_STATUS_LABELS } from '@shared/constants';
import { aria } from '../../a11y';
import BirthDateField from '../../components/BirthDateField';
import ElderModeSwitch from '../../components/ElderModeSwitch';
import PageShell from '../../components/PageShell';
import { ROLE_LABELS } from '../../labels';
import { ROUTES } from '../../routes';
import { useSessionGate } from '../../session';
import { isSignedIn, isStaff, loadMe, signOut } from '../../stores/auth';
import ActionButton from '../../components/ActionButton';
import './index.scss';
import { confirmDialog } from '../../components/ConfirmDialog';

export default function MePage() {
  const user = useSessionGate();
  // the residency status changes when staff verify it: read it again whenever the tab shows
  useDidShow(() => {
    if (isSignedIn()) loadMe().catch(() => undefined);
  });
  const residency = user?.residency;

  const confirmSignOut = async () => {
    const { confirm } = await confirmDialog({
      title: '退出登录',
      content: '退出后需要重新登录才能预约和查看记录，确定退出吗？',
      danger: true,
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

      {user && user.role === 'resident' && (
        <View id="me-residency" className="xfh-card xfh-me__home" onClick={() => Taro.navigateTo({ url: ROUTES.residency })} {...aria('link')}>
          <View className="xfh-me__home-head">
            <Text className="xfh-me__home-title">我的综合体</Text>
            <Text id="me-residency-status" className={`xfh-tag xfh-me__status xfh-me__status--${residency?.status ?? 'none'}`}>
              {RESIDENCY_STATUS_LABELS[residency?.status ?? 'none']}
            </Text>
          </View>
          <Text id="me-residency-name">{residency?.complexName ?? '还没有选择，点这里选择您居住的综合体'}</Text>
          {residency?.status === 'claimed' && <Text className="xfh-muted">到综合体服务台出示认证码，或等待工作人员认证 ›</Text>}
          {residency?.status === 'verified' && <Text className="xfh-muted">已认证，可参加本社区、本街道的投票和评价</Text>}
        </View>
      )}

      <BirthDateField />

      <ElderModeSwitch />

      <View className="xfh-card xfh-me__menu">
        {isStaff(user) && row('me-workbench', '我的工作台', ROUTES.workbench)}
        {row('me-privacy', '隐私保护指引', `${ROUTES.privacy}?view=1`)}
        {row('me-settings', '设置（授权、个人信息副本、注销账号）', ROUTES.settings)}
      </View>

      <ActionButton id="sign-out" variant="danger" onClick={confirmSignOut}>
        退出登录
      </ActionButton>
    </PageShell>
  );
}
