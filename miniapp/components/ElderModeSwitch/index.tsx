import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { aria } from '../../a11y';
import { saveElderMode } from '../../stores/auth';
import { useElderMode } from '../../stores/elderMode';
import './index.scss';

/**
 * The 长辈模式 switch on 首页 and 我的. Its state is written out in words (已开启/已关闭), not
 * shown by colour alone. Saved on the device at once and on the server when signed in.
 */
export default function ElderModeSwitch() {
  const on = useElderMode();
  const [saving, setSaving] = useState(false);

  const toggle = async () => {
    if (saving) return;
    setSaving(true);
    try {
      await saveElderMode(!on);
    } catch {
      // The request wrapper already showed why; the device keeps the user's choice.
    } finally {
      setSaving(false);
    }
  };

  return (
    <View
      id="elder-mode-switch"
      className={`xfh-elder-switch${on ? ' xfh-elder-switch--on' : ''}`}
      {...aria('switch', { checked: on, label: '长辈模式', busy: saving })}
      onClick={toggle}
    >
      <View className="xfh-elder-switch__text">
        <Text className="xfh-elder-switch__title">长辈模式</Text>
        <Text className="xfh-elder-switch__hint">{on ? '大字大按钮，点击可关闭' : '字更大、按钮更大，点击开启'}</Text>
      </View>
      <View className="xfh-elder-switch__state">
        <Text className="xfh-elder-switch__label">{on ? '已开启' : '已关闭'}</Text>
        <View className="xfh-elder-switch__track">
          <View className="xfh-elder-switch__knob" />
        </View>
      </View>
    </View>
  );
}
