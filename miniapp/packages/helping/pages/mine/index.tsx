import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { helpingApi } from '../../../../api/helping';
import ChoiceChips from '../../../../components/ChoiceChips';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { useSessionGate } from '../../../../session';
import HelpCard from '../../components/HelpCard';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';

type As = 'requester' | 'helper';

/** 我的求助 (mine and those I posted for family) and 我帮的忙 (the ones I took), newest first. */
export default function HelpMinePage() {
  useSessionGate();
  const { params } = useRouter();
  const [as, setAs] = useState<As>(params.as === 'helper' ? 'helper' : 'requester');
  const { data: items, error, reload: load } = useRemote(true, () => helpingApi.mine(as), [as], { pullDown: true });

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
        onChange={setAs}
      />
      <StatusView loading={items === null && !error} error={error} onRetry={load} empty={items?.length === 0 ? (as === 'helper' ? '还没有帮过忙，去看看附近的求助吧' : '还没有发布过求助') : null} />
      <View id="help-mine-list">{items?.map((r) => <HelpCard key={r.id} r={r} />)}</View>
    </PageShell>
  );
}
