import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { placesApi } from '../../../../api/places';
import ComplexCard from '../../../../components/ComplexCard';
import PageShell from '../../../../components/PageShell';
import StatusView from '../../../../components/StatusView';
import { ROLE_LABELS } from '@shared/constants';
import { ROUTES } from '../../../../routes';
import { useSessionGate } from '../../../../session';
import ActionButton from '../../../../components/ActionButton';
import { branchApi } from '../../../../api/branch';
import { devicesApi } from '../../../../api/devices';
import { dashboardApi, type Todo } from '../../../../api/dashboard';
import { useRemote } from '../../../../refresh';
import './index.scss';

const SCOPE_TEXT: Record<string, string> = {
  worker: '您负责的综合体',
  street_admin: '本街道的民生综合体',
  branch_admin: '党支部结对服务的综合体',
  district_admin: '全区民生综合体',
};

/** The to-do badges: each count leads straight to its queue. */
const TODO_ITEMS: Array<{ key: keyof Todo; label: string; url: string }> = [
  { key: 'opinionsToAccept', label: '待受理意见', url: `${ROUTES.opinionInbox}?status=submitted` },
  { key: 'opinionsOverdue', label: '超期意见', url: `${ROUTES.opinionInbox}?overdue=1` },
  { key: 'careRequestsOpen', label: '养老服务待办', url: ROUTES.careQueue },
  { key: 'volunteerHoursToApprove', label: '志愿时长待确认', url: ROUTES.volunteerStaffPosts },
  { key: 'registrationsToReview', label: '志愿者待审核', url: ROUTES.volunteerStaffApplications },
  { key: 'alertsOpen', label: '设备告警', url: ROUTES.devices },
  { key: 'milestonesOverdue', label: '项目逾期节点', url: ROUTES.projects() },
];

/**
 * The staff entry: who you are and which complexes you act for. Staff tools (activities,
 * check-in, opinions, …) are added here by their subpackages.
 */
