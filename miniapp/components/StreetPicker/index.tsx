import { Text, View } from '@tarojs/components';
import { aria } from '../../a11y';
import type { Street } from '../../api/places';
import './index.scss';

interface Props {
  streets: Street[];
  selected: number | null;
  onSelect: (streetId: number | null) => void;
}

/** The 11 镇街 as large chips; the chosen one is marked with a ✓ as well as colour. */
export default function StreetPicker({ streets, selected, onSelect }: Props) {
  const chip = (id: number | null, name: string) => {
    const on = selected === id;
    return (
      <View
        key={id ?? 'all'}
        className={`xfh-streets__chip${on ? ' xfh-streets__chip--on' : ''}`}
        onClick={() => onSelect(id)}
        {...aria('radio', { checked: on })}
      >
        <Text>{on ? `✓ ${name}` : name}</Text>
      </View>
    );
  };
  return (
    <View className="xfh-streets" {...aria('radiogroup', { label: '选择街道' })}>
      {chip(null, '全部')}
      {streets.map((s) => chip(s.id, s.name))}
    </View>
  );
}
