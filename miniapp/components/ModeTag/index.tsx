import { Text } from '@tarojs/components';
import { COMPLEX_MODE_LABELS, type ComplexMode } from '@shared/constants';

/** 旗舰式 / 星月式 / 珠链式, as a word in a bordered tag (the colour only repeats it). */
export default function ModeTag({ mode }: { mode: ComplexMode }) {
  return <Text className={`xfh-tag xfh-tag--${mode}`}>{COMPLEX_MODE_LABELS[mode] ?? mode}</Text>;
}
