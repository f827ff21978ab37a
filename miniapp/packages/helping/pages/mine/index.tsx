import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { helpingApi, type HelpRequestView } from '../../../../api/helping';
import ChoiceChips from '../../../../components/ChoiceChips';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useSessionGate } from '../../../../session';
import HelpCard from '../../components/HelpCard';
import '../../styles.scss';

type As = 'requester' | 'helper';

/** 我的求助 (mine and those I posted for family) and 我帮的忙 (the ones I took), newest first. */
export default function HelpMinePage() {
  useSessionGate();
  const { params } = useRouter();
  const [as, setAs] = useState<As>(params.as === 'helper' ? 'helper' : 'requester');
  const [items, setItems] = useState<HelpRequestView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (which: As) => {
    setError(null);
    setItems(null);
    try {
      setItems(await helpingApi.mine(which));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useDidShow(() => {
    load(as);
  });
  usePullDownRefresh(() => {
    load(as).finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageShell className="xfh-help">
      <Text className="xfh-heading">我的互助</Text>
      <ChoiceChips
        id="help-mine-tab"
        label="查看"
        options={[
          { value: 'requester', label: '我的求助' },
          { value: 'helper', label: '我帮的忙' },
        ]}
        value={as}
        onChange={(v) => {
          setAs(v);
          load(v);
        }}
      />
      <StatusView loading={items === null && !error} error={error} onRetry={() => load(as)} empty={items?.length === 0 ? (as === 'helper' ? '还没有帮过忙，去看看附近的求助吧' : '还没有发布过求助') : null} />
      <View id="help-mine-list">{items?.map((r) => <HelpCard key={r.id} r={r} />)}</View>
    </PageShell>
  );
}
