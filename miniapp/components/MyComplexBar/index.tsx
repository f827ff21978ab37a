import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { aria } from '../../a11y';
import { placesApi, type ComplexDetail, type ComplexSummary } from '../../api/places';
import { formatDistance } from '../../format';
import { lastPosition } from '../../location';
import { ROUTES } from '../../routes';
import type { ComplexSource } from '../../stores/place';
import ModeTag from '../ModeTag';
import './index.scss';

const SOURCE_LABELS: Record<ComplexSource, string> = {
  chosen: '您选的综合体',
  home: '我家的综合体',
  nearest: '离您最近的综合体',
  first: '当前综合体',
};

interface Props {
  complex: ComplexDetail;
  /** why this complex is in use (from useMyComplex) */
  source?: ComplexSource | null;
  /** switches the complex in use on this device; without it 换一个 opens the full list */
  onChoose?: (id: number) => void;
}

/**
 * Which complex the 活动 / 民意 / 提意见 pages use and why, with a one-tap change: 换一个
 * opens the list of complexes right here (nearest first when 首页 found the position).
 */
export default function MyComplexBar({ complex, source, onChoose }: Props) {
  const [options, setOptions] = useState<ComplexSummary[] | null>(null);
  const [open, setOpen] = useState(false);

  const toggle = async () => {
    if (!onChoose) return Taro.navigateTo({ url: ROUTES.complexList });
    setOpen(!open);
    if (!options) setOptions(await placesApi.complexes(lastPosition() ?? {}).catch(() => []));
  };

  return (
    <View className="xfh-card xfh-my-complex" id="my-complex-bar">
      <Text className="xfh-muted" id="my-complex-source">
        {SOURCE_LABELS[source ?? 'first']}
      </Text>
      <View
        className="xfh-my-complex__name"
        onClick={() => Taro.navigateTo({ url: ROUTES.complex(complex.id) })}
        {...aria('link')}
      >
        <Text id="my-complex-name">{complex.name}</Text>
        <ModeTag mode={complex.mode} />
      </View>
      {complex.openingHours && <Text className="xfh-muted">开放时间：{complex.openingHours}</Text>}
      <Text
        id="my-complex-change"
        className="xfh-link xfh-my-complex__change"
        onClick={toggle}
        {...aria('button', { expanded: open })}
      >
        {open ? '收起' : '换一个综合体'}
      </Text>
      {open && (
        <View className="xfh-my-complex__options" {...aria('radiogroup', { label: '选择综合体' })}>
          {options === null && <Text className="xfh-muted">正在加载…</Text>}
          {options?.map((c) => (
            <View
              key={c.id}
              id={`my-complex-option-${c.id}`}
              className={`xfh-my-complex__option${c.id === complex.id ? ' xfh-my-complex__option--on' : ''}`}
              onClick={() => {
                setOpen(false);
                if (c.id !== complex.id) onChoose?.(c.id);
              }}
              {...aria('radio', { checked: c.id === complex.id })}
            >
              <Text>{c.name}</Text>
              {c.distanceM !== undefined && <Text className="xfh-muted">{formatDistance(c.distanceM)}</Text>}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
