import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { placesApi, type ComplexSummary, type Street } from '../../../../api/places';
import ComplexCard from '../../../../components/ComplexCard';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import StreetPicker from '../../../../components/StreetPicker';
import { preferredStreet, setPreferredStreet } from '../../../../stores/place';

/** Every complex in the district, filtered by street. */
export default function ComplexListPage() {
  const [streets, setStreets] = useState<Street[]>([]);
  const [streetId, setStreetId] = useState<number | null>(preferredStreet());
  const [complexes, setComplexes] = useState<ComplexSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    placesApi.streets().then(setStreets).catch(() => undefined);
  }, []);

  const load = useCallback(async () => {
    setError(null);
    setComplexes(null);
    try {
      setComplexes(await placesApi.complexes({ streetId: streetId ?? undefined }));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [streetId]);

  useEffect(() => {
    load();
  }, [load]);

  const pick = (id: number | null) => {
    setStreetId(id);
    setPreferredStreet(id);
  };

  return (
    <PageShell>
      <Text className="xfh-heading">西湖区民生综合体</Text>
      <Text className="xfh-muted">按街道查看，点进去看服务空间和开放时间</Text>
      <View className="xfh-list-streets">
        <StreetPicker streets={streets} selected={streetId} onSelect={pick} />
      </View>
      <StatusView
        loading={!complexes && !error}
        error={error}
        empty={complexes?.length === 0 ? '这个街道暂时没有综合体信息' : null}
        onRetry={load}
      />
      {complexes?.map((c) => (
        <ComplexCard key={c.id} complex={c} />
      ))}
    </PageShell>
  );
}
