import { Input, Picker, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { placesApi, type ComplexSummary } from '../../../../api/places';
import ActionButton from '../../../../components/ActionButton';

export interface Setup {
  address?: string;
  complexId?: number;
}

/**
 * Shown once when the senior has no saved address or home complex: help must know where to go.
 * `onDone` gets what was filled in (the page saves it to the profile, or sends it with a family
 * member's request).
 */
export default function SetupForm({ needAddress, needComplex, onDone }: { needAddress: boolean; needComplex: boolean; onDone: (s: Setup) => void }) {
  const [address, setAddress] = useState('');
  const [complexes, setComplexes] = useState<ComplexSummary[]>([]);
  const [picked, setPicked] = useState<number | null>(null);
  useEffect(() => {
    if (needComplex) placesApi.complexes().then(setComplexes).catch(() => undefined);
  }, [needComplex]);
  const ready = (!needAddress || address.trim().length >= 4) && (!needComplex || picked !== null);
  return (
    <View className="xfh-card xfh-care__setup">
      <Text className="xfh-section-title">先告诉我们上门的地址</Text>
      {needAddress && (
        <View className="xfh-care__field">
          <Text>家庭住址</Text>
          <Input id="care-address" className="xfh-care__input" value={address} placeholder="例如：阳光社区 3 幢 2 单元 301" onInput={(e) => setAddress(e.detail.value)} />
        </View>
      )}
      {needComplex && (
        <Picker mode="selector" range={complexes.map((c) => c.name)} onChange={(e) => setPicked(complexes[Number(e.detail.value)]?.id ?? null)}>
          <View className="xfh-care__field">
            <Text>所属民生综合体</Text>
            <Text className="xfh-link">{picked ? complexes.find((c) => c.id === picked)?.name : '点这里选择'}</Text>
          </View>
        </Picker>
      )}
      <ActionButton disabled={!ready} onClick={() => onDone({ address: needAddress ? address.trim() : undefined, complexId: needComplex ? picked ?? undefined : undefined })}>
        保存
      </ActionButton>
    </View>
  );
}
