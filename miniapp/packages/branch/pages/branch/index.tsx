import { Text, View } from '@tarojs/components';
import ActionButton from '../../../../components/ActionButton';
import Taro, { useRouter } from '@tarojs/taro';
import { branchApi } from '../../../../api/branch';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROUTES } from '../../../../routes';
import { useUser } from '../../../../stores/auth';
import OfferingCard from '../../components/OfferingCard';
import ManageBranch from './Manage';
import '../../styles.scss';
import { useRemote } from '../../../../refresh';

/** A branch's page: who they are, the complexes they serve and what they bring next. */
export default function BranchPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const user = useUser();
  const { data, error, reload: load } = useRemote(
    id > 0,
    async () => {
      const [b, list] = await Promise.all([branchApi.branch(id), branchApi.offerings({ branchId: id })]);
      Taro.setNavigationBarTitle({ title: b.name });
      return { branch: b, offerings: list };
    },
    [id],
  );
  const branch = data?.branch;
  const offerings = data?.offerings;

  if (!branch) {
    return (
      <PageShell>
        <StatusView loading={id > 0 && !error} error={id > 0 ? error : '没有找到这个党支部'} onRetry={id > 0 ? load : undefined} />
      </PageShell>
    );
  }
  return (
    <PageShell className="xfh-branch">
      <Text className="xfh-heading" id="branch-name">{branch.name}</Text>
      <View className="xfh-card" style={{ marginTop: '12px' }}>
        <View className="xfh-branch__row">
          <Text className="xfh-branch__label">所属部门</Text>
          <Text className="xfh-branch__value">{branch.department}</Text>
        </View>
        {branch.secretary && (
          <View className="xfh-branch__row">
            <Text className="xfh-branch__label">支部书记</Text>
            <Text className="xfh-branch__value">{branch.secretary}</Text>
          </View>
        )}
        {branch.contact && (
          <View className="xfh-branch__row">
            <Text className="xfh-branch__label">联系电话</Text>
            <Text className="xfh-branch__value">{branch.contact}</Text>
          </View>
        )}
      </View>
      <Text className="xfh-section-title">结对的民生综合体</Text>
      <View className="xfh-card">
        {branch.complexes.map((c) => (
          <Text key={c.id} className="xfh-link" style={{ display: 'block', padding: '6px 0' }} onClick={() => Taro.navigateTo({ url: ROUTES.complex(c.id) })}>
            {c.name}
          </Text>
        ))}
      </View>
      <ActionButton id="branch-commitments" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.commitments(branch.id) })}>
        年度承诺清单：承诺与践诺
      </ActionButton>
      <Text className="xfh-section-title">即将开展的服务</Text>
      <StatusView empty={offerings?.length === 0 ? '暂时没有即将开展的服务' : null} />
      {offerings?.map((o) => (
        <OfferingCard key={o.id} offering={o} />
      ))}
      {branch.canManage && <ManageBranch key={JSON.stringify(branch)} branch={branch} isDistrictAdmin={user?.role === 'district_admin'} onChanged={load} />}
    </PageShell>
  );
}
