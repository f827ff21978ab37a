import { Text, View } from '@tarojs/components';
import { aria } from '../../a11y';
import './index.scss';

interface Props<T extends string | number> {
  id: string;
  /** what is being chosen, for screen readers */
  label: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | null;
  onChange: (v: T) => void;
}

/** A row of big tappable choices (one selected): categories, ratings, visibility, decisions. */
export default function ChoiceChips<T extends string | number>({ id, label, options, value, onChange }: Props<T>) {
  return (
    <View className="xfh-chips" id={id} {...aria('radiogroup', { label })}>
      {options.map((o) => (
        <View
          key={String(o.value)}
          id={`${id}-${o.value}`}
          className={`xfh-chips__item${o.value === value ? ' xfh-chips__item--on' : ''}`}
          onClick={() => onChange(o.value)}
          {...aria('radio', { checked: o.value === value })}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  );
}
