import { Picker, Text, View } from '@tarojs/components';
import { aria } from '../../a11y';
import '../FormField/index.scss';
import './index.scss';

/**
 * A labelled choice from a list: tap, then pick (WeChat's and the browser's own picker). `index`
 * is the chosen option, -1 for none yet.
 */
export function SelectField({ id, label, options, index, onChange, placeholder = '请选择', empty }: {
  id: string;
  label: string;
  options: string[];
  index: number;
  onChange: (index: number) => void;
  placeholder?: string;
  /** shown instead of the picker when there is nothing to choose */
  empty?: string;
}) {
  return (
    <View className="xfh-field">
      <Text className="xfh-field__label">{label}</Text>
      {options.length === 0 && empty ? (
        <Text className="xfh-muted" id={id}>{empty}</Text>
      ) : (
        <Picker mode="selector" range={options} value={Math.max(0, index)} onChange={(e) => onChange(Number(e.detail.value))}>
          <View id={id} className="xfh-field__input xfh-picker" {...aria('button', { label: `${label}：${index >= 0 ? options[index] : placeholder}` })}>
            {index >= 0 ? options[index] : <Text className="xfh-muted">{placeholder}</Text>}
          </View>
        </Picker>
      )}
    </View>
  );
}

/**
 * A Shanghai wall time picked as a date and a time. `value` is "YYYY-MM-DD HH:mm" (what
 * `shanghaiInput` reads); the two pickers are `${id}-date` and `${id}-time`.
 */
export function DateTimeField({ id, label, value, onChange, start }: { id: string; label: string; value: string; onChange: (v: string) => void; start?: string }) {
  const [date = '', time = ''] = value.split(' ');
  return (
    <View className="xfh-field" id={id}>
      <Text className="xfh-field__label">{label}</Text>
      <View className="xfh-picker__row">
        <View className="xfh-picker__cell">
          <Picker mode="date" value={date} start={start} onChange={(e) => onChange(`${e.detail.value} ${time}`)}>
            <View id={`${id}-date`} className="xfh-field__input xfh-picker" {...aria('button', { label: `${label}日期：${date}` })}>{date}</View>
          </Picker>
        </View>
        <View className="xfh-picker__cell">
          <Picker mode="time" value={time} onChange={(e) => onChange(`${date} ${e.detail.value}`)}>
            <View id={`${id}-time`} className="xfh-field__input xfh-picker" {...aria('button', { label: `${label}时间：${time}` })}>{time}</View>
          </Picker>
        </View>
      </View>
    </View>
  );
}
