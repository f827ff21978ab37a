import { Text, View } from '@tarojs/components';
import type { AvatarKey } from '@shared/avatars';
import Icon from '../Icon';
import './index.scss';

/** Each preset avatar: its icon and a background with ≥ 4.5:1 contrast to the white icon. */
export const AVATARS: Record<AvatarKey, { label: string; color: string }> = {
  cup: { label: '茶杯', color: '#1d6b57' },
  sun: { label: '太阳', color: '#9a4a00' },
  leaf: { label: '树叶', color: '#3f6b1d' },
  heart: { label: '爱心', color: '#b42318' },
  star: { label: '星星', color: '#2b4f9a' },
  music: { label: '音符', color: '#6a3fa0' },
};

/** A person's avatar: their preset, else the first character of their nickname. Decorative. */
export default function Avatar({ avatar, nickname, size = 'l' }: { avatar?: AvatarKey | null; nickname?: string | null; size?: 'm' | 'l' }) {
  const preset = avatar ? AVATARS[avatar] : null;
  return (
    <View className={`xfh-avatar xfh-avatar--${size}`} style={preset ? { background: preset.color } : undefined} aria-hidden="true">
      {preset ? <Icon name={avatar!} color="#ffffff" size={size === 'l' ? 'l' : 'm'} /> : <Text>{(nickname || '居').slice(0, 1)}</Text>}
    </View>
  );
}
