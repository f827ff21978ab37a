import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { AVATAR_KEYS, type AvatarKey } from '@shared/avatars';
import { RESIDENCY_STATUS_LABELS } from '@shared/constants';
import { aria } from '../../../../a11y';
import { meApi } from '../../../../api/me';
import { ApiError } from '../../../../api/request';
import ActionButton from '../../../../components/ActionButton';
import Avatar, { AVATARS } from '../../../../components/Avatar';
import FormField from '../../../../components/FormField';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import { userStore } from '../../../../stores/auth';
import { setElderModeLocal } from '../../../../stores/elderMode';
import { hint, useAction } from '../../../../useAction';
import '../../../../components/FormField/index.scss';
import '../../../../components/PickerField/index.scss';
import '../../me.scss';
import { shanghaiToday } from '../../../../time';

type Fields = Partial<Record<'nickname' | 'avatar' | 'birthDate' | 'address', string>>;

/** 我的资料: nickname, a preset avatar, birth date (which offers elder mode from 60) and address. */
export default function ProfilePage() {
  const user = useSessionGate();
  const [nickname, setNickname] = useState('');
  const [avatar, setAvatar] = useState<AvatarKey | null>(null);
  const [birthDate, setBirthDate] = useState('');
  const [address, setAddress] = useState('');
  const [errors, setErrors] = useState<Fields>({});
  const [saving, run] = useAction();
  const [filled, setFilled] = useState(false);

  useEffect(() => {
    if (!user || filled) return;
    setNickname(user.nickname ?? '');
    setAvatar(user.avatar ?? null);
    setBirthDate(user.birthDate ?? '');
    setAddress(user.address ?? '');
    setFilled(true);
  }, [user, filled]);

  const save = () => {
    setErrors({});
    const local: Fields = {};
    if (!nickname.trim()) local.nickname = '请填写昵称';
    if (Object.keys(local).length) return setErrors(local);
    return run(
      async () => {
        const me = await meApi.update({ nickname: nickname.trim(), avatar, address: address.trim(), ...(birthDate ? { birthDate } : {}) }, { silent: true });
        userStore.set(me);
        return me;
      },
      '已保存',
      {
        then: async (me) => {
          // turning 60 is when we offer elder mode (once)
          if (me.age !== null && me.age >= 60 && !me.elderMode && !me.elderModeOffered) {
            const { confirm } = await Taro.showModal({ title: '开启长辈模式？', content: '字更大、按钮更大，更容易看清和点按。以后可在“设置”里关闭。', confirmText: '开启', cancelText: '暂不' });
            const next = await meApi.update({ elderModeOffered: true, ...(confirm ? { elderMode: true } : {}) }, { silent: true });
            userStore.set(next);
            setElderModeLocal(next.elderMode);
          }
          Taro.navigateBack().catch(() => Taro.switchTab({ url: ROUTES.me }));
        },
        // the calls are silent: what went wrong shows here
        onError: (e) => {
          const fields = e instanceof ApiError ? (e.details as { fields?: Fields } | undefined)?.fields : undefined;
          if (fields) setErrors(fields);
          else hint(e instanceof Error ? e.message : '保存失败，请稍后再试');
        },
      },
    );
  };

  if (!user) {
    return (
      <PageShell>
        <StatusView loading />
      </PageShell>
    );
  }

  const residency = user.residency;
  return (
    <PageShell className="xfh-profile">
      <View className="xfh-card">
        <Text className="xfh-field__label">头像</Text>
        <View className="xfh-profile__avatars" {...aria('radiogroup', { label: '选择头像' })}>
          <View id="avatar-none" className={`xfh-profile__avatar${avatar === null ? ' xfh-profile__avatar--on' : ''}`} onClick={() => setAvatar(null)} {...aria('radio', { checked: avatar === null, label: '用昵称的第一个字' })}>
            <Avatar avatar={null} nickname={nickname} size="m" />
          </View>
          {AVATAR_KEYS.map((k) => (
            <View key={k} id={`avatar-${k}`} className={`xfh-profile__avatar${avatar === k ? ' xfh-profile__avatar--on' : ''}`} onClick={() => setAvatar(k)} {...aria('radio', { checked: avatar === k, label: AVATARS[k].label })}>
              <Avatar avatar={k} size="m" />
            </View>
          ))}
        </View>
        {errors.avatar && <Text className="xfh-error">{errors.avatar}</Text>}

        <FormField id="profile-nickname" label="昵称" value={nickname} onInput={setNickname} maxlength={32} placeholder="大家怎么称呼您" error={errors.nickname} />

        <View className="xfh-field">
          <Text className="xfh-field__label">出生日期</Text>
          <Picker mode="date" value={birthDate || '1960-01-01'} start="1900-01-01" end={shanghaiToday()} onChange={(e) => setBirthDate(String(e.detail.value))}>
            <View id="profile-birth-date" className="xfh-field__input xfh-picker" {...aria('button', { label: `出生日期：${birthDate || '未填写'}` })}>
              {birthDate ? birthDate : <Text className="xfh-muted">点击选择（60 岁以上可开启长辈模式）</Text>}
            </View>
          </Picker>
          {errors.birthDate && <Text className="xfh-error" id="profile-birth-date-error">{errors.birthDate}</Text>}
        </View>

        <FormField id="profile-address" label="居住地址" value={address} onInput={setAddress} maxlength={200} placeholder="例如：文三路 90 号 3 幢 2 单元" error={errors.address} />
      </View>

      <View id="profile-residency" className="xfh-card xfh-profile__home" onClick={() => Taro.navigateTo({ url: ROUTES.residency })} {...aria('link')}>
        <Text className="xfh-field__label">我的综合体</Text>
        <Text>{residency?.complexName ?? '还没有选择'}</Text>
        <Text className="xfh-muted">{`${RESIDENCY_STATUS_LABELS[residency?.status ?? 'none']} · 点击更换或认证 ›`}</Text>
      </View>

      <ActionButton id="profile-save" loading={saving} disabled={saving} onClick={save}>
        保存
      </ActionButton>
    </PageShell>
  );
}
