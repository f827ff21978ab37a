import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { aria } from '../../../../a11y';
import { branchApi, type CatalogCategory } from '../../../../api/branch';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { currentPosition, type Position } from '../../../../location';
import OfferingCard from '../../components/OfferingCard';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';

/**
 * 党员服务: what the district's party branches bring to the complexes, by service category,
 * nearest first when the device can tell where the resident is.
 */
export default function ServicesPage() {
  const [category, setCategory] = useState<number | undefined>(undefined);
  const { data: categories } = useRemote(true, () => branchApi.catalog().catch((): CatalogCategory[] => []));
  // nearest first when the device can tell: the list waits for the answer (null: it cannot)
  const [position, setPosition] = useState<Position | null | undefined>(undefined);
  useEffect(() => {
    currentPosition(4000).then(setPosition);
  }, []);
  const { data: items, error, reload: load } = useRemote(position !== undefined, () => branchApi.offerings({ category, lat: position?.lat, lng: position?.lng }), [category, position]);

  const chip = (id: number | undefined, name: string) => (
    <Text
      key={id ?? 0}
      id={`category-${id ?? 'all'}`}
      className={`xfh-branch__chip${category === id ? ' xfh-branch__chip--on' : ''}`}
      onClick={() => setCategory(id)}
      {...aria('tab', { selected: category === id })}
    >
      {name}
    </Text>
  );

  return (
    <PageShell className="xfh-branch">
      <Text className="xfh-heading">党员服务</Text>
      <Text className="xfh-muted">机关党支部把服务送到家门口，点开即可预约。{position ? '离您近的排在前面。' : ''}</Text>
      <View className="xfh-branch__chips" style={{ marginTop: '12px' }} {...aria('tablist')}>
        {chip(undefined, '全部')}
        {categories?.map((c) => chip(c.id, c.name))}
      </View>
      <StatusView loading={!items && !error} error={error} onRetry={load} empty={items?.length === 0 ? '这一类暂时没有即将开展的服务' : null} />
      <View id="offering-list">
        {items?.map((o) => (
          <OfferingCard key={o.id} offering={o} />
        ))}
      </View>
    </PageShell>
  );
}
