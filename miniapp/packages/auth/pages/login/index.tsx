import { Input, Label, Text, View } from '@tarojs/components';
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { authApi } from '../../../../api/auth';
import PageShell from '../../../../components/PageShell';
import { ROUTES } from '../../../../routes';
import { goLanding, usePrivacyGate } from '../../../../session';
import { signInWithPhone, signInWithWechat } from '../../../../stores/auth';
import ActionButton from '../../../../components/ActionButton';
import './index.scss';
import { useAction } from '../../../../useAction';
import { useRemote } from '../../../../refresh';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

const DEMO_ACCOUNTS = [
  { phone: '13900000001', who: '区级管理员' },
  { phone: '13900000002', who: '社区工作者' },
  { phone: '13900000003', who: '党支部管理员' },
];

/**
 * Sign-in. WeChat: one button (Taro.login → /auth/wechat). Browser: a phone-number form, offered
 * only when the server allows it (/auth/options → devLogin); production browsers are sent to WeChat.
 */
export default function LoginPage() {
  const { data: options } = useRemote(!IS_WEAPP, () => authApi.options().then((o) => !!o.devLogin, () => false));
  const devLogin = IS_WEAPP ? false : options;
  const [phone, setPhone] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, act] = useAction();
  usePrivacyGate();

  const run = (signIn: () => Promise<{ role: string } & object>) => {
    if (busy) return;
    return act(signIn, null, { then: (me) => goLanding(me as never) });
  };

  const submitPhone = () => {
    const value = phone.trim();
    if (!/^1\d{10}$/.test(value)) {
      setFormError('请输入 11 位手机号');
      return;
    }
    setFormError(null);
    run(() => signInWithPhone(value));
  };

  return (
    <PageShell className="xfh-login">
      <View className="xfh-login__brand">
        <Text className="xfh-login__logo">荟</Text>
        <Text className="xfh-heading">欢迎来到幸福荟</Text>
        <Text className="xfh-muted">西湖区民生综合体 · 家门口的一站式服务</Text>
      </View>

      {IS_WEAPP && (
        <View className="xfh-card">
          <Text>使用微信账号登录，无需注册。</Text>
          <ActionButton id="wechat-login" loading={busy} onClick={() => run(signInWithWechat)}>
            微信一键登录
          </ActionButton>
        </View>
      )}

      {!IS_WEAPP && devLogin === null && <Text className="xfh-muted">正在准备登录…</Text>}

      {!IS_WEAPP && devLogin === false && (
        <View className="xfh-card">
          <Text>请在微信中搜索“幸福荟”小程序登录使用。</Text>
        </View>
      )}

      {!IS_WEAPP && devLogin && (
        <View className="xfh-card xfh-login__form">
          <Label className="xfh-login__label" for="phone-input">
            手机号
          </Label>
          <Input
            id="phone-input"
            className="xfh-login__input"
            type="number"
            maxlength={11}
            placeholder="请输入 11 位手机号"
            value={phone}
            onInput={(e) => setPhone(e.detail.value)}
            onConfirm={submitPhone}
            nativeProps={{ 'aria-label': '手机号', inputmode: 'numeric', autocomplete: 'tel' }}
          />
          {formError && <Text className="xfh-error xfh-login__error">{formError}</Text>}
          <ActionButton id="phone-login" loading={busy} onClick={submitPhone}>
            登录
          </ActionButton>
          <Text className="xfh-muted xfh-login__note">测试环境：未注册的手机号会自动创建居民账号。演示账号：</Text>
          {DEMO_ACCOUNTS.map((a) => (
            <Text key={a.phone} className="xfh-login__demo" onClick={() => setPhone(a.phone)}>
              {a.phone}（{a.who}）
            </Text>
          ))}
        </View>
      )}

      <Text className="xfh-link xfh-login__privacy" onClick={() => Taro.navigateTo({ url: `${ROUTES.privacy}?view=1` })}>
        查看《幸福荟隐私保护指引》
      </Text>
    </PageShell>
  );
}