export default function WorkbenchPage() {
  const user = useSessionGate();
  const role = user?.role;
  const staff = !!role && role !== 'resident';
  // A worker sees the complexes they work for, a branch admin its paired ones, a district admin all.
  const scope = useRemote(
    staff,
    async () => {
      const [all, branch] = await Promise.all([placesApi.complexes(), role === 'branch_admin' && user?.branchId ? branchApi.branch(user.branchId) : null]);
      const ids = role === 'worker' || role === 'street_admin' ? (user?.complexIds ?? []) : branch ? branch.complexIds : null;
      return { complexes: ids ? all.filter((c) => ids.includes(c.id)) : all, branchName: branch?.name ?? null };
    },
    [user?.id, role, user?.branchId, user?.complexIds?.join()],
  );
  const complexes = scope.data?.complexes ?? null;
  const branchName = scope.data?.branchName ?? null;
  const error = scope.error;
  // 智能物联: unresolved device alerts of the complexes the user runs (the badge on 设备与告警)
  const { data: alerts } = useRemote(staff && role !== 'branch_admin', () => devicesApi.summary(), [user?.id, role]);
  const alertCount = alerts?.open ?? 0;
  const { data: todo } = useRemote(staff, () => dashboardApi.todo(), [user?.id, role]);

  if (user && user.role === 'resident') {
    return (
      <PageShell>
        <StatusView error="工作台仅供社区工作者和管理员使用" />
        <ActionButton onClick={() => Taro.switchTab({ url: ROUTES.home })}>
          回到首页
        </ActionButton>
      </PageShell>
    );
  }

  return (
    <PageShell className="xfh-workbench">
      <View className="xfh-card xfh-workbench__who">
        <Text className="xfh-heading">工作台</Text>
        {user && (
          <Text className="xfh-tag xfh-tag--flagship" id="workbench-role">
            {ROLE_LABELS[user.role]}
          </Text>
        )}
        {user?.role === 'branch_admin' && branchName && (
          <Text className="xfh-muted" id="workbench-branch">
            所属党支部：{branchName}
          </Text>
        )}
      </View>

      {todo && user?.role !== 'branch_admin' && (
        <View className="xfh-card" id="workbench-todo">
          <Text className="xfh-section-title">待办</Text>
          <View className="xfh-workbench__todos">
            {TODO_ITEMS.map((i) => (
              <View key={i.key} id={`todo-${i.key}`} className="xfh-workbench__todo" onClick={() => Taro.navigateTo({ url: i.url })}>
                <Text className={`xfh-workbench__badge${todo[i.key] ? ' xfh-workbench__badge--on' : ''}`} id={`todo-${i.key}-count`}>
                  {todo[i.key]}
                </Text>
                <Text>{i.label}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      {(user?.role === 'worker' || user?.role === 'street_admin' || user?.role === 'district_admin') && (
        <View className="xfh-workbench__entries">
          <ActionButton id="open-dashboard" onClick={() => Taro.navigateTo({ url: ROUTES.dashboard })}>
            数智平台：活跃指数与民意热度
          </ActionButton>
          <ActionButton id="open-opinion-inbox" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.opinionInbox })}>
            意见收件箱
          </ActionButton>
        </View>
      )}
      {user?.role === 'branch_admin' && (
        <ActionButton id="open-branch-workbench" onClick={() => Taro.navigateTo({ url: ROUTES.branchWorkbench })}>
          支部工作台：发布送服务、签到、记录
        </ActionButton>
      )}
      {user?.role === 'district_admin' && (
        <>
          <ActionButton id="open-pairings" onClick={() => Taro.navigateTo({ url: ROUTES.pairings })}>
            党支部结对管理
          </ActionButton>
          <ActionButton id="open-coverage" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.coverage })}>
            党员服务覆盖情况
          </ActionButton>
        </>
      )}
      {user && user.role !== 'branch_admin' && (
        <View className="xfh-card" id="workbench-residency">
          <Text className="xfh-section-title">居民与人员</Text>
          <ActionButton id="wb-residents" onClick={() => Taro.navigateTo({ url: ROUTES.residents })}>居民认证</ActionButton>
          <ActionButton id="wb-staff" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.staffAdmin })}>人员管理</ActionButton>
          {(user.role === 'street_admin' || user.role === 'district_admin') && (
            <ActionButton id="wb-places" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.placesAdmin })}>场所管理：综合体、站点、空间</ActionButton>
          )}
        </View>
      )}
      {(user?.role === 'worker' || user?.role === 'street_admin') && (
        <View className="xfh-card" id="workbench-volunteer">
          <Text className="xfh-section-title">志愿服务与积分</Text>
          <ActionButton id="wb-applications" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.volunteerStaffApplications })}>志愿者审核</ActionButton>
          <ActionButton id="wb-posts" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.volunteerStaffPosts })}>志愿岗位与时长确认</ActionButton>
          <ActionButton id="wb-verify" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.pointsStaffVerify })}>兑换核销</ActionButton>
          <ActionButton id="wb-rewards" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.pointsStaffRewards })}>兑换目录管理</ActionButton>
          <ActionButton id="wb-pool" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.helpPool })}>至善池与邻里互助</ActionButton>
        </View>
      )}
      <ActionButton id="workbench-activities" onClick={() => Taro.navigateTo({ url: ROUTES.manageActivities })}>
        活动管理：发布、名单、签到
      </ActionButton>

      <Text className="xfh-section-title">
        {SCOPE_TEXT[user?.role ?? ''] ?? '综合体'}
        {complexes ? `（${complexes.length}）` : ''}
      </Text>
      <StatusView
        loading={!!user && !complexes && !error}
        error={error}
        empty={complexes?.length === 0 ? '还没有分配给您的综合体，请联系区级管理员' : null}
      />
      <View id="workbench-complexes">
        {complexes?.slice(0, 20).map((c) => (
          <ComplexCard key={c.id} complex={c} />
        ))}
      </View>

      {user && user.role !== 'resident' && user.role !== 'branch_admin' && (
        <ActionButton id="workbench-devices" variant="secondary" onClick={() => Taro.navigateTo({ url: ROUTES.devices })}>
          {alertCount > 0 ? <Text className="xfh-error" id="workbench-alert-badge">{`【${alertCount} 条告警】`}</Text> : null}
          设备与告警（智能物联）
        </ActionButton>
      )}
      {(user?.role === 'worker' || user?.role === 'street_admin' || user?.role === 'district_admin') && (
        <ActionButton id="workbench-care" onClick={() => Taro.navigateTo({ url: ROUTES.careQueue })}>
          养老服务派单
        </ActionButton>
      )}

      <ActionButton variant="secondary" onClick={() => Taro.switchTab({ url: ROUTES.home })}>
        去居民首页
      </ActionButton>
    </PageShell>
  );
}
