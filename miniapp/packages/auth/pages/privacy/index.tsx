import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../../../components/PageShell';
import { ROUTES } from '../../../../routes';
import { goLanding } from '../../../../session';
import { isSignedIn, signInWithWechat, userStore } from '../../../../stores/auth';
import { acceptPrivacy, answerPendingPrivacy, localConsent, PRIVACY_VERSION } from '../../../../stores/privacy';
import ActionButton from '../../../../components/ActionButton';
import './index.scss';
import { useAction } from '../../../../useAction';

const AGREE_BUTTON_ID = 'agree-privacy';

const SECTIONS: { title: string; body: string }[] = [
  {
    title: '我们收集哪些信息',
    body: '登录标识（微信登录凭证或手机号）；您主动填写的昵称、出生日期；您允许时的大致位置；您在幸福荟里的预约、志愿服务、积分和提交的意见记录。',
  },
  {
    title: '为什么需要这些信息',
    body: '登录标识用于确认是您本人；位置只用于为您查找附近的民生综合体，不会保存；出生日期用于为 60 岁以上的长辈推荐长辈模式；服务记录用于为您办理预约、计算志愿时长和积分、答复您的意见。',
  },
  {
    title: '我们如何保护这些信息',
    body: '手机号加密保存，页面上只显示部分号码；社区工作者只能看到其负责综合体的相关记录；我们不会把您的信息出售或提供给无关的第三方。',
  },
  {
    title: '您的权利',
    body: '您可以随时在“我的”中查看本指引、关闭长辈模式或退出登录。如需查询、更正或删除个人信息，可拨打所在综合体的服务热线。',
  },
];

/**
 * The privacy notice. First launch: the user must agree before anything else. In WeChat the agree
 * button also answers WeChat's own privacy authorization (open-type agreePrivacyAuthorization).
 * From 我的 (?view=1) it is shown for reading only.
 */
export default function PrivacyPage() {
  const { params } = useRouter();
  const viewOnly = params.view === '1';
  const [declined, setDeclined] = useState(false);
  // agreeing leaves the page: the button stays off from the first tap
  const [busy, setBusy] = useState(false);
  const [, act] = useAction();
  const accepted = localConsent();

  const agree = async () => {
    if (busy) return;
    setBusy(true);
    acceptPrivacy();
    if (answerPendingPrivacy(true, AGREE_BUTTON_ID)) {
      // WeChat was waiting on a privacy-protected call: go back to where the user was.
      Taro.navigateBack().catch(() => goLanding(userStore.get()));
      return;
    }
    if (isSignedIn()) {
      goLanding(userStore.get());
      return;
    }
    if (process.env.TARO_ENV === 'weapp') {
      if (await act(signInWithWechat, null, { then: goLanding })) return;
      // else the sign-in page explains and offers a retry
    }
    Taro.reLaunch({ url: ROUTES.login });
  };

  const decline = () => {
    answerPendingPrivacy(false, AGREE_BUTTON_ID);
    setDeclined(true);
  };

  return (
    <PageShell className="xfh-privacy">
      <Text className="xfh-heading">幸福荟隐私保护指引</Text>
      <Text className="xfh-muted">版本 {PRIVACY_VERSION} · 西湖区民生综合体服务平台</Text>
      <View className="xfh-card xfh-privacy__intro">
        <Text>欢迎使用幸福荟。使用前请您阅读以下内容，了解我们如何收集、使用和保护您的个人信息。</Text>
      </View>
      {SECTIONS.map((s) => (
        <View key={s.title} className="xfh-card">
          <Text className="xfh-privacy__title">{s.title}</Text>
          <Text className="xfh-privacy__body">{s.body}</Text>
        </View>
      ))}

      {viewOnly ? (
        <View>
          {accepted && (
            <Text className="xfh-privacy__status">
              您已于 {accepted.acceptedAt.slice(0, 10)} 同意本指引（版本 {accepted.version}）。
            </Text>
          )}
          <ActionButton variant="secondary" onClick={() => Taro.navigateBack()}>
            返回
          </ActionButton>
        </View>
      ) : (
        <View className="xfh-privacy__actions">
          {declined && (
            <Text className="xfh-error xfh-privacy__declined">需要您同意本指引后才能使用幸福荟。如有疑问，可拨打所在综合体的服务热线咨询。</Text>
          )}
          <ActionButton
            id={AGREE_BUTTON_ID}
            openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
            onClick={agree}
          >
            同意并继续
          </ActionButton>
          <ActionButton id="decline-privacy" variant="secondary" onClick={decline}>
            不同意
          </ActionButton>
        </View>
      )}
    </PageShell>
  );
}
