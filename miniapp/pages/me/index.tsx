import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { RESIDENCY_STATUS_LABELS } from '@shared/constants';
import { aria } from '../../a11y';
import BirthDateField from '../../components/BirthDateField';
import ActionButton from '../../components/ActionButton';
import Avatar from '../../components/Avatar';
import ElderModeSwitch from '../../components/ElderModeSwitch';
import Icon, { type IconName } from '../../components/Icon';
import PageShell from '../../components/PageShell';
import { ROLE_LABELS } from '@shared/constants';
import { useShowLoad } from '../../refresh';
import { ROUTES } from '../../routes';
import { useSessionGate } from '../../session';
import { isSignedIn, isStaff, loadMe, signOut } from '../../stores/auth';
import { refreshUnread, useUnread } from '../../stores/unread';
import './index.scss';
import { confirmDialog } from '../../components/ConfirmDialog';

interface Shortcut {
  id: string;
  title: string;
  icon: IconName;
  url: string;
}

// 我的 shortcuts: what a resident looks for on this tab, each one tap away.
const SHORTCUTS: Shortcut[] = [
  { id: 'me-bookings', title: '我的预约', icon: 'ticket', url: ROUTES.myBookings },
  { id: 'me-opinions', title: '我的意见', icon: 'opinion-submit', url: ROUTES.myOpinions },
  { id: 'me-volunteer', title: '志愿服务', icon: 'volunteer', url: ROUTES.volunteerMine },
  { id: 'me-points', title: '我的积分', icon: 'points', url: ROUTES.points },
  { id: 'me-family', title: '家人', icon: 'family', url: ROUTES.family },
  { id: 'me-messages', title: '消息', icon: 'bell', url: ROUTES.messages },
];

export default function MePage() {
  const user = useSessionGate();
  const unread = useUnread();
  // the residency status changes when staff verify it, messages arrive: read both again on show
  useShowLoad(true, () => {
    if (!isSignedIn()) return;
    loadMe().catch(() => undefined);
    void refreshUnread();
  });
  const residency = user?.residency;
  const go = (url: string) => Taro.navigateTo({ url });

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

  const row = (id: string, icon: IconName, title: string, url: string, note?: string) => (
    <View id={id} className="xfh-me__row" onClick={() => go(url)} {...aria('link')}>
      <View className="xfh-me__row-main">
        <Icon name={icon} size="s" color="#4a5260" />
        <Text className="xfh-me__row-title">{title}</Text>
      </View>
      <View className="xfh-me__row-main">
        {note ? <Text className="xfh-muted">{note}</Text> : null}
        <Icon name="chevron" size="s" color="#4a5260" />
      </View>
    </View>
  );

  const resident = user?.role === 'resident';
  const details = [user?.age != null ? `${user.age} 岁` : null, user?.address || null].filter(Boolean).join(' · ');

  return (
    <PageShell className="xfh-me">
      <View id="me-profile" className="xfh-card xfh-me__profile" onClick={() => go(ROUTES.profile)} {...aria('link')}>
        <Avatar avatar={user?.avatar} nickname={user?.nickname} />
        <View className="xfh-me__who">
          <Text className="xfh-me__name" id="me-nickname">{user?.nickname || '幸福荟用户'}</Text>
          <Text className="xfh-me__phone" id="me-phone">{user?.phoneMasked || '未绑定手机号'}</Text>
          {user && (
            <Text className="xfh-tag xfh-tag--flagship xfh-me__role" id="me-role">
              {ROLE_LABELS[user.role]}
              {user.isVolunteer ? ' · 志愿者' : ''}
            </Text>
          )}
          <Text className="xfh-muted" id="me-details">{details || '补充出生日期和地址 ›'}</Text>
        </View>
        <View className="xfh-me__edit">
          <Icon name="edit" size="s" color="#1d6b57" />
          <Text className="xfh-me__edit-text">编辑</Text>
        </View>
      </View>

      {user && resident && (
        <View id="me-residency" className="xfh-card xfh-me__home" onClick={() => go(ROUTES.residency)} {...aria('link')}>
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

      {user && resident && (
        <View className="xfh-card xfh-me__points" id="me-points-card" onClick={() => go(ROUTES.points)} {...aria('link')}>
          <Text>幸福荟积分</Text>
          <Text className="xfh-me__points-value">{user.pointsBalance}</Text>
        </View>
      )}

      <View className="xfh-card xfh-me__shortcuts" {...aria('navigation', { label: '我的常用功能' })}>
        {SHORTCUTS.map((s) => {
          const badge = s.id === 'me-messages' && unread > 0 ? (unread > 99 ? '99+' : String(unread)) : null;
          return (
            <View key={s.id} id={s.id} className="xfh-me__shortcut" onClick={() => go(s.url)} {...aria('link')}>
              <View className="xfh-me__shortcut-icon">
                <Icon name={s.icon} color="#1d6b57" />
              </View>
              <Text className="xfh-me__shortcut-title">{s.title}</Text>
              {/* after the title, so a screen reader says 消息 then the count */}
              {badge && (
                <Text className="xfh-me__badge" id="me-unread-badge">
                  {badge}
                </Text>
              )}
            </View>
          );
        })}
      </View>

      <BirthDateField />

      <ElderModeSwitch />

      <View className="xfh-card xfh-me__menu">
        {isStaff(user) && row('me-workbench', 'workbench', '我的工作台', ROUTES.workbench)}
        {row('me-search', 'search', '搜索', ROUTES.search)}
        {row('me-settings', 'settings', '设置', ROUTES.settings, '长辈模式、消息提醒、授权、个人信息副本、注销账号')}
        {row('me-privacy', 'privacy', '隐私保护指引', `${ROUTES.privacy}?view=1`)}
      </View>

      <ActionButton id="sign-out" variant="danger" onClick={confirmSignOut}>
        退出登录
      </ActionButton>
    </PageShell>
  );
}
