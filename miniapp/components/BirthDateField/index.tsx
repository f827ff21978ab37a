import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../a11y';
import { meApi } from '../../api/me';
import { shanghaiToday } from '../../time';
import { userStore, useUser } from '../../stores/auth';
import { FieldError } from '../FormField';
import './index.scss';

const spoken = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

/**
 * 出生日期 in 我的: one tap opens the date picker, saved at once. From 60, 首页 offers elder mode
 * (the server works out the age; the date itself is shown only here).
 */
export default function BirthDateField() {
  const user = useUser();
  const [busy, setBusy] = useState(false);
  if (!user || user.role !== 'resident') return null;
  const value = user.birthDate ?? null;
  const save = async (d: string) => {
    setBusy(true);
    try {
      userStore.set(await meApi.update({ birthDate: d }));
      Taro.showToast({ title: '已保存', icon: 'success' });
    } catch {
      // the request wrapper said why; the field shows the server's message
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="xfh-card xfh-birth" id="me-birth-date">
      <Picker mode="date" value={value ?? '1960-01-01'} start="1900-01-01" end={shanghaiToday()} disabled={busy} onChange={(e) => save(String(e.detail.value))}>
        <View className="xfh-birth__row" {...aria('button', { label: value ? `出生日期，${spoken(value)}，点按修改` : '出生日期，未填写，点这里填写' })}>
          <Text className="xfh-birth__label">出生日期</Text>
          <Text className={value ? 'xfh-birth__value' : 'xfh-muted'} id="me-birth-date-value">
            {value ? spoken(value) : '未填写，点这里填写'}
          </Text>
        </View>
      </Picker>
      <FieldError name="birthDate" />
      <Text className="xfh-muted">填写后，60 岁以上会为您推荐更大字、更简单的长辈模式。</Text>
    </View>
  );
}
