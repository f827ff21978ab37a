import { Text, View } from '@tarojs/components';
import { aria } from '../../a11y';
import './index.scss';

interface Props<T extends string> {
  options: { value: T; label: string }[];
  value: T;
  onChange: (v: T) => void;
  /** what the row filters, for screen readers */
  label: string;
}

/** A row of big tappable filter chips (one selected). */
export default function Chips<T extends string>({ options, value, onChange, label }: Props<T>) {
  return (
    <View className="xfh-chips" {...aria('radiogroup', { label })}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`xfh-chip${o.value === value ? ' xfh-chip--on' : ''}`}
          onClick={() => onChange(o.value)}
          {...aria('radio', { checked: o.value === value })}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
